import numpy as np
import pytest
from mmaction.registry import TRANSFORMS


def real_frames():
    import decord

    from tests.conftest import real_video
    vr = decord.VideoReader(real_video('bikes.mp4'))  # 640x272
    return list(vr.get_batch([0, 9, 17]).asnumpy())


@pytest.mark.parametrize('args', [
    dict(scale=(224, 224), keep_ratio=False),
    dict(scale=(-1, 160)),
    dict(scale=(112, 96), keep_ratio=False, interpolation='bicubic'),
    dict(scale=0.5, interpolation='area'),
])
def test_frames_are_resizes_in_one_array(args):
    """MMAction2's Resize's frames and keys, in one array that FormatShape
    keeps as it is; on crops (views) of real frames, as after MultiScaleCrop."""
    frames = [f[30:250, 100:421] for f in real_frames()]
    ours, theirs = (TRANSFORMS.build(dict(type=t, **args)) for t in ('StackedResize', 'Resize'))
    a = ours(dict(imgs=list(frames), img_shape=(220, 321), modality='RGB'))
    b = theirs(dict(imgs=list(frames), img_shape=(220, 321), modality='RGB'))
    assert isinstance(a['imgs'], np.ndarray) and a['imgs'].flags.writeable
    np.testing.assert_array_equal(a['imgs'], np.array(b['imgs']))
    assert {k: v for k, v in a.items() if k != 'imgs'}.keys() == b.keys() - {'imgs'}
    np.testing.assert_array_equal(a['scale_factor'], b['scale_factor'])
    assert a['img_shape'] == b['img_shape']
    stacked = a['imgs']
    shaped = TRANSFORMS.build(dict(type='FormatShape', input_format='NCTHW'))(
        dict(a, num_clips=1, clip_len=3))
    assert np.shares_memory(shaped['imgs'], stacked)  # no copy of the clip


def test_flip_and_erasing_write_into_the_array():
    """The fine-tuning transforms after the resize change the stacked frames
    as they change a list of frames."""
    frames = real_frames()
    resized = TRANSFORMS.build(dict(type='StackedResize', scale=(64, 64), keep_ratio=False))(
        dict(imgs=list(frames), img_shape=(272, 640), modality='RGB'))
    listed = dict(resized, imgs=[f.copy() for f in resized['imgs']])
    for t in (dict(type='Flip', flip_ratio=1.0), dict(type='RandomErasing', erase_prob=1.0)):
        transform = TRANSFORMS.build(t)
        outs = []
        for results in (resized, listed):
            np.random.seed(0)
            outs.append(transform(results))
        resized, listed = outs
        assert isinstance(resized['imgs'], np.ndarray) or t['type'] == 'RandomErasing'
        np.testing.assert_array_equal(np.array(resized['imgs']), np.array(listed['imgs']))


@pytest.mark.parametrize('axis', [0, 1])
def test_resized_rows_are_all_the_resize_reads(axis):
    """Every other row (column) replaced by noise: the same resize, for
    every height (width) up to 1000 to 224 (2x both ways included) and up
    to 200 to 16."""
    import mmcv

    from vmae2_mmaction.datasets.transforms.stacked_resize import resized_rows
    rng = np.random.default_rng(0)
    subsets = 0
    for out_n, sizes in ((224, range(1, 1001)), (16, range(1, 201))):
        for n in sizes:
            for m, out_m in ((7, 5), (2 * out_n, out_n)):
                frame = rng.integers(0, 256, (n, m, 3), np.uint8)
                lines = resized_rows(n, out_n)
                if lines is None:
                    assert n <= 2 * out_n
                    continue
                subsets += 1
                assert len(lines) < n and np.all(np.diff(lines) > 0)
                noisy = rng.integers(0, 256, (n, m, 3), np.uint8)
                noisy[lines] = frame[lines]
                size = (out_m, out_n)  # (width, height) of the output
                if axis == 1:  # the lines are columns
                    frame, noisy, size = frame.swapaxes(0, 1), noisy.swapaxes(0, 1), size[::-1]
                np.testing.assert_array_equal(
                    mmcv.imresize(np.ascontiguousarray(noisy), size),
                    mmcv.imresize(np.ascontiguousarray(frame), size),
                    err_msg=f'{n} lines to {out_n}')
    assert subsets > 1000
