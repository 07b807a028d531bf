"""RandAugment applied identically to every frame of a clip, on the whole
frames or only on the region a later random resized crop keeps.

Regions are boxes ``(x0, y0, x1, y1)`` in frame coordinates, half-open.
"""
import math
import random
from typing import Callable, Dict, List, Optional, Sequence, Tuple

import cv2
import numpy as np
from mmaction.registry import TRANSFORMS
from mmcv.transforms import BaseTransform
from PIL import Image
from timm.data.auto_augment import rand_augment_transform

from .stacked_resize import resized_rows

INTERPOLATION = dict(bilinear=Image.BILINEAR, bicubic=Image.BICUBIC)
CV2_INTERPOLATION = {Image.BILINEAR: cv2.INTER_LINEAR, Image.BICUBIC: cv2.INTER_CUBIC}
Box = Tuple[int, int, int, int]
FrameOp = Callable[[np.ndarray], np.ndarray]  # one frame in, its output out

# timm's ops by what an output pixel depends on (by their PIL functions):
# one value of one channel (a lookup table, made by the op itself on the 256
# values), the pixel's three channels, a 3x3 neighbourhood, or its value and
# statistics of the whole frame (a lookup table per frame). Geometric ops:
# pil_affine. Any other op runs on whole frames. A run of value maps, auto
# contrast and equalize is one lookup table per frame (``chain_table``).
VALUE_MAPS = ('invert', 'posterize', 'solarize', 'solarize_add', 'brightness')
PER_PIXEL = ('color', )
NEIGHBOURHOOD = dict(sharpness=1)
STATISTICS = ('auto_contrast', 'equalize', 'contrast')
HISTOGRAM_MAPS = ('auto_contrast', 'equalize')  # tables made from the frame's histogram
PAIRS = np.indices((256, 256), np.uint8)  # [2, 256, 256]: every pair of values
SMOOTH = (np.array([[1, 1, 1], [1, 5, 1], [1, 1, 1]]) / 13).astype(np.float32)  # ImageFilter's
RAMP = np.repeat(np.arange(256, dtype=np.uint8)[None, :, None], 3, axis=2)  # [1, 256, 3]
# interpolation support beyond the sampling position (bicubic: 2 pixels)
WARP_MARGIN = 2
OUTSIDE = -1e4  # a sampling position every kernel tap of which is outside


def pil_affine(name: str, args: tuple, width: int, height: int) -> tuple:
    """PIL's AFFINE data (output -> input, pixel edges at integers) of timm's
    geometric ops, or None for the others."""
    if name == 'ShearX':
        return (1, args[0], 0, 0, 1, 0)
    if name == 'ShearY':
        return (1, 0, 0, args[0], 1, 0)
    if name == 'TranslateXRel':
        return (1, 0, args[0] * width, 0, 1, 0)
    if name == 'TranslateYRel':
        return (1, 0, 0, 0, 1, args[0] * height)
    if name == 'TranslateX':
        return (1, 0, args[0], 0, 1, 0)
    if name == 'TranslateY':
        return (1, 0, 0, 0, 1, args[0])
    if name == 'Rotate':  # Image.rotate about the centre, as PIL computes it
        angle = -math.radians(args[0])
        a, b = round(math.cos(angle), 15), round(math.sin(angle), 15)
        cx, cy = width / 2.0, height / 2.0
        return (a, b, a * -cx + b * -cy + cx, -b, a, -b * -cx + a * -cy + cy)
    return None


def grow(box: Box, margin: int, width: int, height: int) -> Box:
    x0, y0, x1, y1 = box
    return max(x0 - margin, 0), max(y0 - margin, 0), min(x1 + margin,
                                                         width), min(y1 + margin, height)


def sampling_positions(data: tuple,
                       box: Box,
                       width: int,
                       height: int,
                       rows=None,
                       cols=None) -> tuple:
    """OpenCV's sampling positions (pixel centres at integers) of the output
    pixels in ``box`` (``rows``, ``cols``: only those of it), rounded to OpenCV's
    1/32 pixel (so they are the same numbers whatever window they are
    computed for), and which of them PIL fills (the source centre outside
    the frame)."""
    a, b, c, d, e, f = data
    xs = (np.arange(box[0], box[2]) if cols is None else box[0] + cols) + 0.5  # [W]
    ys = (np.arange(box[1], box[3]) if rows is None else box[1] + rows)[:, None] + 0.5  # [H, 1]
    src_x, src_y = a * xs + b * ys + c, d * xs + e * ys + f  # PIL: pixel edges at integers
    outside = (src_x < 0) | (src_x >= width) | (src_y < 0) | (src_y >= height)
    for src in (src_x, src_y):  # (src - 0.5) * 32 rounded, / 32, in place
        src -= 0.5
        src *= 32
        np.rint(src, out=src)
        src /= 32
    return src_x, src_y, outside


