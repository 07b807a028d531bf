"""ActionFormer's temporal backbone: masked 1-D convs and local-window
transformer blocks over a [B, C, T] feature sequence with a [B, T] mask.

Neither MMAction2 nor mmdet/timm has masked 1-D local-window attention, so it
lives here. Unlike the ActionFormer code, every layer zeroes padded positions
before it reads them, so outputs at valid positions do not depend on how much
padding a batch has (batched and single-video inference agree).
"""
import torch
import torch.nn as nn
import torch.nn.functional as F
from mmaction.registry import MODELS
from timm.layers import DropPath


class LayerNorm1d(nn.LayerNorm):
    """LayerNorm over the channels of a [B, C, T] tensor."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return super().forward(x.transpose(1, 2)).transpose(1, 2)


class MaskedConv1d(nn.Conv1d):
    """Conv1d that ignores padded inputs and zeroes padded outputs.

    ``forward(x [B, C, T], mask [B, T] bool) -> (y [B, C', T / stride], mask')``;
    the mask is subsampled by the stride (T must be divisible by it).
    """

    def __init__(self, in_channels, out_channels, kernel_size, stride=1, **kwargs):
        super().__init__(
            in_channels,
            out_channels,
            kernel_size,
            stride=stride,
            padding=kernel_size // 2,
            **kwargs)

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> tuple:
        stride = self.stride[0]
        if x.shape[-1] % stride:
            raise ValueError(f'sequence length {x.shape[-1]} is not divisible '
                             f'by the stride {stride}')
        out_mask = mask[:, ::stride]
        y = super().forward(x * mask[:, None].to(x.dtype))
        return y * out_mask[:, None].to(y.dtype), out_mask


def local_attention(q: torch.Tensor,
                    k: torch.Tensor,
                    v: torch.Tensor,
                    key_mask: torch.Tensor,
                    window: int,
                    block: int = 64,
                    dropout: float = 0.) -> torch.Tensor:
    """Each query attends to the valid keys within ``window // 2`` positions.

    Queries are cut into blocks of ``block``; each block attends through SDPA to
    its keys plus ``window // 2`` on each side, with a band mask. Work is
    O(T * (block + window)) instead of O(T^2).

    Args:
        q, k, v (Tensor): [B, heads, T, D].
        key_mask (Tensor): [B, T] bool, True for valid keys.

    Returns:
        Tensor: [B, heads, T, D]; rows of padded queries are arbitrary but finite.
    """
    B, H, T, D = q.shape
    half = window // 2
    block = min(block, T)
    num_blocks = -(-T // block)
    pad_t = num_blocks * block - T
    span = block + 2 * half
    q = F.pad(q, (0, 0, 0, pad_t)).view(B, H, num_blocks, block, D)
    # keys/values of block b: padded positions [b * block, b * block + span)
    k = F.pad(k, (0, 0, half, half + pad_t)).unfold(2, span, block).transpose(-1, -2)
    v = F.pad(v, (0, 0, half, half + pad_t)).unfold(2, span, block).transpose(-1, -2)
    valid = F.pad(key_mask, (half, half + pad_t)).unfold(1, span, block)  # [B, nb, span]
    offset = (torch.arange(span, device=q.device)[None, :] -
              torch.arange(block, device=q.device)[:, None])  # key - query + half
    band = (offset >= 0) & (offset <= 2 * half)  # [block, span]
    diagonal = offset == half  # every query may see itself: no all-masked rows
    attn_mask = band & (valid[:, None, :, None, :] | diagonal)  # [B,1,nb,block,span]
    out = F.scaled_dot_product_attention(q, k, v, attn_mask=attn_mask, dropout_p=dropout)
    return out.reshape(B, H, num_blocks * block, D)[:, :, :T]


class LocalMaskedAttention(nn.Module):
    """Multi-head local attention with depthwise-conv query/key/value (stride s).

    ``forward(x [B, C, T], mask [B, T]) -> (y [B, C, T / s], mask [B, T / s])``.
    """

    def __init__(self,
                 embed_dims: int,
                 num_heads: int,
                 window_size: int,
                 stride: int = 1,
                 attn_drop: float = 0.,
                 proj_drop: float = 0.):
        super().__init__()
        assert embed_dims % num_heads == 0
        self.num_heads, self.window_size, self.attn_drop = num_heads, window_size, attn_drop
        for name in ('query', 'key', 'value'):
            self.add_module(
                f'{name}_conv',
                MaskedConv1d(
                    embed_dims, embed_dims, 3, stride=stride, groups=embed_dims, bias=False))
            self.add_module(f'{name}_norm', LayerNorm1d(embed_dims))
            self.add_module(name, nn.Conv1d(embed_dims, embed_dims, 1))
        self.proj = nn.Conv1d(embed_dims, embed_dims, 1)
        self.proj_drop = nn.Dropout(proj_drop)

    def _heads(self, name: str, x: torch.Tensor, mask: torch.Tensor) -> tuple:
        y, out_mask = getattr(self, f'{name}_conv')(x, mask)
        y = getattr(self, name)(getattr(self, f'{name}_norm')(y))  # [B, C, T']
        B, C, T = y.shape
        return y.view(B, self.num_heads, C // self.num_heads, T).transpose(2, 3), out_mask

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> tuple:
        q, out_mask = self._heads('query', x, mask)
        k, _ = self._heads('key', x, mask)
        v, _ = self._heads('value', x, mask)
        out = local_attention(
            q, k, v, out_mask, self.window_size, dropout=self.attn_drop if self.training else 0.)
        B, h, T, d = out.shape
        out = self.proj_drop(self.proj(out.transpose(2, 3).reshape(B, h * d, T)))
        return out * out_mask[:, None].to(out.dtype), out_mask


class LayerScale1d(nn.Module):
    """Per-channel scale of a [B, C, T] tensor (ActionFormer's AffineDropPath)."""

    def __init__(self, dims: int, init_value: float = 1e-4):
        super().__init__()
        self.scale = nn.Parameter(torch.full((1, dims, 1), init_value))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x * self.scale


class TransformerBlock1d(nn.Module):
    """Pre-norm local-attention block; ``stride`` 2 halves the sequence.

    The skip path is a max-pool (kernel 3) over valid positions when strided.
    With ``drop_path`` > 0 both residual branches get a layer scale (1e-4) and
    drop path, as ActionFormer does.
    """

    def __init__(self,
                 embed_dims: int,
                 num_heads: int,
                 window_size: int,
                 stride: int = 1,
                 mlp_ratio: int = 4,
                 drop_path: float = 0.,
                 attn_drop: float = 0.,
                 proj_drop: float = 0.):
        super().__init__()
        self.stride = stride
        self.ln1 = LayerNorm1d(embed_dims)
        self.attn = LocalMaskedAttention(
            embed_dims, num_heads, window_size, stride, attn_drop=attn_drop, proj_drop=proj_drop)
        self.ln2 = LayerNorm1d(embed_dims)
        hidden = mlp_ratio * embed_dims
        self.mlp = nn.Sequential(
            nn.Conv1d(embed_dims, hidden, 1), nn.GELU(), nn.Dropout(proj_drop),
            nn.Conv1d(hidden, embed_dims, 1), nn.Dropout(proj_drop))
        scaled = drop_path > 0
        self.scale_attn = LayerScale1d(embed_dims) if scaled else nn.Identity()
        self.scale_mlp = LayerScale1d(embed_dims) if scaled else nn.Identity()
        self.drop_path = DropPath(drop_path) if scaled else nn.Identity()

    def skip(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        if self.stride == 1:
            return x
        x = x.masked_fill(~mask[:, None], float('-inf'))
        return F.max_pool1d(x, self.stride + 1, self.stride, (self.stride + 1) // 2)

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> tuple:
        attn, out_mask = self.attn(self.ln1(x), mask)
        keep = out_mask[:, None].to(x.dtype)
        x = self.skip(x, mask).masked_fill(~out_mask[:, None], 0.)
        x = x + self.drop_path(self.scale_attn(attn))
        x = x + self.drop_path(self.scale_mlp(self.mlp(self.ln2(x)) * keep))
        return x, out_mask


@MODELS.register_module()
class ConvTransformer1d(nn.Module):
    """Embedding convs, stem blocks and strided blocks -> a feature pyramid.

    ``arch = (embed convs, stem blocks, downsampling blocks)``; the pyramid has
    ``1 + arch[2]`` levels with strides 1, 2, 4, ... Input [B, C_in, T] with
    T divisible by ``2 ** arch[2]``; outputs lists of [B, C, T / 2^l] and masks.
    """

    def __init__(self,
                 in_channels: int,
                 embed_dims: int = 512,
                 num_heads: int = 4,
                 window_size: int = 19,
                 arch: tuple = (2, 2, 5),
                 kernel_size: int = 3,
                 drop_path_rate: float = 0.1,
                 attn_drop: float = 0.,
                 proj_drop: float = 0.):
        super().__init__()
        self.arch, self.embed_dims = tuple(arch), embed_dims
        self.embed = nn.ModuleList(
            MaskedConv1d(
                in_channels if i == 0 else embed_dims, embed_dims, kernel_size, bias=False)
            for i in range(arch[0]))
        self.embed_norm = nn.ModuleList(LayerNorm1d(embed_dims) for _ in range(arch[0]))
        block = dict(
            embed_dims=embed_dims,
            num_heads=num_heads,
            window_size=window_size,
            drop_path=drop_path_rate,
            attn_drop=attn_drop,
            proj_drop=proj_drop)
        self.stem = nn.ModuleList(TransformerBlock1d(**block) for _ in range(arch[1]))
        self.branch = nn.ModuleList(TransformerBlock1d(stride=2, **block) for _ in range(arch[2]))

    @property
    def num_levels(self) -> int:
        return 1 + self.arch[2]

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> tuple:
        for conv, norm in zip(self.embed, self.embed_norm):
            x, mask = conv(x, mask)
            x = F.relu(norm(x)) * mask[:, None].to(x.dtype)
        for blk in self.stem:
            x, mask = blk(x, mask)
        feats, masks = [x], [mask]
        for blk in self.branch:
            x, mask = blk(x, mask)
            feats.append(x)
            masks.append(mask)
        return feats, masks
