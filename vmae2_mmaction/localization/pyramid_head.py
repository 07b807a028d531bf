"""ActionFormer's heads: one masked conv tower shared by every pyramid level."""
import torch
import torch.nn as nn
import torch.nn.functional as F
from mmaction.registry import MODELS

from .temporal_transformer import LayerNorm1d, MaskedConv1d


@MODELS.register_module()
class PyramidConvHead(nn.Module):
    """``num_convs - 1`` masked convs (LayerNorm, ReLU), then a masked conv to
    ``out_channels``: ``forward(x [B, C, T_l], mask [B, T_l]) -> [B, out, T_l]``,
    the same weights at every level.

    Args:
        in_channels (int): the pyramid's channels.
        out_channels (int): classes (classification) or 2 (start / end offsets).
        feat_channels (int): channels of the tower.
        num_convs (int): convs in all, the output conv included.
        kernel_size (int): temporal kernel of every conv.
    """

    def __init__(self,
                 in_channels: int,
                 out_channels: int,
                 feat_channels: int = 512,
                 num_convs: int = 3,
                 kernel_size: int = 3):
        super().__init__()
        self.in_channels, self.out_channels = in_channels, out_channels
        self.convs = nn.ModuleList(
            MaskedConv1d(
                in_channels if i == 0 else feat_channels, feat_channels, kernel_size, bias=False)
            for i in range(num_convs - 1))
        self.norms = nn.ModuleList(LayerNorm1d(feat_channels) for _ in range(num_convs - 1))
        self.out = MaskedConv1d(feat_channels, out_channels, kernel_size)

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        for conv, norm in zip(self.convs, self.norms):
            x = F.relu(norm(conv(x, mask)[0]))
        return self.out(x, mask)[0]
