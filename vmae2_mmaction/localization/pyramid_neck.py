"""ActionFormer's neck: a LayerNorm per pyramid level."""
import torch.nn as nn
from mmaction.registry import MODELS

from .temporal_transformer import LayerNorm1d


@MODELS.register_module()
class PyramidLayerNorm(nn.ModuleList):
    """ActionFormer's neck: a LayerNorm over the channels of each pyramid level,
    ``forward(levels: list of [B, C, T_l]) -> list of [B, C, T_l]``.

    Args:
        in_channels (int): the pyramid's channels.
        num_levels (int): pyramid levels.
    """

    def __init__(self, in_channels: int, num_levels: int):
        super().__init__(LayerNorm1d(in_channels) for _ in range(num_levels))
        self.in_channels = in_channels

    def forward(self, levels: list) -> list:
        return [norm(x) for norm, x in zip(self, levels)]