def warp_input_box(data: tuple, box: Box, width: int, height: int) -> Box:
    """The input pixels the warp's output on ``box`` reads."""
    a, b, c, d, e, f = data
    xs = np.array([box[0], box[2], box[0], box[2]], float)
    ys = np.array([box[1], box[1], box[3], box[3]], float)
    src_x, src_y = a * xs + b * ys + c - 0.5, d * xs + e * ys + f - 0.5
    x0, x1 = math.floor(src_x.min()), math.ceil(src_x.max()) + 1
    y0, y1 = math.floor(src_y.min()), math.ceil(src_y.max()) + 1
    x0, y0 = min(max(x0, 0), width - 1), min(max(y0, 0), height - 1)
    x1, y1 = max(min(x1, width), x0 + 1), max(min(y1, height), y0 + 1)
    return grow((x0, y0, x1, y1), WARP_MARGIN, width, height)


def affine_kind(data: tuple) -> str:
    """What the affine ``data`` does: 'translate_x', 'translate_y',
    'shear_x', 'shear_y' (pixels moved along rows or along columns only) or
    'other'."""
    a, b, c, d, e, f = data
    if (a, b, d, e) == (1, 0, 0, 1) and 0 in (c, f):
        return 'translate_x' if f == 0 else 'translate_y'
    if (a, d, e, f) == (1, 0, 1, 0):
        return 'shear_x'
    return 'shear_y' if (a, b, c, e) == (1, 0, 0, 1) else 'other'


COLUMN_KINDS = ('translate_y', 'shear_y')  # affines that move pixels along columns


def warp_op(in_box: Box,
            out_box: Box,
            data: tuple,
            interpolation: int,
            fill,
            width: int,
            height: int,
            rows=None,
            cols=None) -> Optional[FrameOp]:
    """``warp`` as a function of one frame, its per-clip work done once;
    None for shears (``shift_rows`` takes every frame at once). ``cols``:
    as ``remap_op`` (translations make every column)."""
    kind, (_, _, c, _, _, f) = affine_kind(data), data
    if kind == 'translate_x':
        return translate_op(in_box, out_box, c, 1, interpolation, fill, width, rows)
    if kind == 'translate_y':
        return translate_op(in_box, out_box, f, 0, interpolation, fill, height, rows)
    if kind in ('shear_x', 'shear_y'):
        return None
    return remap_op(in_box, out_box, data, interpolation, fill, width, height, rows, cols)


def warp(frames: List[np.ndarray],
         in_box: Box,
         out_box: Box,
         data: tuple,
         interpolation: int,
         fill,
         width: int,
         height: int,
         rows=None) -> List[np.ndarray]:
    """PIL's ``transform(AFFINE)`` of frames (each the ``in_box`` window of a
    frame) on ``out_box``: PIL's sampling positions and fill (an output pixel
    whose source centre falls outside the frame gets ``fill``; inside, the
    frame's edge pixels repeat), OpenCV's kernels (bicubic: a=-0.75, not
    PIL's a=-0.5). Translations and shears move pixels along rows or
    columns and run as a 4-tap filter (``translate_op``, ``shift_rows``);
    rotations through OpenCV's ``remap`` (``remap_op``). ``rows`` (not for
    the ``COLUMN_KINDS``): only those rows of ``out_box``, the frames then
    [len(rows), box width, 3]."""
    op = warp_op(in_box, out_box, data, interpolation, fill, width, height, rows)
    if op is not None:
        return [op(frame) for frame in frames]
    a, b, c, d, e, f = data
    if affine_kind(data) == 'shear_x':
        return shift_rows(frames, in_box, out_box, b, c, interpolation, fill, width, rows)

    def swap(box):  # ShearY: ShearX of the transposed frames
        return box[1], box[0], box[3], box[2]

    out = shift_rows([cv2.transpose(frame) for frame in frames], swap(in_box), swap(out_box), d, f,
                     interpolation, fill, height)
    return [cv2.transpose(frame) for frame in out]


def remap_op(in_box: Box,
             out_box: Box,
             data: tuple,
             interpolation: int,
             fill,
             width: int,
             height: int,
             rows=None,
             cols=None) -> FrameOp:
    """``warp_op`` for any affine, through OpenCV's ``remap``: the sampling
    maps made once. ``cols`` (sorted, relative to ``out_box``): only those
    columns, the output then [rows, len(cols), 3]."""
    sx, sy, outside = sampling_positions(data, out_box, width, height, rows, cols)
    # the window padded by its edge pixels: the frame's own edges where the
    # window reaches them; elsewhere the margin keeps every tap inside
    pad = WARP_MARGIN
    sx -= in_box[0] - pad
    sy -= in_box[1] - pad
    sx[outside] = sy[outside] = OUTSIDE
    map_x, map_y = sx.astype(np.float32), sy.astype(np.float32)
    flags = CV2_INTERPOLATION[interpolation]
    fill = tuple(int(v) for v in fill)

    def remap(frame):
        padded = cv2.copyMakeBorder(frame, pad, pad, pad, pad, cv2.BORDER_REPLICATE)
        return cv2.remap(
            padded, map_x, map_y, flags, borderMode=cv2.BORDER_CONSTANT, borderValue=fill)

    return remap


