"""Unreadable videos in every video dataset: named (validation, test) or
skipped with a warning and a count at the end of the epoch (training), for
truncated and zero-byte mp4s in the lists."""
import os.path as osp
import re

import pytest
from mmaction.registry import DATASETS

from tests.conftest import real_video, run_tool
from vmae2_mmaction.datasets import VideoDecodeError

PIPELINE = [
    dict(type='DecordInit'),
    dict(type='SampleFrames', clip_len=4, frame_interval=1, num_clips=1),
    dict(type='DecordDecode'),
    dict(type='Resize', scale=(32, 32), keep_ratio=False),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs'),
]


@pytest.fixture
def bad_list(tmp_path):
    """A list of a good real video, a truncated one and a zero-byte one."""
    with open(real_video('bikes.mp4'), 'rb') as f:
        (tmp_path / 'truncated.mp4').write_bytes(f.read()[:30000])
    (tmp_path / 'empty.mp4').write_bytes(b'')
    ann = tmp_path / 'list.txt'
    ann.write_text(f'{real_video("bikes.mp4")} 0\ntruncated.mp4 1\nempty.mp4 2\n')
    return ann


@pytest.mark.parametrize('kind', ['SeededVideoDataset', 'RepeatAugVideoDataset'])
def test_test_mode_names_the_file_training_skips_and_logs_it(bad_list, kind):
    extra = dict(num_repeats=2, sample_once=True) if kind == 'RepeatAugVideoDataset' else {}
    root = str(bad_list.parent)
    if kind == 'SeededVideoDataset':  # validation / test sets
        ds = DATASETS.build(
            dict(
                type=kind,
                ann_file=str(bad_list),
                data_prefix=dict(video=root),
                pipeline=PIPELINE,
                test_mode=True))
        assert ds.on_corrupt == 'raise'
        for i, name in ((1, 'truncated.mp4'), (2, 'empty.mp4')):
            with pytest.raises(VideoDecodeError, match=f'cannot decode video .*{name}'):
                ds[i]
        with pytest.raises(ValueError, match='would change the set measured'):
            DATASETS.build(
                dict(
                    type=kind,
                    ann_file=str(bad_list),
                    pipeline=PIPELINE,
                    test_mode=True,
                    on_corrupt='skip'))
    ds = DATASETS.build(
        dict(
            type=kind,
            ann_file=str(bad_list),
            data_prefix=dict(video=root),
            pipeline=PIPELINE,
            **extra))
    assert ds.on_corrupt == 'skip'  # training
    for i, name in ((1, 'truncated.mp4'), (2, 'empty.mp4')):
        with pytest.warns(UserWarning, match=f'cannot decode video .*{name}.*skipped'):
            assert ds[i] is not None  # another video instead
    with open(ds.skipped_log) as f:  # (the refetch may draw a bad one again)
        assert {osp.basename(p) for p in f.read().split()} == {'truncated.mp4', 'empty.mp4'}


def test_a_training_run_skips_and_counts_them_test_names_them(tmp_path, bad_list):
    """The demo fine-tuning config on the list: training ends, the epoch's
    warning counts and names the skipped files; testing stops naming one."""
    config = 'configs/demo/vit-tiny-p8_videomaev2-ft_8x1x1-100e_synthetic-sprites.py'
    root = str(bad_list.parent)
    data = [
        f'{split}_dataloader.dataset.{key}' for split in ('train', 'test')
        for key in (f'ann_file={bad_list}', f'data_prefix.video={root}')
    ]
    train = run_tool('tools/train.py', config, '--work-dir', str(tmp_path / 'work'),
                     '--cfg-options', 'train_cfg.max_epochs=1', 'train_dataloader.batch_size=3',
                     'param_scheduler.0.end=1', 'param_scheduler.1.begin=0',
                     'train_dataloader.num_workers=1', 'val_cfg=None', 'val_dataloader=None',
                     'val_evaluator=None', *data)
    log = train.stdout + train.stderr
    # (MMEngine's refetch may draw a bad video again: counted each time)
    assert re.search(r'epoch 1: \d+ unreadable videos skipped \(on_corrupt="skip"\):', log)
    assert 'truncated.mp4' in log and 'empty.mp4' in log
    test = run_tool(
        'tools/test.py',
        config,
        str(tmp_path / 'work' / 'epoch_1.pth'),
        '--work-dir',
        str(tmp_path / 'test'),
        '--cfg-options',
        *data,
        check=False)
    assert test.returncode == 1
    assert 'error: cannot decode video' in test.stderr and 'truncated.mp4' in test.stderr
