import random

import numpy as np
import pytest
from mmaction.registry import TRANSFORMS

from vmae2_mmaction.datasets.transforms.rand_augment import draw_level_args


@pytest.mark.parametrize('backend', ['fast', 'pil'])
def test_same_augmentation_for_every_frame(backend):
    rng = np.random.RandomState(0)
    frame = rng.randint(0, 256, (32, 32, 3), dtype=np.uint8)
    t = TRANSFORMS.build(dict(type='VideoRandAugment', crop_size=32, backend=backend))
    changed = 0
    for seed in range(10):
        np.random.seed(seed)
        out = t(dict(imgs=[frame.copy() for _ in range(4)]))['imgs']
        assert all(np.array_equal(out[0], f) for f in out[1:])
        changed += not np.array_equal(out[0], frame)
    assert changed >= 5  # it does augment


def test_fast_backend_draws_as_timm_and_matches_its_ops(sample_video):
    """Every op of the policy, forced, on real frames: the fast backend makes
    timm's random draws, gives timm's PIL result exactly for every op but the
    geometric ones, and those within OpenCV's bicubic kernel of PIL's (on
    detailed 320x180 frames: mean difference < 1 grey level, 99 % within 3)."""
    import decord
    frames = list(
        decord.VideoReader(sample_video, width=320, height=180).get_batch(list(range(0, 32,
                                                                                     4))).asnumpy())
    fast, pil = (
        TRANSFORMS.build(dict(type='VideoRandAugment', backend=b)) for b in ('fast', 'pil'))
    geometric = {'Rotate', 'ShearX', 'ShearY', 'TranslateXRel', 'TranslateYRel'}
    names = [op.name for op in fast.augment.ops]
    assert geometric < set(names)
    for i, name in enumerate(names):
        for seed in range(2):
            outs = []
            for t in (fast, pil):
                ops, num_layers = t.augment.ops, t.augment.num_layers
                t.augment.ops, t.augment.num_layers = [ops[i]], 1
                ops[i].prob = 1.0
                random.seed(seed)
                np.random.seed(seed)
                outs.append(np.stack(t(dict(imgs=list(frames)))['imgs']).astype(int))
                t.augment.ops, t.augment.num_layers = ops, num_layers
                outs.append((random.random(), np.random.rand()))  # the RNG after it
            fast_out, fast_rng, pil_out, pil_rng = outs
            assert fast_rng == pil_rng, name
            diff = np.abs(fast_out - pil_out)
            if name in geometric:
                assert diff.mean() < 1 and np.percentile(diff, 99) <= 3, (name, diff.mean())
            else:
                assert diff.max() == 0, name


def test_frames_stay_writable_for_in_place_transforms():
    """MMAction2's RandomErasing and Flip write into the frames in place
    (read-only frames from np.asarray(PIL image) crashed fine-tuning)."""
    frames = [np.full((32, 48, 3), 100, np.uint8) for _ in range(3)]
    t = TRANSFORMS.build(dict(type='VideoRandAugment', crop_size=32))
    erase = TRANSFORMS.build(
        dict(
            type='RandomErasing',
            erase_prob=1.0,
            mode='rand',
            fill_color=[123.675, 116.28, 103.53],
            fill_std=[58.395, 57.12, 57.375]))
    flip = TRANSFORMS.build(dict(type='Flip', flip_ratio=1.0))
    out = flip(erase(t(dict(imgs=frames, img_shape=(32, 48), modality='RGB'))))['imgs']
    assert all(f.flags.writeable and f.shape == (32, 48, 3) for f in out)
    assert not all(np.array_equal(f, out[0]) for f in out[1:])  # fresh noise per frame


def test_reference_settings():
    """Bicubic resampling and the grey (128, 128, 128) fill of the reference."""
    from PIL import Image
    t = TRANSFORMS.build(dict(type='VideoRandAugment'))
    op = t.augment.ops[0]
    assert op.kwargs == dict(fillcolor=(128, 128, 128), resample=Image.BICUBIC)
    assert [o.name for o in t.augment.ops][-2:] == ['TranslateXRel', 'TranslateYRel']
    assert t.augment.num_layers == 4 and op.magnitude == 7
    assert op.magnitude_std == 0.5


def real_frames(count=4):
    import decord

    from tests.conftest import real_video
    vr = decord.VideoReader(real_video('bikes.mp4'))  # 640x272, detailed
    return list(vr.get_batch(list(range(0, 8 * count, 8))).asnumpy())


def forced_ops():
    t = TRANSFORMS.build(dict(type='VideoRandAugment'))
    random.seed(0)
    plan = []
    for op in t.augment.ops:
        op.prob = 1.0
        plan.append((op, draw_level_args(op)))
    return plan


