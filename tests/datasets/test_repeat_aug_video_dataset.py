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
    ds = build_dataset('', corrupt_list, on_corrupt='raise')
    with pytest.raises(VideoDecodeError, match='broken.mp4'):
        ds.prepare_data(0)


def test_corrupt_video_can_be_skipped(corrupt_list):
    ds = build_dataset('', corrupt_list, on_corrupt='skip')
    with pytest.warns(UserWarning, match='broken.mp4'):
        assert ds.prepare_data(0) is None
    samples = ds[0]  # MMEngine refetches another video
    assert len(samples) == 2


def test_a_pipeline_without_open_sampler_decode_is_refused(sample_video, tmp_path):
    ann = tmp_path / 'list.txt'
    ann.write_text(f'{sample_video} 0\n')
    with pytest.raises(
            ValueError,
            match=r"must start with an open transform .* it starts with "
            r"\['OpenCVInit', 'SampleFrames', 'OpenCVDecode'\]"):
        DATASETS.build(
            dict(
                type='RepeatAugVideoDataset',
                ann_file=str(ann),
                pipeline=[
                    dict(type='OpenCVInit'),
                    dict(type='SampleFrames', clip_len=8, frame_interval=4, num_clips=1),
                    dict(type='OpenCVDecode')
                ]))


def test_short_video_is_looped_as_sample_frames_does(tmp_path):
    """A 10-frame video still gives 16-frame clips (indices wrap around)."""
    from tests.conftest import run_tool
    run_tool('tools/data/make_synthetic.py', str(tmp_path), '--train', '1', '--val', '1',
             '--frames', '10')
    ds = build_dataset(tmp_path, tmp_path / 'train.txt')
    sample = ds[0][0]
    assert sample['inputs'].shape == (1, 3, 16, 64, 64)


@pytest.mark.parametrize(
    'sample_once,flip_first',
    [pytest.param(True, True, marks=pytest.mark.slow), (False, True), (True, False)])
def test_same_clips_as_mmaction2_with_one_decode(sample_once, flip_first, sample_video, tmp_path):
    """With the same seed, every repeat equals MMAction2's RepeatAugDataset's
    (clip, crop, flip, masks), while decord is asked for each frame once; an
    in-place transform (Flip) of one repeat leaves the others intact (they get
    copies); with the flip after the resize the repeats share the frames."""
    import numpy as np
    from mmaction.datasets import RepeatAugDataset
    from mmaction.datasets.transforms import DecordDecode

    ann = tmp_path / 'list.txt'
    ann.write_text(f'{sample_video} 0\n')
    pipeline = [
        dict(type='DecordInit'),
        dict(type='SampleFrames', clip_len=8, frame_interval=4, num_clips=1),
        dict(type='DecordDecode'),
        dict(
            type='MultiScaleCrop',
            input_size=64,
            scales=(1, .875, .75, .66),
            random_crop=False,
            max_wh_scale_gap=1,
            num_fixed_crops=13),
        dict(type='Flip', flip_ratio=0.5),  # in place, on a view of the frames
        dict(type='Resize', scale=(64, 64), keep_ratio=False),
        dict(type='FormatShape', input_format='NCTHW'),
        dict(type='TubeMasking', mask_ratio=0.75, patch_size=16, tubelet_size=2),
        dict(type='PackActionInputs', algorithm_keys=('encoder_mask', )),
    ]
    if not flip_first:
        pipeline[4], pipeline[5] = pipeline[5], pipeline[4]
    kwargs = dict(
        ann_file=str(ann),
        data_prefix=dict(video=''),
        num_repeats=4,
        sample_once=sample_once,
        pipeline=pipeline)
    decoded = []
    original = DecordDecode.transform

    def counting(self, results):
        decoded.append(len(results['frame_inds']))
        return original(self, results)

    DecordDecode.transform = counting
    try:
        for seed in range(3):
            np.random.seed(seed)
            import random
            random.seed(seed)
            theirs = RepeatAugDataset(**kwargs).prepare_data(0)
            np.random.seed(seed)
            random.seed(seed)
            dataset = DATASETS.build(dict(type='RepeatAugVideoDataset', **kwargs))
            assert dataset.repeats_share_frames is not flip_first
            ours = dataset.prepare_data(0)
            for a, b in zip(theirs, ours):
                assert torch.equal(a['inputs'], b['inputs'])
                assert np.array_equal(a['data_samples'].encoder_mask,
                                      b['data_samples'].encoder_mask)
    finally:
        DecordDecode.transform = original
    theirs_counts, ours_counts = decoded[0::2], decoded[1::2]
    assert theirs_counts == [32] * 3  # 4 repeats x 8 frames
    assert all(n <= (8 if sample_once else 32) for n in ours_counts)
