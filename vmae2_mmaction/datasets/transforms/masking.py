"""Mask transforms: the encoder tube mask and the decoder running-cell mask.

Both add a bool [N] mask to the results (True = masked, see
``vmae2_mmaction.masking``) for the clip's token grid, (T / tubelet, H / patch,
W / patch); pack it with
``PackActionInputs(algorithm_keys=('encoder_mask', 'decoder_mask'))``.
``patch_size`` / ``tubelet_size`` are the backbone's (a config writes them
once, beside the backbone's; the model names a mask that does not fit it).
"""
from typing import Dict

import numpy as np
from mmaction.registry import TRANSFORMS
from mmcv.transforms import BaseTransform

from ...masking import TokenGrid, check_ratio, running_cell_maps, tube_mask


class ClipMasking(BaseTransform):
    """A mask over the token grid of ``results['imgs']``: frames (a list of
    HxWxC arrays, before FormatShape) or an array [..., T, H, W] after it."""

    def __init__(self, mask_ratio: float, patch_size: int, tubelet_size: int):
        name = type(self).__name__
        self.mask_ratio = check_ratio(mask_ratio, name)
        for key, value in (('patch_size', patch_size), ('tubelet_size', tubelet_size)):
            if not isinstance(value, int) or value < 1:
                raise ValueError(f"{name}: {key} must be the backbone's (a positive int), "
                                 f'got {value!r}')
        self.patch_size, self.tubelet_size = patch_size, tubelet_size

    def token_grid(self, results: Dict) -> TokenGrid:
        name = type(self).__name__
        imgs = results['imgs']
        if isinstance(imgs, np.ndarray) and imgs.ndim >= 4:  # after FormatShape
            t, h, w = imgs.shape[-3:]
        else:  # a list of HxWxC frames
            (h, w), t = imgs[0].shape[:2], len(imgs)
        p, tub = self.patch_size, self.tubelet_size
        if t % tub or h % p or w % p:
            raise ValueError(f'{name}: a clip of {t} frames x {h}x{w} px does not '
                             f'divide into tubelets of {tub} frames x {p}x{p} px')
        return t // tub, h // p, w // p

    def __repr__(self):
        return (f'{type(self).__name__}(mask_ratio={self.mask_ratio}, '
                f'patch_size={self.patch_size}, tubelet_size={self.tubelet_size})')


@TRANSFORMS.register_module()
class TubeMasking(ClipMasking):
    """Encoder tube mask: one random spatial mask shared by all time slices,
    ``int(mask_ratio * H' * W')`` tokens masked per slice.

    Args:
        patch_size, tubelet_size: the backbone's (see the module docstring).
        mask_ratio: fraction masked per slice (reference 0.9).

    Adds ``encoder_mask``: bool [T'*H'*W'].
    """

    def __init__(self, patch_size: int, tubelet_size: int, mask_ratio: float = 0.9):
        super().__init__(mask_ratio, patch_size, tubelet_size)

    def transform(self, results: Dict) -> Dict:
        results['encoder_mask'] = tube_mask(self.token_grid(results), self.mask_ratio)
        return results


@TRANSFORMS.register_module()
class RunningCellMasking(ClipMasking):
    """Decoder running-cell mask: a 2x2 cell pattern that advances one step
    per time slice, starting at one of its 4 phases, chosen at random.

    Args:
        patch_size, tubelet_size: the backbone's (see the module docstring);
            the token grid's H' and W' must be even.
        mask_ratio: 0.25, 0.5 (reference) or 0.75 of tokens dropped.

    Adds ``decoder_mask``: bool [T'*H'*W'], True = dropped from the decoder.
    """

    def __init__(self, patch_size: int, tubelet_size: int, mask_ratio: float = 0.5):
        super().__init__(mask_ratio, patch_size, tubelet_size)
        running_cell_maps((1, 2, 2), self.mask_ratio)  # checks the ratio now
        self._maps = {}  # token grid -> bool [4, N]

    def transform(self, results: Dict) -> Dict:
        grid = self.token_grid(results)
        if grid not in self._maps:
            self._maps[grid] = running_cell_maps(grid, self.mask_ratio).reshape(4, -1)
        results['decoder_mask'] = self._maps[grid][np.random.randint(4)].copy()
        return results
