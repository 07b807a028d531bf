"""The VideoMAE V2 ViT encoder (ViT-S/B/L/H/g), one class for every stage."""
from functools import lru_cache, partial
from typing import Dict, Optional, Sequence, Tuple, Union

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
import torch.utils.checkpoint as cp
from mmaction.registry import MODELS
from mmengine.model import BaseModule
from timm.models.beit import Block

from ...checkpoint.state_dict_hooks import register_backbone_hook
from ...masking import gather_tokens, kept_index
from ..layers.init import reference_init_
from ..layers.patches import patchify
from ..layers.position_encoding import resize_table, sinusoid_table


@lru_cache(maxsize=None)
def saved_by_selective_checkpointing() -> tuple:
    """The ops whose outputs ``cp_policy='save_matmuls'`` keeps: matrix
    products and the attention kernels this PyTorch has."""
    aten = torch.ops.aten
    names = ('_scaled_dot_product_flash_attention', '_scaled_dot_product_efficient_attention',
             '_scaled_dot_product_cudnn_attention', '_scaled_dot_product_flash_attention_for_cpu')
    attention = tuple(getattr(aten, name).default for name in names if hasattr(aten, name))
    return (aten.mm.default, aten.addmm.default, aten.bmm.default) + attention


def save_matmuls_context():
    """Selective checkpointing: keep the outputs of matrix products and
    attention, recompute the rest (norms, activations, residual adds)."""
    return cp.create_selective_checkpoint_contexts(list(saved_by_selective_checkpointing()))


class PatchEmbed3D(nn.Module):
    """Tubelet embedding: [B, 3, T, H, W] -> [B, T/t * H/p * W/p, C].

    A Conv3d with kernel = stride = (tubelet, patch, patch); tokens come out in
    (t, h, w) order.
    """

    def __init__(self, in_channels: int, embed_dims: int, patch_size: int, tubelet_size: int):
        super().__init__()
        self.patch_size = patch_size
        self.tubelet_size = tubelet_size
        kernel = (tubelet_size, patch_size, patch_size)
        self.proj = nn.Conv3d(in_channels, embed_dims, kernel, stride=kernel)

    def token_grid(self, video_shape: Sequence[int]) -> Tuple[int, int, int]:
        """(T', H', W') token grid of a [B, C, T, H, W] input."""
        t, h, w = video_shape[-3:]
        p, tub = self.patch_size, self.tubelet_size
        if t % tub or h % p or w % p:
            raise ValueError(f'input of {t} frames x {h}x{w} px does not divide into '
                             f'tubelets of {tub} frames x {p}x{p} px')
        return t // tub, h // p, w // p

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """[B, 3, T, H, W] -> all tokens [B, N, C]."""
        return self.proj(x).flatten(2).transpose(1, 2)

    def forward_kept(self, x: torch.Tensor, index: torch.Tensor) -> torch.Tensor:
        """Embed only the tokens at ``index`` (long [B, N_keep]), [B, N_keep, C].

        The same map as ``forward`` followed by gathering, as a matrix product
        over the kept tubelets: with 90% of tokens masked this skips 90% of the
        embedding work (forward and backward).
        """
        patches = patchify(x, self.tubelet_size, self.patch_size, channels_last=False)
        patches = gather_tokens(patches.flatten(2), index)  # [B, N_keep, C*t*p*p]
        return F.linear(patches, self.proj.weight.flatten(1), self.proj.bias)