def interpolation_taps(interpolation: int) -> np.ndarray:
    """[32, 4] int64: the weights, in units of 2**-15 and summing to 2**15,
    of the 4 pixels around a position at each of OpenCV's 32 sub-pixel steps
    (taps at offsets -1, 0, 1, 2), for OpenCV's bicubic (a=-0.75) or
    bilinear kernel."""
    t = np.abs(np.arange(32)[:, None] / 32 + np.array([1, 0, -1, -2]))  # distance to each tap
    if interpolation == cv2.INTER_CUBIC:
        A = -0.75
        w = np.where(t <= 1, ((A + 2) * t - (A + 3)) * t * t + 1,
                     np.where(t < 2, ((A * t - 5 * A) * t + 8 * A) * t - 4 * A, 0))
    else:
        w = np.clip(1 - t, 0, None)
    taps = np.round(w * 2**15).astype(np.int64)
    taps[:, 1] += 2**15 - taps.sum(axis=1)  # each set sums to one exactly
    return taps


TAPS = {pil: interpolation_taps(flag) for pil, flag in CV2_INTERPOLATION.items()}


def tap_kernel(taps: np.ndarray, axis: int = 1) -> tuple:
    """(kernel, anchor) for ``cv2.filter2D`` applying the 4 ``taps`` (units
    of 2**-15) along x (``axis`` 1) or y (0): output i = sum_k taps[k] *
    input[i - 1 + k]. On uint8 frames the result is exact, rounded to
    nearest, ties to even: OpenCV filters in float32, which holds every
    partial sum (a multiple of 2**-15 below 2**9)."""
    kernel = (taps / 2**15).astype(np.float32)
    return (kernel[None], (1, 0)) if axis == 1 else (kernel[:, None], (0, 1))


def inside(shift, p0: int, p1: int, size: int) -> tuple:
    """(first, end): the output positions p0 + first .. p0 + end - 1 of
    ``[p0, p1)`` whose source centre (p + 0.5 + ``shift``, PIL's coordinates)
    lies inside a frame of ``size`` pixels; per line when ``shift`` is an
    array."""
    first = np.clip(np.ceil(-0.5 - shift).astype(np.int64), p0, p1) - p0
    end = np.clip(np.ceil(size - 0.5 - shift).astype(np.int64), p0, p1) - p0
    return first, end


def filter_taps(rows: np.ndarray, taps: np.ndarray) -> np.ndarray:
    """``rows`` [..., W, 3] uint8 filtered along rows by the 4 ``taps``
    (``tap_kernel``). The first column and the last two are undefined."""
    kernel, anchor = tap_kernel(taps)
    flat = rows.reshape(-1, rows.shape[-2], 3)
    return cv2.filter2D(flat, -1, kernel, anchor=anchor).reshape(rows.shape)


def translate_op(in_box: Box,
                 out_box: Box,
                 shift: float,
                 axis: int,
                 interpolation: int,
                 fill,
                 size: int,
                 rows=None) -> FrameOp:
    """``warp_op`` for a translation along x (``axis`` 1: the source of (x, y)
    is (x + shift, y), PIL's coordinates; ``size``: the frame's width) or
    along y (``axis`` 0; ``size``: its height). The shift is rounded to 1/32
    pixel; each window is filtered once by ``TAPS`` (``tap_kernel``; its edge
    pixels repeated beyond it) and the output is a view of the filtered
    window, ``fill`` where the source is outside. ``rows``: along x only."""
    x0, y0, x1, y1 = out_box
    if axis == 1:  # positions along x, the window's rows of the output
        p0, p1, p_in, lines = x0, x1, in_box[0], slice(y0 - in_box[1], y1 - in_box[1])
        if rows is not None:
            lines = y0 - in_box[1] + rows
    else:
        p0, p1, p_in, lines = y0, y1, in_box[1], slice(x0 - in_box[0], x1 - in_box[0])
    shape = (y1 - y0 if rows is None else len(rows), x1 - x0, 3)
    fill = np.asarray(fill, np.uint8)
    first, end = inside(shift, p0, p1, size)
    if first >= end:
        return lambda frame: np.full(shape, fill)
    step = int(np.round(shift * 32))
    start = p0 + (step >> 5) - p_in  # the filtered window position of output position p0
    kernel, anchor = tap_kernel(TAPS[interpolation][step & 31], axis)

    def positions(array, span):  # along the translation's axis
        return array[:, span] if axis == 1 else array[span]

    def move(frame):
        window = frame[lines] if axis == 1 else frame[:, lines]
        length = window.shape[axis]
        # at a frame's edge an inside position may read a tap beyond the window
        before, after = max(-(start + first), 0), max(start + end - length, 0)
        if before or after:
            border = (0, 0, before, after) if axis == 1 else (before, after, 0, 0)
            window = cv2.copyMakeBorder(window, *border, cv2.BORDER_REPLICATE)
        filtered = cv2.filter2D(window, -1, kernel, anchor=anchor, borderType=cv2.BORDER_REPLICATE)
        at = start + before  # the filtered position of output position p0
        if 0 <= at and at + p1 - p0 <= filtered.shape[axis]:
            moved = positions(filtered, slice(at, at + p1 - p0))
        else:  # outside positions beyond the window: a new array
            moved = np.empty(shape, np.uint8)
            positions(moved, slice(first, end))[...] = positions(filtered,
                                                                 slice(at + first, at + end))
        positions(moved, slice(None, first))[...] = fill
        positions(moved, slice(end, None))[...] = fill
        return moved

    return move