def test_each_op_on_a_region_is_the_region_of_the_op_on_whole_frames():
    """augment_region on a box = the same ops on whole frames, then the box:
    every op alone, after and before a rotation, before a translation."""
    from vmae2_mmaction.datasets.transforms.rand_augment import augment_region
    frames = real_frames()
    ops = forced_ops()
    by_name = {op.name: (op, args) for op, args in ops}
    boxes = [(0, 0, 150, 272), (211, 37, 391, 190), (600, 250, 640, 272)]  # edges, inside, corner
    plans = [[o] for o in ops] + [[o, by_name['Rotate']] for o in ops] + \
        [[by_name['Rotate'], o] for o in ops] + [[o, by_name['TranslateYRel']] for o in ops]
    for plan in plans:
        whole = augment_region(frames, plan, (0, 0, 640, 272))
        for x0, y0, x1, y1 in boxes:
            region = augment_region(frames, plan, (x0, y0, x1, y1))
            for w, r in zip(whole, region):
                assert r.flags.writeable and r.shape == (y1 - y0, x1 - x0, 3)
                np.testing.assert_array_equal(
                    r, w[y0:y1, x0:x1], err_msg=str([o.name for o, _ in plan]))


def test_crop_variant_equals_rand_augment_then_random_resized_crop():
    """The same random draws, the same frames, whatever the ops drawn."""
    frames = real_frames()
    fused = TRANSFORMS.build(dict(type='VideoRandAugmentCrop'))
    augment = TRANSFORMS.build(dict(type='VideoRandAugment'))
    crop = TRANSFORMS.build(dict(type='RandomResizedCrop'))
    for t in (fused, augment):  # four ops a clip, each always applied
        for op in t.augment.ops:
            op.prob = 1.0
    boxes = set()
    for seed in range(12):
        outs = []
        for steps in ([fused], [augment, crop]):
            random.seed(seed)
            np.random.seed(seed)
            results = dict(imgs=list(frames), img_shape=(272, 640))
            for step in steps:
                results = step(results)
            outs.append((results, random.random(), np.random.rand()))
        (a, *rng_a), (b, *rng_b) = outs
        assert rng_a == rng_b
        assert a['img_shape'] == b['img_shape']
        np.testing.assert_array_equal(a['crop_bbox'], b['crop_bbox'])
        np.testing.assert_array_equal(a['crop_quadruple'], b['crop_quadruple'])
        for x, y in zip(a['imgs'], b['imgs']):
            np.testing.assert_array_equal(x, y)
        boxes.add(tuple(a['crop_bbox']))
    assert len(boxes) == 12
    assert all(f.base is None or f.base is not frames[0].base for f in a['imgs'])


