"""MMAction2's ``Resize`` that writes the clip into one array."""
import mmcv
import numpy as np
from mmaction.datasets.transforms import Resize
from mmaction.registry import TRANSFORMS


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
        for img, resized in zip(imgs, out):  # OpenCV writes into ``out``
            mmcv.imresize(img, (new_w, new_h), interpolation=self.interpolation, out=resized)
        return out