def shift_rows(frames: List[np.ndarray],
               in_box: Box,
               out_box: Box,
               slope: float,
               offset: float,
               interpolation: int,
               fill,
               width: int,
               rows=None) -> List[np.ndarray]:
    """``warp`` for an affine that keeps rows: the source of (x, y) is
    (x + slope * (y + 0.5) + offset, y), PIL's coordinates. Each row is
    shifted by a constant, rounded to 1/32 pixel, and interpolated by
    ``TAPS`` with ``filter_taps``: an output pixel depends on its row's shift
    only, whatever the window. ``rows``: as ``warp``."""
    pad = WARP_MARGIN
    (ix0, iy0), (ox0, oy0, ox1, oy1) = in_box[:2], out_box
    ys = np.arange(oy0, oy1) if rows is None else oy0 + rows  # the output rows made
    shift = slope * (ys + 0.5) + offset  # source x - output x, per row
    steps = np.round(shift * 32).astype(np.int64)
    starts = ox0 + (steps >> 5) - ix0 + pad  # the filtered column of output column ox0
    first, end = inside(shift, ox0, ox1, width)
    lines = ys - iy0  # the window's rows of the output rows
    width_in = frames[0].shape[1]
    out = np.empty((len(frames), len(ys), ox1 - ox0, 3), np.uint8)
    fill = np.asarray(fill, np.uint8)
    taps = TAPS[interpolation]
    for sub in np.unique(steps & 31):
        picked = np.flatnonzero((steps & 31) == sub)
        # [T, rows, window width + 2 pad, 3]: the rows of this 1/32 step, the
        # window's edge pixels repeated beyond it
        padded = np.empty((len(frames), len(picked), width_in + 2 * pad, 3), np.uint8)
        for frame, rows_padded in zip(frames, padded):
            rows_padded[:, pad:pad + width_in] = frame[lines[picked]]
        padded[:, :, :pad] = padded[:, :, pad:pad + 1]
        padded[:, :, pad + width_in:] = padded[:, :, pad + width_in - 1:pad + width_in]
        part = filter_taps(padded, taps[sub])
        for i, row in enumerate(picked):
            start, lo, hi = starts[row], first[row], end[row]
            out[:, row, lo:hi] = part[:, i, start + lo:start + hi]
            if lo:
                out[:, row, :lo] = fill
            if hi < out.shape[2]:
                out[:, row, hi:] = fill
    return list(out)


def value_map(op, args) -> np.ndarray:
    """The op's lookup table [1, 256, 3]: the op applied to the 256 values."""
    return np.asarray(op.aug_fn(Image.fromarray(RAMP), *args, **op.kwargs))


def statistics_map(op, args, frame: np.ndarray) -> np.ndarray:
    """The lookup table [1, 256, 3] of a statistics op (PIL's) on ``frame``:
    exact for every value the frame holds."""
    kind = op.aug_fn.__name__
    if kind == 'contrast':  # ImageEnhance.Contrast: a blend with the mean grey
        grey = np.asarray(Image.fromarray(frame).convert('L'))
        mean = int(int(cv2.sumElems(grey)[0]) / grey.size + 0.5)  # ImageStat's mean
        grey = Image.new('RGB', (256, 1), (mean, ) * 3)
        return np.asarray(Image.blend(grey, Image.fromarray(RAMP), args[0]))
    return histogram_map(kind, histograms(frame))[None]


def histograms(frame: np.ndarray) -> np.ndarray:
    """[3, 256] int64: each channel's histogram."""
    return np.stack([
        cv2.calcHist([frame], [c], None, [256], [0, 256]).reshape(256) for c in range(3)
    ]).astype(np.int64)


