"""Resize and normalise frames in float, as feature extraction does."""
from typing import Dict, Sequence, Tuple

import numpy as np
import torch
import torch.nn.functional as F
from mmaction.registry import TRANSFORMS
from mmcv.transforms import BaseTransform


@TRANSFORMS.register_module()
class FloatResizeNormalize(BaseTransform):
    """Frames -> one float32 tensor ``[F, 3, H, W]``: resized without rounding
    to uint8 (bilinear, half-pixel centres, no anti-aliasing: torch's
    ``F.interpolate``), then ``(x - mean) / std`` on the 0-255 scale.

    MMAction2's ``Resize`` rounds its output to uint8 and its data
    preprocessor normalises after; clip features for temporal localization are
    computed from float frames, so the resize and the normalisation are one
    transform here. ``mean=(0, 0, 0), std=(255, 255, 255)`` is VideoMAE V2's
    feature-extraction preprocessing (frames / 255, no mean / std).

    Args:
        scale (tuple[int, int]): output (height, width); the aspect ratio is not kept.
        mean (Sequence[float]): per RGB channel, 0-255 scale.
        std (Sequence[float]): per RGB channel, 0-255 scale.

    Required key: ``imgs`` (list of HxWx3 uint8 RGB arrays). Modified keys:
    ``imgs`` (the tensor), ``img_shape``.
    """

    def __init__(self,
                 scale: Tuple[int, int],
                 mean: Sequence[float] = (0., 0., 0.),
                 std: Sequence[float] = (1., 1., 1.)):
        self.scale = tuple(int(s) for s in scale)
        self.mean = torch.tensor(mean, dtype=torch.float32).view(1, 3, 1, 1)
        self.std = torch.tensor(std, dtype=torch.float32).view(1, 3, 1, 1)

    def transform(self, results: Dict) -> Dict:
        frames = torch.from_numpy(np.stack(results['imgs'])).permute(0, 3, 1, 2).float()
        frames = F.interpolate(frames, size=self.scale, mode='bilinear', align_corners=False)
        results['imgs'] = (frames - self.mean) / self.std  # [F, 3, H, W]
        results['img_shape'] = self.scale
        return results

    def __repr__(self) -> str:
        return (f'{type(self).__name__}(scale={self.scale}, mean={self.mean.flatten().tolist()}, '
                f'std={self.std.flatten().tolist()})')
