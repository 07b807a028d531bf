import numpy as np
from mmaction.registry import TRANSFORMS


def test_same_augmentation_for_every_frame():
    rng = np.random.RandomState(0)
    frame = rng.randint(0, 256, (32, 32, 3), dtype=np.uint8)
    t = TRANSFORMS.build(dict(type='VideoRandAugment', crop_size=32))
    changed = 0
    for seed in range(10):
        np.random.seed(seed)
        out = t(dict(imgs=[frame.copy() for _ in range(4)]))['imgs']
        assert all(np.array_equal(out[0], f) for f in out[1:])
        changed += not np.array_equal(out[0], frame)
    assert changed >= 5  # it does augment
