"""Masks of VideoMAE V2 as pure functions, and the one statement of their convention.

Convention (shared by the data transforms, the models and the golden fixtures):
- tokens are ordered (t, h, w): t over tubelets (frames / tubelet size), h and w
  over patches; a mask over a clip is bool [N] (one sample) or [B, N], N = T*H*W;
- encoder mask: True = token hidden from the encoder (dropped, not replaced);
- decoder mask: True = token dropped from the decoder (no prediction for it);
- the loss covers tokens that are encoder-masked AND decoder-kept. Without a
  decoder mask, the decoder keeps exactly the encoder-masked tokens
  (``decoder_mask = ~encoder_mask``, the reference's fallback).
- inside the model, a mask travels as ``TokenMasks``: the encoder mask plus
  the indices of the visible and of the decoder-kept tokens. Index tensors
  have static shapes (every sample keeps the same number of tokens), so the
  model selects tokens by gathering, with no host-device synchronisation and
  no data-dependent shapes (``torch.compile(fullgraph=True)`` traces it).
"""
from typing import NamedTuple, Sequence, Tuple

import numpy as np
import torch

TokenGrid = Tuple[int, int, int]


def check_token_grid(token_grid: Sequence[int]) -> TokenGrid:
    grid = tuple(int(v) for v in token_grid)
    if len(grid) != 3 or min(grid) <= 0:
        raise ValueError(f'token_grid must be (T, H, W) of positive ints, got '
                         f'{tuple(token_grid)}')
    return grid


def check_ratio(mask_ratio: float, name: str) -> float:
    if not 0 < mask_ratio < 1:
        raise ValueError(f'{name}: mask_ratio must lie in (0, 1), got {mask_ratio}')
    return float(mask_ratio)


def tube_mask(token_grid: Sequence[int],
              mask_ratio: float,
              rng: np.random.RandomState = np.random) -> np.ndarray:
    """Tube mask, bool [T*H*W]: one random spatial mask repeated over time.

    ``int(mask_ratio * H * W)`` tokens of each temporal slice are masked
    (176 of 196 at ratio 0.9, 224 px, patch 16), as the reference does.
    """
    t, h, w = check_token_grid(token_grid)
    num_masked = int(mask_ratio * h * w)
    per_slice = np.hstack(
        [np.zeros(h * w - num_masked, dtype=bool),
         np.ones(num_masked, dtype=bool)])
    rng.shuffle(per_slice)
    return np.tile(per_slice, (t, 1)).flatten()


def running_cell_maps(token_grid: Sequence[int], mask_ratio: float) -> np.ndarray:
    """All running-cell masks, bool [4, T, H*W]; entry k starts at phase k.

    A 2x2 cell holds ``int(4 * mask_ratio)`` masked slots in a cyclic queue;
    the queue pointer advances one step before every temporal slice and the
    2x2 pattern is tiled over the H x W grid (the reference's
    ``RunningCellMaskingGenerator``). True = dropped from the decoder.
    """
    t, h, w = check_token_grid(token_grid)
    if h % 2 or w % 2:
        raise ValueError(f'running cell: a 2x2 cell cannot tile a token grid of '
                         f'{h}x{w} (H and W must be even); token_grid={tuple(token_grid)}')
    num_masked = round(4 * mask_ratio)
    if not 0 < num_masked < 4 or abs(num_masked - 4 * mask_ratio) > 1e-9:
        raise ValueError(f'running cell: mask_ratio must be 0.25, 0.5 or 0.75 '
                         f'(a multiple of 1/4 in (0, 1)), got {mask_ratio}')
    queue = np.arange(4) < num_masked  # masked slots first
    maps = np.empty((4, t, h * w), dtype=bool)
    for start in range(4):
        for k in range(t):
            cell = np.roll(queue, -(start + k + 1)).reshape(2, 2)
            maps[start, k] = np.tile(cell, (h // 2, w // 2)).flatten()
    return maps


def count_per_sample(mask: torch.Tensor, name: str) -> int:
    """Number of True per row of a bool [B, N] mask; they must all be equal."""
    if mask.dtype != torch.bool or mask.dim() != 2:
        raise ValueError(f'{name} must be bool [B, N], got {mask.dtype} '
                         f'{tuple(mask.shape)}')
    counts = mask.sum(1)
    if bool((counts != counts[0]).any()):
        raise ValueError(f'{name}: every sample must mask the same number of '
                         f'tokens, got {counts.tolist()}')
    return int(counts[0])


def kept_index(mask: torch.Tensor, name: str = 'mask') -> torch.Tensor:
    """Indices of each row's False tokens, long [B, N_false], in token order.

    Every row must keep the same number of tokens (checked; on a GPU tensor
    the check reads the counts back, so build indices on the host).
    """
    num_true = count_per_sample(mask, name)
    order = torch.argsort(mask.to(torch.uint8), dim=1, stable=True)  # False first
    return order[:, :mask.shape[1] - num_true]


def gather_tokens(x: torch.Tensor, index: torch.Tensor) -> torch.Tensor:
    """x [B, N, ...] at index long [B, K] -> [B, K, ...]."""
    rows = torch.arange(x.shape[0], device=x.device)[:, None]
    return x[rows, index]


class TokenMasks(NamedTuple):
    """The masks of a batch as the model uses them (see the convention above).

    encoder: bool [B, N], True = hidden from the encoder;
    visible: long [B, N_vis], the encoder-visible tokens;
    kept: long [B, N_keep], the decoder-kept tokens (the decoder predicts them).
    """
    encoder: torch.Tensor
    visible: torch.Tensor
    kept: torch.Tensor

    @classmethod
    def from_masks(cls, encoder_mask: torch.Tensor, decoder_mask: torch.Tensor) -> 'TokenMasks':
        """Bool [B, N] encoder and decoder masks -> ``TokenMasks``."""
        return cls(encoder_mask, kept_index(encoder_mask, 'encoder_mask'),
                   kept_index(decoder_mask, 'decoder_mask'))

    def to(self, device, non_blocking: bool = False) -> 'TokenMasks':
        return TokenMasks(*(t.to(device, non_blocking=non_blocking) for t in self))

    @property
    def loss_weight(self) -> torch.Tensor:
        """bool [B, N_keep]: which predicted tokens the loss counts (hidden ones)."""
        return gather_tokens(self.encoder, self.kept)
