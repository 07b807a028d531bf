"""RandAugment applied identically to every frame of a clip."""
import random
from typing import Dict, Sequence

import numpy as np
from mmaction.registry import TRANSFORMS
from mmcv.transforms import BaseTransform
from PIL import Image
from timm.data.auto_augment import rand_augment_transform

INTERPOLATION = dict(bilinear=Image.BILINEAR, bicubic=Image.BICUBIC)


@TRANSFORMS.register_module()
class VideoRandAugment(BaseTransform):
    """timm's RandAugment with one draw of operations and magnitudes per clip.

    VideoMAE V2 fine-tunes with ``rand-m7-n4-mstd0.5-inc1`` on the full
    decoded frames (before the random resized crop), the same ops and
    magnitudes for every frame. MMAction2 has RandAugment only through
    pytorchvideo or imgaug wrappers, so we reuse timm's operations: the random
    state is captured once and restored for each frame, so every frame gets
    exactly timm's draw.

    Args:
        config_str (str): timm RandAugment spec.
        crop_size (int): output size of the later crop; sets timm's
            ``translate_const`` (45 % of it), unused by the relative
            translations of the 'inc1' op set.
        img_mean (Sequence[int]): fill colour of geometric ops.
        interpolation (str): 'bicubic' (the official ``train_interpolation``)
            or 'bilinear'.

    Required / modified key: ``imgs`` (list of HxWx3 uint8 RGB arrays; the
    results are new, writable arrays).
    """

    def __init__(self, config_str: str = 'rand-m7-n4-mstd0.5-inc1',
                 crop_size: int = 224,
                 img_mean: Sequence[int] = (128, 128, 128),
                 interpolation: str = 'bicubic'):
        if interpolation not in INTERPOLATION:
            raise ValueError(f'VideoRandAugment: interpolation must be one of '
                             f'{sorted(INTERPOLATION)}, got {interpolation!r}')
        self.config_str = config_str
        self.augment = rand_augment_transform(
            config_str, dict(translate_const=int(crop_size * 0.45),
                             img_mean=tuple(int(v) for v in img_mean),
                             interpolation=INTERPOLATION[interpolation]))

    def transform(self, results: Dict) -> Dict:
        py_state, np_state = random.getstate(), np.random.get_state()
        frames = []
        for img in results['imgs']:
            random.setstate(py_state)
            np.random.set_state(np_state)
            frames.append(np.array(self.augment(Image.fromarray(img))))
        results['imgs'] = frames
        return results

    def __repr__(self):
        return f'{self.__class__.__name__}({self.config_str!r})'
