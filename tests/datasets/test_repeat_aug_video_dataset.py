import os.path as osp

import pytest
import torch
from mmaction.registry import DATASETS

from tests.conftest import DEMO_PT_CONFIG
from vmae2_mmaction.datasets import VideoDecodeError


def build_dataset(data_dir, ann, **kwargs):
    from mmengine.config import Config
    cfg = Config.fromfile(DEMO_PT_CONFIG).train_dataloader.dataset
    cfg.update(ann_file=str(ann), data_prefix=dict(video=str(data_dir)), **kwargs)
    return DATASETS.build(cfg)


def test_repeats_give_independent_masks(synthetic_data):
    ds = build_dataset(synthetic_data, synthetic_data / 'train.txt', num_repeats=3)
    samples = ds[0]
    assert len(samples) == 3
    masks = [torch.as_tensor(s['data_samples'].encoder_mask) for s in samples]
    assert all(s['inputs'].shape == (1, 3, 16, 64, 64) for s in samples)
    assert not all(torch.equal(masks[0], m) for m in masks[1:])


@pytest.fixture
def corrupt_list(synthetic_data, tmp_path):
    bad = tmp_path / 'broken.mp4'
    bad.write_bytes(b'\x00not a video' * 100)
    (tmp_path / 'videos').mkdir()
    ann = tmp_path / 'list.txt'
    good = osp.join(synthetic_data, 'train', '00000.mp4')
    ann.write_text(f'{bad} 0\n{good} 1\n')
    return ann


def test_corrupt_video_is_named(corrupt_list):
    ds = build_dataset('', corrupt_list)
    with pytest.raises(VideoDecodeError, match='broken.mp4'):
        ds.prepare_data(0)


def test_corrupt_video_can_be_skipped(corrupt_list):
    ds = build_dataset('', corrupt_list, on_corrupt='skip')
    with pytest.warns(UserWarning, match='broken.mp4'):
        assert ds.prepare_data(0) is None
    samples = ds[0]  # MMEngine refetches another video
    assert len(samples) == 2


def test_short_video_is_looped_as_sample_frames_does(tmp_path):
    """A 10-frame video still gives 16-frame clips (indices wrap around)."""
    from tests.conftest import run_tool
    run_tool('tools/data/make_synthetic.py', str(tmp_path), '--train', '1',
             '--val', '1', '--frames', '10')
    ds = build_dataset(tmp_path, tmp_path / 'train.txt')
    sample = ds[0][0]
    assert sample['inputs'].shape == (1, 3, 16, 64, 64)