@MODELS.register_module()
class VideoMAEv2ViT(BaseModule):
    """VideoMAE V2 vision transformer (the reference's encoder).

    Args:
        arch (str | dict): 's', 'b', 'l', 'h', 'g' or a dict with
            ``embed_dims``, ``num_layers``, ``num_heads``, ``mlp_ratio`` and
            optionally ``patch_size``.
        img_size (int): input resolution the position table is built for.
        num_frames (int): input frames the position table is built for.
        patch_size (int, optional): overrides the arch's patch size (16, g: 14).
        tubelet_size (int): frames per token.
        out_type (str): what ``forward`` returns:
            'tokens'   - final-norm visible tokens [B, N_vis, C] (pre-training),
            'avg'      - ``fc_norm`` of the token mean [B, C] (recognition),
            'featmap'  - final-norm tokens as a map [B, C, T', H', W']
                         (detection; as MMAction2's ``return_feat_map``).
        qkv_bias (bool): BEiT-style learned q and v bias (k bias is zero).
        drop_rate, attn_drop_rate, drop_path_rate (float): dropout rates; drop
            path grows linearly over the blocks up to ``drop_path_rate``.
        init_values (float): layer scale init; 0 disables layer scale.
        with_cp (bool): gradient checkpointing of the blocks (non-reentrant).
        num_cp_layers (int, optional): checkpoint only the first N blocks
            (all when None) to trade memory for speed.
        cp_policy (str): 'full' recomputes each checkpointed block in the
            backward; 'save_matmuls' keeps its matrix-product and attention
            outputs and recomputes only the cheap ops (less recompute, more
            memory).
        norm_eps (float): LayerNorm epsilon (reference 1e-6).
        embed_visible_only (bool): with a mask, embed only the visible
            tubelets (same output; with 90% masking it saves ~1.7 of the 35.5
            GFLOPs of ViT-B pre-training). False computes the embedding of
            every token first, as the reference does (and as the paper's FLOPs
            table counts).

    Mask (convention in ``vmae2_mmaction.masking``): bool [B, N] over tokens
    in (t, h, w) order, True = hidden from the encoder, or the visible tokens'
    indices, long [B, N_vis] (``TokenMasks.visible``: static shapes, no host
    sync); hidden tokens are dropped, not replaced, and every sample must hide
    the same number of tokens.

    The position table is a fixed sinusoid over the flattened token index,
    computed for (num_frames, img_size) and interpolated when an input's token
    grid differs. It is a non-persistent buffer: never stored in checkpoints.
    """
    arch_zoo = {
        's': dict(embed_dims=384, num_layers=12, num_heads=6, mlp_ratio=4.),
        'b': dict(embed_dims=768, num_layers=12, num_heads=12, mlp_ratio=4.),
        'l': dict(embed_dims=1024, num_layers=24, num_heads=16, mlp_ratio=4.),
        'h': dict(embed_dims=1280, num_layers=32, num_heads=16, mlp_ratio=4.),
        'g': dict(embed_dims=1408, num_layers=40, num_heads=16, mlp_ratio=48 / 11, patch_size=14),
    }
    out_types = ('tokens', 'avg', 'featmap')

    def __init__(self,
                 arch: Union[str, Dict] = 'b',
                 img_size: int = 224,
                 num_frames: int = 16,
                 patch_size: Optional[int] = None,
                 tubelet_size: int = 2,
                 in_channels: int = 3,
                 out_type: str = 'tokens',
                 qkv_bias: bool = True,
                 drop_rate: float = 0.,
                 attn_drop_rate: float = 0.,
                 drop_path_rate: float = 0.,
                 init_values: float = 0.,
                 with_cp: bool = False,
                 num_cp_layers: Optional[int] = None,
                 cp_policy: str = 'full',
                 norm_eps: float = 1e-6,
                 embed_visible_only: bool = True,
                 init_cfg: Optional[Union[Dict, list]] = None):
        super().__init__(init_cfg=init_cfg)
        self.arch_settings = self._arch_settings(arch)
        if out_type not in self.out_types:
            raise ValueError(f'out_type must be one of {self.out_types}, '
                             f'got {out_type!r}')
        self.out_type = out_type
        self.embed_visible_only = embed_visible_only
        self.embed_dims = self.arch_settings['embed_dims']
        self.num_layers = self.arch_settings['num_layers']
        self.patch_size = patch_size or self.arch_settings.get('patch_size', 16)
        self.patch_embed = PatchEmbed3D(in_channels, self.embed_dims, self.patch_size, tubelet_size)
        self.pos_grid = self.patch_embed.token_grid((num_frames, img_size, img_size))
        num_tokens = self.pos_grid[0] * self.pos_grid[1] * self.pos_grid[2]
        self.register_buffer(
            'pos_embed', sinusoid_table(num_tokens, self.embed_dims), persistent=False)  # [N, C]
        self.pos_drop = nn.Dropout(drop_rate)

        norm_layer = partial(nn.LayerNorm, eps=norm_eps)
        dpr = np.linspace(0, drop_path_rate, self.num_layers).tolist()
        self.blocks = nn.ModuleList([
            Block(
                dim=self.embed_dims,
                num_heads=self.arch_settings['num_heads'],
                qkv_bias=qkv_bias,
                mlp_ratio=self.arch_settings['mlp_ratio'],
                proj_drop=drop_rate,
                attn_drop=attn_drop_rate,
                drop_path=dpr[i],
                init_values=init_values or None,
                norm_layer=norm_layer) for i in range(self.num_layers)
        ])
        # 'tokens' ends with `norm`; 'avg' with `fc_norm` of the token mean (no
        # cls token), as the reference's pre-training and fine-tuning models;
        # 'featmap' with `norm`, as MMAction2's ViT for AVA (fresh when the
        # weights come from a recognizer).
        if out_type in ('tokens', 'featmap'):
            self.norm = norm_layer(self.embed_dims)
        elif out_type == 'avg':
            self.fc_norm = norm_layer(self.embed_dims)
        if cp_policy not in ('full', 'save_matmuls'):
            raise ValueError(f"cp_policy must be 'full' or 'save_matmuls', got {cp_policy!r}")
        self.cp_policy = cp_policy
        self.set_grad_checkpointing(with_cp, num_cp_layers)
        register_backbone_hook(self)  # MMAction2's key names load too

    @classmethod
    def _arch_settings(cls, arch: Union[str, Dict]) -> Dict:
        if isinstance(arch, str):
            if arch.lower() not in cls.arch_zoo:
                raise ValueError(f'unknown arch {arch!r}; choose one of '
                                 f'{sorted(cls.arch_zoo)} or pass a dict')
            return dict(cls.arch_zoo[arch.lower()])
        required = {'embed_dims', 'num_layers', 'num_heads'}
        missing = required - set(arch)
        if missing:
            raise ValueError(f'arch dict lacks keys {sorted(missing)}')
        return dict(dict(mlp_ratio=4.), **arch)

    def init_weights(self):
        """The reference's init (xavier-uniform linears, zero biases, unit
        LayerNorms), then ``init_cfg`` (e.g. ``VideoMAEv2Pretrained``)."""
        reference_init_(self)
        super().init_weights()

    def set_grad_checkpointing(self, enable: bool = True, num_layers: Optional[int] = None) -> None:
        """Checkpoint the first ``num_layers`` blocks (all when None)."""
        self.num_cp_layers = (
            num_layers if num_layers is not None else self.num_layers) if enable else 0

    def no_weight_decay(self) -> set:
        """Parameter names excluded from weight decay besides 1-D ones.

        The position table is a buffer, not a parameter, so nothing is left.
        """
        return set()

    def get_layer_id(self, param_name: str) -> int:
        """Layer id for layer-wise lr decay, in [0, num_layers + 1].

        Patch embedding (and position table) 0, block k -> k + 1, the final
        norms -> num_layers + 1. Names are relative to the backbone.
        """
        if param_name.startswith(('patch_embed', 'pos_embed')):
            return 0
        if param_name.startswith('blocks.'):
            return int(param_name.split('.')[1]) + 1
        return self.num_layers + 1

    def pos_table(self, grid: Tuple[int, int, int]) -> torch.Tensor:
        """Position table [N, C] for a token grid, interpolated if needed."""
        return resize_table(self.pos_embed, self.pos_grid, grid)

    def forward(self,
                x: torch.Tensor,
                mask: Optional[torch.Tensor] = None,
                *,
                visible: Optional[torch.Tensor] = None) -> torch.Tensor:
        """x: [B, 3, T, H, W]. The tokens encoded: all (neither argument), or
        those ``mask`` leaves visible (bool [B, N], True = hidden), or those
        at ``visible`` (long [B, N_vis] token indices, ``TokenMasks.visible``:
        static shapes)."""
        if mask is not None:
            if visible is not None or mask.dtype != torch.bool:
                raise TypeError('VideoMAEv2ViT: mask is a bool [B, N] tensor (True = hidden), '
                                f'got {mask.dtype}; pass token indices as visible=..., '
                                'not both')
            visible = kept_index(mask)  # [B, N_vis]
        grid = self.patch_embed.token_grid(x.shape)
        pos = self.pos_table(grid).to(x.dtype)  # [N, C]
        if visible is None:
            x = self.patch_embed(x) + pos  # [B, N, C]
        else:
            if self.embed_visible_only:
                x = self.patch_embed.forward_kept(x, visible)
            else:
                x = gather_tokens(self.patch_embed(x), visible)
            x = x + pos[visible]  # [B, N_vis, C]
        B, _, C = x.shape
        x = self.pos_drop(x)
        for i, blk in enumerate(self.blocks):
            if i < self.num_cp_layers and torch.is_grad_enabled():
                selective = self.cp_policy == 'save_matmuls'
                kwargs = dict(context_fn=save_matmuls_context) if selective else {}
                x = cp.checkpoint(blk, x, use_reentrant=False, **kwargs)
            else:
                x = blk(x)
        if self.out_type == 'tokens':
            return self.norm(x)
        if self.out_type == 'avg':
            return self.fc_norm(x.mean(1))
        if visible is not None:
            raise ValueError("out_type='featmap' needs every token (no mask)")
        return self.norm(x).transpose(1, 2).reshape(B, C, *grid)  # [B, C, T', H', W']
