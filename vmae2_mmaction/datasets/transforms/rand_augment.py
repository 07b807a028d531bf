"""RandAugment applied identically to every frame of a clip."""
import random
from typing import Dict, Sequence

import numpy as np
from mmaction.registry import TRANSFORMS
from mmcv.transforms import BaseTransform
from PIL import Image
from timm.data.auto_augment import rand_augment_transform


@TRANSFORMS.register_module()
class VideoRandAugment(BaseTransform):
    """timm's RandAugment with one draw of operations and magnitudes per clip.

    The reference fine-tunes with ``rand-m7-n4-mstd0.5-inc1`` applied to all
    frames alike (its video version of timm's RandAugment). MMAction2 has
    RandAugment only through pytorchvideo or imgaug wrappers, so we reuse
    timm's operations: the random state is captured once and restored for
    each frame, so every frame gets exactly the same ops and magnitudes.

    Args:
        config_str (str): timm RandAugment spec (reference 'rand-m7-n4-mstd0.5-inc1').
        crop_size (int): sets the translation range (45% of it), as the reference.
        img_mean (Sequence[int]): fill colour for geometric ops.

    Required / modified key: ``imgs`` (list of HxWx3 uint8 RGB arrays).
    """

    def __init__(self, config_str: str = 'rand-m7-n4-mstd0.5-inc1',
                 crop_size: int = 224,
                 img_mean: Sequence[int] = (124, 116, 104)):
        self.config_str = config_str
        self.augment = rand_augment_transform(
            config_str, dict(translate_const=int(crop_size * 0.45),
                             img_mean=tuple(int(v) for v in img_mean)))

    def transform(self, results: Dict) -> Dict:
        py_state, np_state = random.getstate(), np.random.get_state()
        frames = []
        for img in results['imgs']:
            random.setstate(py_state)
            np.random.set_state(np_state)
            frames.append(np.asarray(self.augment(Image.fromarray(img))))
        results['imgs'] = frames
        return results

    def __repr__(self):
        return f'{self.__class__.__name__}({self.config_str!r})'
