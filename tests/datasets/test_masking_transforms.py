import numpy as np
import pytest
from mmaction.registry import TRANSFORMS
from mmengine.dataset import Compose


def test_mask_transforms_pack_into_data_samples():
    np.random.seed(0)
    pipeline = Compose([
        dict(type='TubeMasking', token_grid=(4, 6, 6), mask_ratio=0.75,
             patch_size=16, tubelet_size=2),
        dict(type='RunningCellMasking', token_grid=(4, 6, 6), mask_ratio=0.5,
             patch_size=16, tubelet_size=2),
        dict(type='PackActionInputs', algorithm_keys=('encoder_mask', 'decoder_mask')),
    ])
    imgs = np.zeros((1, 3, 8, 96, 96), np.float32)  # NCTHW after FormatShape
    out = pipeline(dict(imgs=imgs, label=0))
    sample = out['data_samples']
    enc, dec = np.asarray(sample.encoder_mask), np.asarray(sample.decoder_mask)
    assert enc.shape == dec.shape == (4 * 36, )
    assert enc.reshape(4, 36).sum(1).tolist() == [27] * 4
    assert dec.mean() == 0.5


def test_running_cell_phase_is_random_over_four():
    t = TRANSFORMS.build(dict(type='RunningCellMasking', token_grid=(2, 2, 2),
                              mask_ratio=0.5))
    np.random.seed(1)
    seen = {t(dict())['decoder_mask'].tobytes() for _ in range(64)}
    assert len(seen) == 4


def test_mask_transform_checks_clip_size():
    t = TRANSFORMS.build(dict(type='TubeMasking', token_grid=(8, 14, 14),
                              patch_size=16))
    with pytest.raises(ValueError, match='token grid'):
        t(dict(imgs=np.zeros((1, 3, 16, 112, 112), np.float32)))
