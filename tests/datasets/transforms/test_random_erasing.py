import numpy as np
import pytest
from mmaction.registry import TRANSFORMS

MEAN, STD = [123.675, 116.28, 103.53], [58.395, 57.12, 57.375]  # the fine-tuning configs'


def erasings(**kwargs):
    """MMAction2's RandomErasing and ClipRandomErasing with the same arguments."""
    args = dict(mode='rand', fill_color=MEAN, fill_std=STD, **kwargs)
    return [TRANSFORMS.build(dict(type=t, **args)) for t in ('RandomErasing', 'ClipRandomErasing')]


def erased_box(before: np.ndarray, after: np.ndarray):
    """(top, left, bottom, right) of the pixels changed in any frame and
    channel, or None."""
    changed = (before != after).any(axis=(0, 3))
    if not changed.any():
        return None
    rows, cols = np.flatnonzero(changed.any(1)), np.flatnonzero(changed.any(0))
    return rows[0], cols[0], rows[-1] + 1, cols[-1] + 1


def test_draws_whether_and_where_as_random_erasing():
    """The same seed: erased or not as MMAction2's, in the same box, on all
    frames; arrays written in place, lists too."""
    rng = np.random.default_rng(0)
    frames = rng.integers(0, 256, (16, 64, 48, 3), np.uint8)
    erased = 0
    for seed in range(40):
        boxes = []
        for t in erasings(erase_prob=0.5):
            for imgs in (frames.copy(), list(frames.copy())):
                np.random.seed(seed)
                out = t(dict(imgs=imgs))['imgs']
                assert out is imgs or type(t).__name__ == 'RandomErasing'
                boxes.append(erased_box(frames, np.array(out)))
        assert boxes.count(boxes[0]) == 4, (seed, boxes)
        erased += boxes[0] is not None
    assert 10 < erased < 30


def test_fill_is_random_erasings_distribution():
    """Inside the box: per channel, the distribution of MMAction2's fill
    (normal, truncated, clipped: checked by the 256-value histograms), fresh
    for every frame; outside it: the frames unchanged; seeded, repeatable."""
    values = {}
    for t in erasings(erase_prob=1.0, min_area_ratio=0.3, max_area_ratio=0.3):
        fills = []
        for seed in range(10):
            np.random.seed(seed)
            frames = np.array(t(dict(imgs=np.zeros((16, 100, 100, 3), np.uint8)))['imgs'])
            top, left, bottom, right = erased_box(np.zeros_like(frames), frames)
            patch = frames[:, top:bottom, left:right]
            assert not np.array_equal(patch[0], patch[1])  # fresh noise per frame
            outside = frames.copy()
            outside[:, top:bottom, left:right] = 0
            assert not outside.any()
            fills.append(patch.reshape(-1, 3))
        values[type(t).__name__] = np.concatenate(fills)
    ref, ours = values['RandomErasing'], values['ClipRandomErasing']
    n, m = len(ours), len(ref)
    assert min(n, m) > 400_000
    # two-sample Kolmogorov-Smirnov at the 1e-6 level (about 0.005 here)
    critical = np.sqrt(-np.log(1e-6 / 2) / 2 * (n + m) / (n * m))
    for c in range(3):
        cdf_ref, cdf_ours = (
            np.cumsum(np.bincount(v[:, c], minlength=256)) / len(v) for v in (ref, ours))
        assert np.abs(cdf_ref - cdf_ours).max() < critical
        assert ours[:, c].mean() == pytest.approx(ref[:, c].mean(), abs=0.2)
    frames = [np.zeros((16, 50, 50, 3), np.uint8) for _ in range(2)]
    for imgs in frames:
        np.random.seed(3)
        erasings(erase_prob=1.0)[1](dict(imgs=imgs))
    np.testing.assert_array_equal(*frames)


@pytest.mark.parametrize('args', [dict(mode='const'), dict(mode='rand', fill_std=None)])
def test_other_modes_are_random_erasings(args):
    frames = np.random.default_rng(1).integers(0, 256, (4, 32, 32, 3), np.uint8)
    outs = []
    for name in ('RandomErasing', 'ClipRandomErasing'):
        t = TRANSFORMS.build(dict(type=name, erase_prob=1.0, **args))
        np.random.seed(0)
        outs.append(np.array(t(dict(imgs=list(frames.copy())))['imgs']))
    assert not np.array_equal(outs[0], frames)
    np.testing.assert_array_equal(*outs)