def test_ops_on_some_rows_are_those_rows_of_the_whole_output():
    """augment_region with rows and/or columns: those made without them,
    for every op last, after a rotation, and before colour and brightness
    (pixel-wise ops pass them on), on edge, inside and corner boxes."""
    from vmae2_mmaction.datasets.transforms.rand_augment import augment_region
    frames = real_frames(2)
    ops = forced_ops()
    by_name = {op.name: (op, args) for op, args in ops}
    pixel = [by_name['ColorIncreasing'], by_name['BrightnessIncreasing']]
    plans = [[o] for o in ops] + [[by_name['Rotate'], o] for o in ops] + \
        [[o] + pixel for o in ops] + [[o, pixel[1]] for o in ops]
    rng = np.random.default_rng(0)
    for plan in plans:
        for box in [(0, 0, 150, 272), (211, 37, 391, 190), (600, 250, 640, 272)]:
            height = box[3] - box[1]
            width = box[2] - box[0]
            rows = np.sort(rng.choice(height, height // 3, replace=False))
            cols = np.sort(rng.choice(width, width // 3, replace=False))
            whole = augment_region(frames, plan, box)
            for some_rows, some_cols in ((rows, None), (rows, cols), (None, cols)):
                some = augment_region(frames, plan, box, some_rows, some_cols)
                made = np.ix_(
                    rows if some_rows is not None else np.arange(height),
                    cols if some_cols is not None else np.arange(width))
                for w, r in zip(whole, some):
                    assert r.flags.writeable and r.shape == w.shape
                    np.testing.assert_array_equal(
                        r[made], w[made], err_msg=str([o.name for o, _ in plan]))


def test_crop_variant_with_scale_equals_it_then_resize():
    """With ``scale``: the frames and keys of the crop variant followed by
    MMAction2's Resize, on crops over twice the output's height (the rows
    the resize skips are not made)."""
    frames = real_frames()
    fused = TRANSFORMS.build(dict(type='VideoRandAugmentCrop', scale=(48, 40)))
    crop = TRANSFORMS.build(dict(type='VideoRandAugmentCrop'))
    resize = TRANSFORMS.build(dict(type='Resize', scale=(48, 40), keep_ratio=False))
    for t in (fused, crop):  # four ops a clip, each always applied
        for op in t.augment.ops:
            op.prob = 1.0
    for seed in range(12):
        outs = []
        for steps in ([fused], [crop, resize]):
            random.seed(seed)
            np.random.seed(seed)
            results = dict(imgs=list(frames), img_shape=(272, 640), modality='RGB')
            for step in steps:
                results = step(results)
            outs.append(results)
        a, b = outs
        assert isinstance(a['imgs'], np.ndarray) and a['imgs'].shape == (4, 40, 48, 3)
        np.testing.assert_array_equal(a['imgs'], np.array(b['imgs']))
        assert a.keys() == b.keys()
        for key in ('crop_bbox', 'crop_quadruple', 'scale_factor', 'img_shape'):
            np.testing.assert_array_equal(a[key], b[key])


@pytest.mark.parametrize('name', ['AutoContrast', 'Equalize', 'ContrastIncreasing'])
def test_statistics_tables_are_pils_on_edge_case_frames(name):
    """Constant, two-valued, narrow-range and detailed frames: the table of
    the frame's statistics gives PIL's result exactly."""
    import cv2
    from PIL import Image

    from vmae2_mmaction.datasets.transforms.rand_augment import statistics_map
    op, args = next((o, a) for o, a in forced_ops() if o.name == name)
    rng = np.random.RandomState(0)
    frames = [
        np.full((20, 30, 3), 77, np.uint8),
        np.where(rng.rand(20, 30, 1) > 0.9, 250, 3).astype(np.uint8).repeat(3, 2),
        rng.randint(100, 104, (20, 30, 3)).astype(np.uint8),
        rng.randint(0, 256, (20, 30, 3)).astype(np.uint8), *real_frames(1)
    ]
    for frame in frames:
        expected = np.asarray(op.aug_fn(Image.fromarray(frame), *args, **op.kwargs))
        np.testing.assert_array_equal(cv2.LUT(frame, statistics_map(op, args, frame)), expected)


@pytest.mark.parametrize('interpolation', ['bicubic', 'bilinear'])
def test_row_filter_is_the_integer_sum_rounded_half_to_even(interpolation):
    """OpenCV's float filter gives the exact integer result for every
    sub-pixel step, on random rows and on rows of extremes (the largest
    sums, where float32 would first lose a bit)."""
    from vmae2_mmaction.datasets.transforms.rand_augment import INTERPOLATION, TAPS, filter_taps
    taps = TAPS[INTERPOLATION[interpolation]]
    assert (taps.sum(axis=1) == 2**15).all()
    rng = np.random.RandomState(0)
    rows = np.stack([
        rng.randint(0, 256, (6, 131, 3)),
        rng.choice([0, 1, 254, 255], (6, 131, 3)),
        np.broadcast_to(np.resize([255, 0], 131)[None, :, None], (6, 131, 3)),
        np.broadcast_to(np.resize([0, 255, 255, 0], 131)[None, :, None], (6, 131, 3)),
    ]).astype(np.uint8)
    for step in range(32):
        out = filter_taps(rows, taps[step])
        sums = sum(taps[step][k] * rows[..., k:131 - 3 + k, :].astype(np.int64) for k in range(4))
        np.testing.assert_array_equal(out[..., 1:-2, :], np.clip(np.round(sums / 2**15), 0, 255))


def test_shears_and_translations_match_opencv_remap():
    """The 4-tap filters sample where OpenCV's remap does with the same
    kernel: at most one grey level apart (the rounding of the sums), and the
    same fill."""
    from PIL import Image

    from vmae2_mmaction.datasets.transforms.rand_augment import (pil_affine, remap_op, warp,
                                                                 warp_input_box)

    def remap_affine(frames, *args):
        op = remap_op(*args)
        return [op(frame) for frame in frames]

    frames = real_frames(2)
    height, width = frames[0].shape[:2]
    for name, args in [('ShearX', (0.27, )), ('ShearX', (-0.13, )), ('ShearY', (0.21, )),
                       ('TranslateXRel', (-0.093, )), ('TranslateYRel', (0.31, )),
                       ('TranslateXRel', (-0.3 / width, )), ('TranslateYRel', (0.7 / height, )),
                       ('TranslateXRel', (0.45, )), ('TranslateYRel', (-0.45, ))]:
        data = pil_affine(name, args, width, height)
        # whole frames, inside, at the edges and corners (sources partly and
        # wholly outside the frame, taps beyond the window)
        for box in [(0, 0, width, height), (211, 37, 391, 190), (0, 0, 40, 30),
                    (600, 250, 640, 272), (3, 200, 620, 272)]:
            in_box = warp_input_box(data, box, width, height)
            window = [f[in_box[1]:in_box[3], in_box[0]:in_box[2]] for f in frames]
            outs = [
                np.stack(
                    fn(window, in_box, box, data, Image.BICUBIC, (128, 128, 128), width,
                       height)).astype(int) for fn in (warp, remap_affine)
            ]
            diff = np.abs(outs[0] - outs[1])
            assert diff.max() <= 1 and diff.mean() < 0.05, (name, box, diff.max(), diff.mean())


def test_sharpness_is_pils_on_noise_and_extremes():
    """PIL's smoothing and blend, exactly: noise and frames of extreme values
    (the sums farthest from PIL's float ones), small and odd sizes, factors
    that blend and that extrapolate, the whole frame and an inner region."""
    from PIL import Image, ImageEnhance

    from vmae2_mmaction.datasets.transforms.rand_augment import blender, sharpness
    rng = np.random.RandomState(0)
    for i in range(12):
        h, w = rng.randint(3, 40, 2)
        frame = (rng.randint(0, 256,
                             (h, w, 3)) if i % 2 else rng.choice([0, 1, 254, 255],
                                                                 (h, w, 3))).astype(np.uint8)
        for factor in (0.1, 0.62, 1.0, 1.37, 1.9):
            expected = np.asarray(ImageEnhance.Sharpness(Image.fromarray(frame)).enhance(factor))
            blend = blender(factor)
            np.testing.assert_array_equal(
                sharpness(frame, blend, (slice(None), slice(None))), expected)
            inner = (slice(1, h - 1), slice(2, w - 1))
            np.testing.assert_array_equal(sharpness(frame, blend, inner), expected[inner])


def test_blends_are_pils_for_every_pair_of_values():
    """blender: PIL's blend of every pair of values, for factors that blend
    and that extrapolate, by both of its ways (OpenCV, the table), on
    one-channel arrays, three-channel frames of odd width and views."""
    from PIL import Image

    from vmae2_mmaction.datasets.transforms.rand_augment import PAIRS, blender
    a, b = PAIRS
    factors = list(np.random.default_rng(0).uniform(0.05, 1.95, 60))
    ways = set()
    for factor in factors + [0.1, 0.5, 1.0, 1.5, 1.9, 1.1526315212249756]:
        blend = blender(factor)
        ways.add(blend.__name__)
        expected = np.asarray(Image.blend(Image.fromarray(a), Image.fromarray(b), factor))
        np.testing.assert_array_equal(blend(a, b), expected, err_msg=str(factor))
        frames = [x.reshape(-1)[:65535].reshape(257, 85, 3) for x in (a, b, expected)]
        np.testing.assert_array_equal(blend(*frames[:2]), frames[2])
        views = [x[3:-2, 1:-2] for x in frames]
        np.testing.assert_array_equal(blend(*views[:2]), views[2])
    assert ways == {'<lambda>', 'lookup_blend'}


def test_runs_of_table_ops_are_pils_ops_one_after_another():
    """Value maps, auto contrast and equalize in a row make one table a frame
    (histograms moved through the tables before them): PIL's ops applied one
    after another, on whole frames and on a box."""
    from PIL import Image

    from vmae2_mmaction.datasets.transforms.rand_augment import augment_region
    frames = real_frames(2)
    by_name = {op.name: (op, args) for op, args in forced_ops()}
    runs = [['Posterize', 'Equalize'], ['SolarizeAdd', 'AutoContrast', 'Invert'],
            ['Equalize', 'Equalize'], ['Brightness', 'Solarize', 'Equalize', 'AutoContrast'],
            ['AutoContrast', 'Posterize', 'Rotate', 'Equalize', 'Invert']]
    for names in runs:
        plan = [by_name[n if n in by_name else n + 'Increasing'] for n in names]
        for box in [(0, 0, 640, 272), (211, 37, 391, 190)]:
            out = augment_region(frames, plan, box)
            for frame, got in zip(frames, out):
                img = Image.fromarray(frame)
                for op, args in plan:
                    if op.name == 'Rotate':  # the fast backend's own warp
                        img = Image.fromarray(
                            augment_region([np.asarray(img)], [(op, args)], (0, 0, 640, 272))[0])
                    else:
                        img = op.aug_fn(img, *args, **op.kwargs)
                x0, y0, x1, y1 = box
                np.testing.assert_array_equal(
                    got, np.asarray(img)[y0:y1, x0:x1], err_msg=str(names))