def histogram_map(kind: str, hist: np.ndarray) -> np.ndarray:
    """[256, 3] uint8: PIL's table of auto contrast or equalize for a frame
    of histograms ``hist`` [3, 256]."""
    values = np.arange(256)
    table = np.repeat(values[:, None], 3, axis=1)  # [256, 3]: PIL's "leave it" table
    for c, h in enumerate(hist):
        present = np.flatnonzero(h)
        if kind == 'auto_contrast':  # ImageOps.autocontrast: the extremes to 0 and 255
            lo, hi = present[0], present[-1]
            if hi > lo:
                scale = 255.0 / (hi - lo)
                table[:, c] = (values * scale + -lo * scale).astype(np.int64)  # int() truncates
        elif len(present) > 1:  # ImageOps.equalize
            step = (h.sum() - h[present[-1]]) // 255
            if step:
                table[:, c] = (step // 2 + np.cumsum(h) - h) // step
    return np.clip(table, 0, 255).astype(np.uint8)  # PIL's point() clips


def chain_steps(chain: list) -> list:
    """The steps of ``chain`` ((op, args) pairs of value maps, auto contrast
    and equalize, in order) for ``chain_table``: a value map's table [256, 3]
    (the same for every frame), or the name of a histogram op."""
    return [
        op.aug_fn.__name__ if op.aug_fn.__name__ in HISTOGRAM_MAPS else value_map(op, args)[0]
        for op, args in chain
    ]


def needs_histogram(steps: list) -> bool:
    return any(isinstance(step, str) for step in steps)


def chain_table(steps: list, frame: np.ndarray = None) -> np.ndarray:
    """[256, 3] uint8: the ``chain_steps`` composed into one table;
    ``frame``: the chain's input, whole, when it ``needs_histogram`` (a table
    op's output histogram is its input's moved through the table: no frame
    between the ops is made)."""
    table = np.repeat(np.arange(256)[:, None], 3, axis=1)  # [256, 3], the identity
    hist = None
    for step in steps:
        if isinstance(step, str):  # auto contrast or equalize of the frame so far
            hist = histograms(frame) if hist is None else hist
            moved = np.stack([np.bincount(table[:, c], hist[c], 256) for c in range(3)])
            step = histogram_map(step, moved.astype(np.int64))
        table = np.take_along_axis(step, table, axis=0)  # step after table, per channel
    return table.astype(np.uint8)


def lookup(table: np.ndarray) -> np.ndarray:
    """``table`` [256, 3] as ``cv2.LUT``'s table: one channel when the three
    are equal (faster)."""
    return table[:, 0].copy() if (table == table[:, :1]).all() else table[None].copy()


def blend_table(factor: float) -> np.ndarray:
    """[65536] uint8: PIL's ``Image.blend(a, b, factor)`` at a * 256 + b,
    for every pair of values."""
    a, b = (Image.fromarray(values) for values in PAIRS)
    return np.asarray(Image.blend(a, b, factor)).reshape(-1)


Blend = Callable[[np.ndarray, np.ndarray], np.ndarray]  # (a, b) uint8 -> blended, the same shape
# addWeighted's offsets tried (PIL truncates a + factor (b - a); OpenCV rounds)
BLEND_EPSILONS = (2**-12, 2**-16, 2**-9, 2**-20)


def blender(factor: float) -> Blend:
    """PIL's ``Image.blend(a, b, factor)`` of uint8 arrays, exactly. It is
    ``cv2.addWeighted(b, factor, a, 1 - factor, eps - 0.5)`` (four times
    faster than a table) when that gives PIL's value for all 65536 pairs of
    values, checked through OpenCV's vector and scalar code (rows of 256, 86
    and 1 values), for one of ``BLEND_EPSILONS`` (so for 99 % of factors);
    otherwise ``blend_table``'s lookup."""
    table = blend_table(factor)
    a, b = PAIRS.reshape(2, -1)
    layouts = ((256, 256), (772, 86), (65536, 1))  # rows of 256, 86 and 1 values

    def opencv_blend(eps: float) -> Blend:
        return lambda x, y: cv2.addWeighted(y, factor, x, 1 - factor, eps - 0.5)

    for eps in BLEND_EPSILONS:
        blend = opencv_blend(eps)
        if all(
                np.array_equal(
                    blend(np.resize(a, rows), np.resize(b, rows)), np.resize(table, rows))
                for rows in layouts):
            return blend

    def lookup_blend(x, y):
        index = np.left_shift(x, 8, dtype=np.uint16)
        index |= y
        return table.take(index)

    return lookup_blend


def color(frame: np.ndarray, blend: Blend) -> np.ndarray:
    """timm's color, ``ImageEnhance.Color(frame).enhance(factor)``, exactly:
    the frame blended with its grey (PIL's L, in every channel) by
    ``blend`` (``blender(factor)``)."""
    grey = np.asarray(Image.fromarray(frame).convert('L'))
    return blend(cv2.cvtColor(grey, cv2.COLOR_GRAY2RGB), frame)


def sharpness(frame: np.ndarray, blend: Blend, region: tuple, rows=None) -> np.ndarray:
    """timm's sharpness, ``ImageEnhance.Sharpness(frame).enhance(factor)``,
    exactly, on ``frame[region]`` (``rows``: those rows of it only;
    ``blend``: ``blender(factor)``).
    PIL smooths with ``SMOOTH`` in float32 and rounds, keeping the outer
    rows and columns, and so does OpenCV: both within 1e-3 of the integer
    sum / 13, which is never nearer than 1/26 to a half, so both round to
    the same value."""
    smooth = cv2.filter2D(frame, -1, SMOOTH)
    smooth[[0, -1]], smooth[:, [0, -1]] = frame[[0, -1]], frame[:, [0, -1]]
    smooth, frame = smooth[region], frame[region]
    if rows is not None:
        smooth, frame = smooth[rows], frame[rows]
    return blend(smooth, frame)


def input_box(op, data, box: Box, width: int, height: int) -> Box:
    """The region of the op's input its output on ``box`` depends on
    (``data``: the op's ``pil_affine``; ``op`` None: a chain of table ops,
    ``data`` its ``chain_steps``)."""
    if op is None:
        return (0, 0, width, height) if needs_histogram(data) else box
    kind = op.aug_fn.__name__
    if data is not None:
        return warp_input_box(data, box, width, height)
    if kind in VALUE_MAPS or kind in PER_PIXEL:
        return box
    if kind in NEIGHBOURHOOD:
        return grow(box, NEIGHBOURHOOD[kind], width, height)
    return (0, 0, width, height)


def row_subset(op, data) -> str:
    """How a step computes only some rows of its output: 'same' (a pixel-wise
    op, its input box its output box: from those rows of its input alone),
    'any' (from whole input windows) or '' (it cannot)."""
    if op is None:
        return '' if needs_histogram(data) else 'same'
    if data is not None:
        return '' if affine_kind(data) in COLUMN_KINDS else 'any'
    kind = op.aug_fn.__name__
    return 'same' if kind in PER_PIXEL else 'any' if kind == 'sharpness' else ''


def frame_op(in_box: Box,
             out_box: Box,
             op,
             args,
             data,
             width: int,
             height: int,
             rows=None,
             cols=None) -> Optional[FrameOp]:
    """The op as a function of one frame holding ``in_box`` of the op's
    input, to a new array of its output on ``out_box`` only (``data``: the
    op's ``pil_affine``; ``op`` None: a chain of table ops, ``data`` its
    ``chain_steps``), its per-clip work (tables, sampling maps) done once;
    None for shears (``warp``: every frame at once). ``rows`` (where
    ``row_subset`` allows): only those rows of ``out_box`` (sorted, relative
    to it), the output then [len(rows), box width, 3]; a 'same' op also
    takes frames holding only those rows. ``cols`` (the same way): a
    rotation makes only those columns, the output then [rows, len(cols),
    3]; a 'same' op takes frames holding only those columns too."""
    x0, y0 = out_box[0] - in_box[0], out_box[1] - in_box[1]
    x1, y1 = x0 + out_box[2] - out_box[0], y0 + out_box[3] - out_box[1]

    def window(frame):  # the output's pixels of an input frame
        part = frame[y0:y1, x0:x1]
        return part if rows is None or len(part) == len(rows) else part[rows]

    if op is None:  # whole frames in when a histogram is needed, the box out
        if not needs_histogram(data):
            table = lookup(chain_table(data))  # the same for every frame
            return lambda frame: cv2.LUT(window(frame), table)
        return lambda frame: cv2.LUT(frame[y0:y1, x0:x1], lookup(chain_table(data, frame)))
    kind = op.aug_fn.__name__
    if data is not None:
        return warp_op(in_box, out_box, data, op.kwargs['resample'], op.kwargs['fillcolor'], width,
                       height, rows, cols)
    if kind == 'color':
        blend = blender(args[0])
        return lambda frame: color(window(frame), blend)
    if kind in STATISTICS:  # whole frames in, the table applied to the box only
        return lambda frame: cv2.LUT(frame[y0:y1, x0:x1], lookup(
            statistics_map(op, args, frame)[0]))
    if kind == 'sharpness':
        blend = blender(args[0])
        return lambda frame: sharpness(frame, blend, (slice(y0, y1), slice(x0, x1)), rows)
    return lambda frame: np.asarray(op.aug_fn(Image.fromarray(frame), *args, **op.kwargs))[y0:y1,
                                                                                           x0:x1]


def column_spreader(cols: np.ndarray, width: int) -> FrameOp:
    """A function placing a frame [H, len(cols), 3] at columns ``cols``
    (sorted) of a new array [H, width, 3], the other columns undefined:
    one copy per run of consecutive columns."""
    breaks = np.flatnonzero(np.diff(cols) != 1) + 1
    starts, ends = np.append(0, breaks), np.append(breaks, len(cols))
    runs = [(int(cols[s]), int(s), int(e - s)) for s, e in zip(starts, ends)]

    def spread(frame):
        out = np.empty((len(frame), width, 3), np.uint8)
        for at, start, n in runs:
            out[:, at:at + n] = frame[:, start:start + n]
        return out

    return spread


def apply_run(ops: List[FrameOp], frame: np.ndarray) -> np.ndarray:
    """``frame`` through ``ops``, in order."""
    for op in ops:
        frame = op(frame)
    return frame


def augment_region(frames: List[np.ndarray],
                   plan: list,
                   box: Box,
                   rows=None,
                   cols=None,
                   finish: Optional[FrameOp] = None) -> list:
    """Frames [H, W, 3] after the ops of ``plan`` ((op, args) pairs, in
    order), computed only where the output's ``box`` depends on them: new,
    writable arrays [box height, box width, 3]. ``rows``, ``cols`` (sorted,
    relative to the box; None: all): only these rows and columns of the
    output are needed; the last op and the pixel-wise ops just before it
    compute those rows only where they can (``row_subset``), a rotation
    among them those columns only, and the other pixels of the output are
    then undefined.
    ``finish``: applied to each output frame as soon as it is made (while
    it is in the CPU's cache); its results are returned instead."""
    height, width = frames[0].shape[:2]
    steps = []  # (op, args, data); a run of table ops: (None, None, their pairs)
    for op, args in plan:
        if op.aug_fn.__name__ not in VALUE_MAPS + HISTOGRAM_MAPS:
            steps.append((op, args, pil_affine(op.name, args, width, height)))
        elif steps and steps[-1][0] is None:
            steps[-1][2].append((op, args))
        else:
            steps.append((None, None, [(op, args)]))
    steps = [(op, args, chain_steps(data) if op is None else data) for op, args, data in steps]
    boxes = [box]  # boxes[i]: where the input of op i is needed; the last: box
    for op, _, data in reversed(steps):
        boxes.insert(0, input_box(op, data, boxes[0], width, height))
    partial = [False] * len(steps)  # partial[i]: step i makes only the rows and columns needed
    for i in reversed(range(len(steps))):
        subset = row_subset(steps[i][0], steps[i][2])
        if rows is None and cols is None or not subset:
            break
        partial[i] = True
        if subset != 'same':
            break
    ops = [
        frame_op(boxes[i], boxes[i + 1], op, args, data, width, height,
                 *((rows, cols) if partial[i] else (None, None)))
        for i, (op, args, data) in enumerate(steps)
    ]
    box_height, box_width = box[3] - box[1], box[2] - box[0]
    spread = None if cols is None else column_spreader(cols, box_width)

    def done(frame):  # an output frame as returned
        if frame.shape[1] < box_width:  # the columns made: in place in whole rows
            frame = spread(frame)
        if len(frame) < box_height:  # the rows made: in place in a whole box
            whole = np.empty((box_height, box_width, 3), np.uint8)
            whole[rows] = frame
            frame = whole
        if finish is not None:
            return finish(frame)
        return frame if steps and frame.flags.writeable else frame.copy()  # not a view of the input

    x0, y0, x1, y1 = boxes[0]
    out = [frame[y0:y1, x0:x1] for frame in frames]  # views
    i = 0
    while i < len(steps):
        if ops[i] is None:  # a shear: every frame at once
            op, _, data = steps[i]
            out = warp(out, boxes[i], boxes[i + 1], data, op.kwargs['resample'],
                       op.kwargs['fillcolor'], width, height, rows if partial[i] else None)
            i += 1
            continue
        run = ops[i:ops.index(None, i) if None in ops[i:] else len(ops)]
        i += len(run)
        if i == len(steps):
            run.append(done)
        out = [apply_run(run, frame) for frame in out]  # each frame through them: kept in cache
    return out if steps and ops[-1] is not None else [done(frame) for frame in out]


def draw_level_args(op):
    """The arguments timm's ``AugmentOp.__call__`` would draw for ``op``
    (the same random calls, in the same order), or None when it skips."""
    if op.prob < 1.0 and random.random() > op.prob:
        return None
    magnitude = op.magnitude
    if op.magnitude_std > 0:
        if op.magnitude_std == float('inf'):
            magnitude = random.uniform(0, magnitude)
        else:
            magnitude = random.gauss(magnitude, op.magnitude_std)
    magnitude = max(0., min(magnitude, op.magnitude_max or 10.))
    return op.level_fn(magnitude, op.hparams) if op.level_fn is not None else ()


@TRANSFORMS.register_module()
class VideoRandAugment(BaseTransform):
    """timm's RandAugment with one draw of operations and magnitudes per clip.

    VideoMAE V2 fine-tunes with ``rand-m7-n4-mstd0.5-inc1`` on the full
    decoded frames (before the random resized crop), the same ops and
    magnitudes for every frame. MMAction2 has RandAugment only through
    pytorchvideo or imgaug wrappers, so timm's policy draws the ops and
    magnitudes (exactly timm's random calls, once per clip) and timm's PIL
    functions apply them, with changes for speed (``backend='fast'``):
    value maps (invert, posterize, solarize, brightness) are one lookup table
    made by the op itself, sharpness smooths with OpenCV, sharpness and
    colour blend as PIL does (``blender``; all exact), and the geometric ops (rotate, shear,
    translate) take PIL's sampling positions and fill but OpenCV's bicubic
    kernel (on average under 1 grey level apart, 99 % of values within 3;
    tested): shears and translations as a 4-tap filter along rows or
    columns, rotations through OpenCV's ``remap``. Each frame goes through a
    run of ops before the next one does (it stays in the CPU's cache).
    ``backend='pil'`` applies timm's own op to each
    frame (slower, exact). ``VideoRandAugmentCrop`` adds the random resized
    crop and computes only what it keeps.

    Args:
        config_str (str): timm RandAugment spec.
        crop_size (int): output size of the later crop; sets timm's
            ``translate_const`` (45 % of it), unused by the relative
            translations of the 'inc1' op set.
        img_mean (Sequence[int]): fill colour of geometric ops.
        interpolation (str): 'bicubic' (the official ``train_interpolation``)
            or 'bilinear'.
        backend (str): 'fast' or 'pil' (see above).

    Required / modified key: ``imgs`` (list of HxWx3 uint8 RGB arrays; the
    results are new, writable arrays).
    """

    def __init__(self,
                 config_str: str = 'rand-m7-n4-mstd0.5-inc1',
                 crop_size: int = 224,
                 img_mean: Sequence[int] = (128, 128, 128),
                 interpolation: str = 'bicubic',
                 backend: str = 'fast'):
        if interpolation not in INTERPOLATION:
            raise ValueError(f'{type(self).__name__}: interpolation must be one of '
                             f'{sorted(INTERPOLATION)}, got {interpolation!r}')
        if backend not in ('fast', 'pil'):
            raise ValueError(f"{type(self).__name__}: backend must be 'fast' or 'pil', "
                             f'got {backend!r}')
        self.config_str, self.backend, self.interpolation = config_str, backend, interpolation
        self.augment = rand_augment_transform(
            config_str,
            dict(
                translate_const=int(crop_size * 0.45),
                img_mean=tuple(int(v) for v in img_mean),
                interpolation=INTERPOLATION[interpolation]))

    def transform(self, results: Dict) -> Dict:
        frames = results['imgs']
        if self.backend == 'pil':
            results['imgs'] = self.per_frame(frames)
        else:
            height, width = frames[0].shape[:2]
            results['imgs'] = augment_region(frames, self.draw_plan(), (0, 0, width, height))
        return results

    def per_frame(self, frames: List[np.ndarray]) -> List[np.ndarray]:
        """timm's transform on each frame, the random state restored before
        each, so every frame gets the same draw."""
        py_state, np_state = random.getstate(), np.random.get_state()
        out = []
        for img in frames:
            random.setstate(py_state)
            np.random.set_state(np_state)
            out.append(np.array(self.augment(Image.fromarray(img))))
        return out

    def draw_plan(self) -> list:
        """One clip's (op, args) pairs, in order: timm's random calls."""
        augment = self.augment
        ops = np.random.choice(
            augment.ops,
            augment.num_layers,
            replace=augment.choice_weights is None,
            p=augment.choice_weights)
        plan = [(op, draw_level_args(op)) for op in ops]
        return [(op, args) for op, args in plan if args is not None]

    def __repr__(self):
        return f'{self.__class__.__name__}({self.config_str!r}, backend={self.backend!r})'


@TRANSFORMS.register_module()
class VideoRandAugmentCrop(VideoRandAugment):
    """``VideoRandAugment`` followed by MMAction2's ``RandomResizedCrop``, with
    their random draws in the same order, computed only where the crop keeps:
    the same frames as the two transforms (tested), without augmenting (and
    copying) whole frames the crop then drops. Ops that need whole frames
    (auto contrast, equalize, contrast) still run on them.

    With ``scale``, the crops are then resized as by MMAction2's
    ``Resize(scale, keep_ratio=False)`` (``StackedResize``: one array), and
    the last ops compute only the rows the resize reads (``resized_rows``;
    fewer when the crop is over twice the output's height), and a rotation
    among them only the columns it reads.

    Args:
        area_range, aspect_ratio_range: ``RandomResizedCrop``'s.
        scale (tuple[int, int], optional): (width, height) of the output.
        others: ``VideoRandAugment``'s (``backend`` 'fast').

    Required key: ``imgs``. Modified keys: ``imgs`` (the
    crops, new arrays), ``img_shape``; added: ``crop_bbox``,
    ``crop_quadruple`` (as ``RandomResizedCrop``), and with ``scale``
    ``Resize``'s keys.
    """

    def __init__(self,
                 config_str: str = 'rand-m7-n4-mstd0.5-inc1',
                 crop_size: int = 224,
                 img_mean: Sequence[int] = (128, 128, 128),
                 interpolation: str = 'bicubic',
                 area_range: Tuple[float, float] = (0.08, 1.0),
                 aspect_ratio_range: Tuple[float, float] = (3 / 4, 4 / 3),
                 scale: Optional[Tuple[int, int]] = None):
        super().__init__(config_str, crop_size, img_mean, interpolation)
        self.crop = TRANSFORMS.build(
            dict(
                type='RandomResizedCrop',
                area_range=tuple(area_range),
                aspect_ratio_range=tuple(aspect_ratio_range)))
        self.resize = None if scale is None else TRANSFORMS.build(
            dict(type='StackedResize', scale=tuple(scale), keep_ratio=False))

    def transform(self, results: Dict) -> Dict:
        plan = self.draw_plan()
        frames = results.pop('imgs')
        results['img_shape'] = frames[0].shape[:2]
        results = self.crop(results)  # without frames: draws the box, sets the keys
        box = tuple(int(v) for v in results['crop_bbox'])
        if self.resize is None:
            results['imgs'] = augment_region(frames, plan, box)
            return results
        results = self.resize(results)  # without frames: sets the keys
        resized = np.empty((len(frames), ) + results['img_shape'] + (3, ), np.uint8)
        slots = iter(resized)
        rows = resized_rows(box[3] - box[1], resized.shape[1])
        cols = resized_rows(box[2] - box[0], resized.shape[2])
        augment_region(frames, plan, box, rows, cols,
                       lambda frame: self.resize.resize_into(frame, next(slots)))
        results['imgs'] = resized
        return results

    def __repr__(self):
        return f'{self.__class__.__name__}({self.config_str!r}, {self.crop!r}, {self.resize!r})'
