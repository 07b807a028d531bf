"""Fixed sinusoid position tables over the flattened (t, h, w) token index."""
from typing import Sequence

import numpy as np
import torch
import torch.nn.functional as F


def sinusoid_table(num_tokens: int, dims: int) -> torch.Tensor:
    """The reference's 1-D sinusoid table, [num_tokens, dims] float32.

    Row n, column j: sin (j even) or cos (j odd) of n / 10000^(2 * (j // 2) / dims).
    Computed in float64 as the reference does (numpy), then cast to float32, so
    the result is bit-identical to the reference's table.
    """
    num_tokens, dims = int(num_tokens), int(dims)  # may be traced shapes
    position = np.arange(num_tokens, dtype=np.float64)[:, None]
    exponent = 2 * (np.arange(dims) // 2) / dims
    table = position / np.power(10000, exponent)[None, :]
    table[:, 0::2] = np.sin(table[:, 0::2])
    table[:, 1::2] = np.cos(table[:, 1::2])
    return torch.from_numpy(table).float()


def resize_table(table: torch.Tensor, src_grid: Sequence[int],
                 dst_grid: Sequence[int]) -> torch.Tensor:
    """Interpolate a [T*H*W, C] table from ``src_grid`` (T, H, W) to ``dst_grid``.

    Spatially bicubic per temporal slice (as MMAction2's ViT and the VideoMAE
    detection code do), then linear along time when the slice count differs.
    """
    src_grid, dst_grid = tuple(src_grid), tuple(dst_grid)
    if src_grid == dst_grid:
        return table
    t, h, w = src_grid
    dims = table.shape[-1]
    x = table.reshape(t, h, w, dims).permute(0, 3, 1, 2)  # [T, C, H, W]
    if (h, w) != dst_grid[1:]:
        x = F.interpolate(x, size=dst_grid[1:], mode='bicubic', align_corners=False)
    if t != dst_grid[0]:
        x = x.permute(1, 2, 3, 0).reshape(1, -1, t)  # [1, C*H*W, T]
        x = F.interpolate(x, size=dst_grid[0], mode='linear', align_corners=False)
        x = x.reshape(dims, *dst_grid[1:], dst_grid[0]).permute(3, 0, 1, 2)
    return x.permute(0, 2, 3, 1).reshape(-1, dims)
