import os.path as osp

import numpy as np
import pytest
import torch

from vmae2_mmaction.masking import count_per_sample, running_cell_maps, tube_mask


def test_running_cell_maps_match_reference(golden_dir):
    golden = torch.load(osp.join(golden_dir, 'running_cell_maps.pt'))['maps']
    assert len(golden) == 9
    for key, expected in golden.items():
        grid, ratio = key.split('@')
        grid = tuple(int(v) for v in grid.split('x'))
        maps = running_cell_maps(grid, float(ratio))
        assert maps.shape == tuple(expected.shape), key
        assert np.array_equal(maps, expected.numpy()), key


def test_running_cell_advances_each_slice():
    maps = running_cell_maps((4, 2, 2), 0.5)
    assert maps.mean() == 0.5
    # the pattern of slice k+1 at phase s equals slice k at phase s+1
    assert np.array_equal(maps[0, 1:], maps[1, :-1])
    assert not np.array_equal(maps[0, 0], maps[0, 1])


def test_tube_mask_reference_count():
    rng = np.random.RandomState(0)
    mask = tube_mask((8, 14, 14), 0.9, rng)
    assert mask.dtype == bool and mask.shape == (8 * 196, )
    per_slice = mask.reshape(8, 196)
    assert per_slice.sum(1).tolist() == [176] * 8  # int(0.9 * 196)
    assert (per_slice == per_slice[0]).all()  # the same tube every slice


@pytest.mark.parametrize('grid,ratio,match', [
    ((8, 7, 14), 0.5, 'cannot tile'),
    ((8, 14, 14), 0.3, 'multiple of 1/4'),
    ((8, 14, 14), 1.0, r'\(0, 1\)'),
])
def test_running_cell_invalid_settings(grid, ratio, match):
    from mmaction.registry import TRANSFORMS
    with pytest.raises(ValueError, match=match):
        t = TRANSFORMS.build(
            dict(type='RunningCellMasking', mask_ratio=ratio, patch_size=1, tubelet_size=1))
        t(dict(imgs=np.zeros((1, 3, *grid), np.uint8)))


def test_tube_invalid_ratio():
    from mmaction.registry import TRANSFORMS
    with pytest.raises(ValueError, match='TubeMasking'):
        TRANSFORMS.build(dict(type='TubeMasking', mask_ratio=0., patch_size=16, tubelet_size=2))


def test_count_per_sample_rejects_uneven_masks():
    mask = torch.tensor([[True, False], [True, True]])
    with pytest.raises(ValueError, match='same number'):
        count_per_sample(mask, 'encoder_mask')
