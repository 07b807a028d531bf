"""MMAction2's ``RandomErasing`` with the clip's random fill drawn at once."""
from typing import Dict

import numpy as np
from mmaction.datasets.transforms.processing import RandomErasing
from mmaction.registry import TRANSFORMS


@TRANSFORMS.register_module()
class ClipRandomErasing(RandomErasing):
    """``RandomErasing`` (the same arguments, the same draws of whether to
    erase and of the box, one box for every frame) whose normal fill
    (``mode='rand'`` with ``fill_std``: ``fill_color + fill_std x N(0, 1)``
    per pixel, channel and frame, truncated to integers and clipped to
    [0, 255]) is drawn for the whole clip in one call.

    MMAction2 draws that fill frame by frame from NumPy's legacy generator
    (about 40 ns a value: 20 ms for an erased 16-frame clip with an average
    box at 224 pixels, a tenth of that clip's loading time). Here one value
    from the legacy generator seeds a ``numpy.random.Generator`` that draws
    float32 normals for every frame at once: the same distribution and the
    same determinism under a seeded legacy state, other numbers. The other
    modes are ``RandomErasing``'s own.

    Required / modified key: ``imgs`` (a list of HxWx3 uint8 arrays or one
    array [N, H, W, 3], written in place; an array stays an array).
    """

    def transform(self, results: Dict) -> Dict:
        if self.mode != 'rand' or self.fill_std is None:
            return super().transform(results)
        if self.random_disable():
            return results
        imgs = results['imgs']
        top, left, h, w = self.random_patch(*imgs[0].shape[:2])
        rng = np.random.default_rng(np.random.randint(2**31))
        fill = rng.standard_normal((len(imgs), h, w, 3), dtype=np.float32)
        fill *= np.asarray(self.fill_std, np.float32)
        fill += np.asarray(self.fill_color, np.float32)
        np.clip(fill, 0, 255, out=fill)
        for img, patch in zip(imgs, fill):  # float to uint8 truncates, as astype(int32)
            np.copyto(img[top:top + h, left:left + w], patch, casting='unsafe')
        return results
