"""MMAction2's ``Resize`` that writes the clip into one array."""
from typing import Optional

import mmcv
import numpy as np
from mmaction.datasets.transforms import Resize
from mmaction.registry import TRANSFORMS


def resized_rows(height: int, out_height: int) -> Optional[np.ndarray]:
    """The rows of a frame ``height`` rows high that OpenCV's bilinear
    resize to ``out_height`` rows reads (sorted), or None for all: output
    row y interpolates rows floor(f) and floor(f) + 1, f = (y + 0.5) *
    scale - 0.5 in float32, clamped to the frame (OpenCV's ``resize``).
    The columns it reads: the same with widths."""
    scale = 1.0 / (out_height / height)  # OpenCV's: the inverse of its inverse
    f = ((np.arange(out_height) + 0.5) * scale - 0.5).astype(np.float32)
    first = np.floor(f).astype(np.int64)
    rows = np.unique(np.clip(np.concatenate([first, first + 1]), 0, height - 1))
    return None if len(rows) == height else rows


@TRANSFORMS.register_module()
class StackedResize(Resize):
    """``Resize`` (the same arguments and frames) whose resized frames are
    written into one array [N, H, W, C] instead of a list of N arrays:
    ``FormatShape`` then takes that array as it is, where it copies a list
    into one (a copy of every output frame). Later transforms that index or
    iterate the frames (``Flip``, ``RandomErasing``, the masks) work on it
    unchanged.
    """

    def _resize_imgs(self, imgs, new_w, new_h):
        out = np.empty((len(imgs), new_h, new_w) + imgs[0].shape[2:], imgs[0].dtype)
        for img, resized in zip(imgs, out):
            self.resize_into(img, resized)
        return out

    def resize_into(self, img: np.ndarray, out: np.ndarray) -> np.ndarray:
        """``img`` resized to the size of ``out``, written into it (OpenCV
        writes into ``out``)."""
        return mmcv.imresize(img, out.shape[1::-1], interpolation=self.interpolation, out=out)
