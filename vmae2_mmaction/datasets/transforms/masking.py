"""Mask transforms: the encoder tube mask and the decoder running-cell mask.

Both add a bool [N] mask to the results (True = masked, see
``vmae2_mmaction.masking``); pack it with
``PackActionInputs(algorithm_keys=('encoder_mask', 'decoder_mask'))``.
"""
from typing import Dict, Sequence

import numpy as np
from mmaction.registry import TRANSFORMS
from mmcv.transforms import BaseTransform

from ...masking import (check_ratio, check_token_grid, running_cell_maps,
                        tube_mask)


def _check_clip(results: Dict, token_grid, patch_size, tubelet_size, name):
    """The clip (after FormatShape) must have the configured token grid."""
    imgs = results.get('imgs')
    if patch_size is None or not hasattr(imgs, 'shape') or imgs.ndim < 4:
        return
    t, h, w = imgs.shape[-3:]
    got = (t // tubelet_size, h // patch_size, w // patch_size)
    if got != tuple(token_grid):
        raise ValueError(f'{name}: clip of {t} frames x {h}x{w} px gives token '
                         f'grid {got}, the transform was built for {tuple(token_grid)}')


@TRANSFORMS.register_module()
class TubeMasking(BaseTransform):
    """Encoder tube mask: one random spatial mask shared by all time slices.

    Args:
        token_grid: (T', H', W') tokens of a clip, e.g. (8, 14, 14) for
            16 frames, 224 px, patch 16, tubelet 2.
        mask_ratio: fraction masked per slice (``int(ratio * H' * W')``).
        patch_size, tubelet_size: when given, the clip shape is checked
            against ``token_grid`` (call after FormatShape).

    Adds ``encoder_mask``: bool [T'*H'*W'].
    """

    def __init__(self, token_grid: Sequence[int], mask_ratio: float = 0.9,
                 patch_size=None, tubelet_size: int = 2):
        self.token_grid = check_token_grid(token_grid)
        self.mask_ratio = check_ratio(mask_ratio, 'TubeMasking')
        self.patch_size, self.tubelet_size = patch_size, tubelet_size

    def transform(self, results: Dict) -> Dict:
        _check_clip(results, self.token_grid, self.patch_size, self.tubelet_size,
                    'TubeMasking')
        results['encoder_mask'] = tube_mask(self.token_grid, self.mask_ratio)
        return results

    def __repr__(self):
        return (f'{self.__class__.__name__}(token_grid={self.token_grid}, '
                f'mask_ratio={self.mask_ratio})')


@TRANSFORMS.register_module()
class RunningCellMasking(BaseTransform):
    """Decoder running-cell mask: a 2x2 cell pattern that advances one step
    per time slice, starting at one of its 4 phases, chosen at random.

    Args:
        token_grid: (T', H', W'); H' and W' must be even.
        mask_ratio: 0.25, 0.5 (reference) or 0.75 of tokens dropped.
        patch_size, tubelet_size: as for ``TubeMasking``.

    Adds ``decoder_mask``: bool [T'*H'*W'], True = dropped from the decoder.
    """

    def __init__(self, token_grid: Sequence[int], mask_ratio: float = 0.5,
                 patch_size=None, tubelet_size: int = 2):
        self.token_grid = check_token_grid(token_grid)
        self.mask_ratio = check_ratio(mask_ratio, 'RunningCellMasking')
        self.maps = running_cell_maps(self.token_grid, self.mask_ratio).reshape(4, -1)
        self.patch_size, self.tubelet_size = patch_size, tubelet_size

    def transform(self, results: Dict) -> Dict:
        _check_clip(results, self.token_grid, self.patch_size, self.tubelet_size,
                    'RunningCellMasking')
        results['decoder_mask'] = self.maps[np.random.randint(4)].copy()
        return results

    def __repr__(self):
        return (f'{self.__class__.__name__}(token_grid={self.token_grid}, '
                f'mask_ratio={self.mask_ratio})')
