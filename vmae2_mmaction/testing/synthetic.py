"""Synthetic action videos the tests, the demo and tools/data/make_synthetic.py
share: moving / rotating / scaling shapes (``render_video``) and the demo's
sprites (``sprite_clip``), written with OpenCV (``write_bgr_video``)."""
import os
import os.path as osp

import cv2
import numpy as np

CLASSES = ('move_right', 'move_left', 'move_down', 'move_up', 'rotate_clockwise',
           'rotate_anticlockwise', 'grow', 'shrink')
# (x, y) unit steps of the moving classes; image y points down
DIRECTIONS = {'move_right': (1, 0), 'move_left': (-1, 0), 'move_down': (0, 1), 'move_up': (0, -1)}
SHAPES = ('triangle', 'arrow', 'bar', 'ell')


def shape_polygon(shape: str) -> np.ndarray:
    """A unit-size polygon without rotational symmetry, [K, 2] in [-1, 1]."""
    if shape == 'triangle':
        return np.array([[-1, -0.8], [1, -0.2], [-0.6, 1]])
    if shape == 'arrow':
        return np.array([[-1, -0.3], [0.2, -0.3], [0.2, -0.8], [1, 0], [0.2, 0.8], [0.2, 0.3],
                         [-1, 0.3]])
    if shape == 'bar':
        return np.array([[-1, -0.35], [1, -0.35], [1, 0.1], [0.3, 0.1], [0.3, 0.35], [-1, 0.35]])
    return np.array([[-1, -1], [-0.3, -1], [-0.3, 0.4], [1, 0.4], [1, 1], [-1, 1]])


def render_video(
    label: int,
    frames: int,
    size: int,
    rng: np.random.RandomState,
    travel_range=(0.25, 0.45),
    size_range=(0.12, 0.2),
    noise_range=(4, 16)
) -> np.ndarray:
    """[frames, size, size, 3] uint8 (BGR) clip of class ``label``; the shape's
    radius and path length are drawn from the given fractions of the frame, the
    std of the background's pixel noise from ``noise_range`` (grey levels)."""
    name = CLASSES[label]
    poly = shape_polygon(SHAPES[rng.randint(len(SHAPES))])
    background = rng.randint(0, 256, 3)
    colour = (background + rng.randint(80, 176, 3)) % 256  # far from the background
    noise_std = rng.uniform(*noise_range)
    radius = rng.uniform(*size_range) * size
    angle = rng.uniform(0, 2 * np.pi)
    travel = rng.uniform(*travel_range) * size  # whole path, any frame count
    speed = travel / max(frames - 1, 1)  # pixels per frame
    spin = rng.uniform(0.6, 1.2) * 2 * np.pi / frames  # radians per frame
    scale_rate = rng.uniform(0.5, 0.8) / frames
    direction = DIRECTIONS.get(name, (0, 0))
    # a path that stays in view: its middle leaves room for half the travel
    margin = radius + np.abs(direction) * travel / 2
    middle = rng.uniform(margin, size - margin)
    center = middle - np.array(direction) * travel / 2

    video = np.empty((frames, size, size, 3), np.uint8)
    for k in range(frames):
        a, r, c = angle, radius, center + np.array(direction) * speed * k
        if name == 'rotate_clockwise':
            a = angle + spin * k  # image y points down: positive = clockwise
        elif name == 'rotate_anticlockwise':
            a = angle - spin * k
        elif name == 'grow':
            r = radius * (1 - 0.4 + scale_rate * k * 2)
        elif name == 'shrink':
            r = radius * (1 + 0.4 - scale_rate * k * 2)
        rot = np.array([[np.cos(a), -np.sin(a)], [np.sin(a), np.cos(a)]])
        pts = (poly @ rot.T) * r + c
        frame = np.empty((size, size, 3), np.float32)
        frame[:] = background
        frame += rng.normal(0, noise_std, frame.shape)
        frame = np.clip(frame, 0, 255).astype(np.uint8)
        cv2.fillPoly(
            frame, [np.round(pts * 16).astype(np.int32)], [int(v) for v in colour],
            lineType=cv2.LINE_AA,
            shift=4)
        video[k] = frame
    return video


def sprite_clip(label: int,
                rng: np.random.RandomState,
                frames: int = 8,
                size: int = 32) -> np.ndarray:
    """[frames, size, size, 3] uint8 (RGB) clip of class ``label`` < 4: three
    shapes (radius 10-20 % of the frame) moving together, wrapping around."""
    yy, xx = np.mgrid[0:size, 0:size].astype(np.float32) + 0.5
    background = rng.uniform(0, 255, 3)
    clip = np.empty((frames, size, size, 3), np.float32)
    clip[:] = background
    direction = DIRECTIONS[CLASSES[label]]
    velocity = np.array(direction, np.float32) * rng.uniform(0.06, 0.1) * size
    for _ in range(3):
        radius = rng.uniform(0.1, 0.2) * size
        start = rng.uniform(0, size, 2)
        colour = (background + rng.uniform(70, 186, 3)) % 256
        square = rng.rand() < 0.5
        for t in range(frames):
            cx, cy = (start + velocity * t) % size
            dx = np.abs(xx - cx)
            dx = np.minimum(dx, size - dx)  # distances on the torus: shapes wrap around
            dy = np.abs(yy - cy)
            dy = np.minimum(dy, size - dy)
            inside = np.maximum(dx, dy) <= radius if square else dx**2 + dy**2 <= radius**2
            clip[t][inside] = colour
    return np.clip(clip, 0, 255).astype(np.uint8)


CODECS = {'.mp4': 'mp4v', '.mkv': 'FFV1'}  # lossy, lossless


def write_bgr_video(path: str, video: np.ndarray, fps: int = 8) -> None:
    """[frames, H, W, 3] uint8 BGR -> ``path`` (.mp4: mp4v, .mkv: FFV1)."""
    h, w = video.shape[1:3]
    codec = CODECS[osp.splitext(path)[1]]
    writer = cv2.VideoWriter(path, cv2.VideoWriter_fourcc(*codec), fps, (w, h))
    if not writer.isOpened():
        raise RuntimeError(f'OpenCV cannot write {codec} to {path}')
    for frame in video:
        writer.write(frame)
    writer.release()


def make_split(out_dir: str,
               split: str,
               count: int,
               num_classes: int,
               frames: int,
               size: int,
               rng: np.random.RandomState,
               ext: str = '.mp4',
               sprites: bool = False,
               **render) -> None:
    """``count`` videos of ``OUT_DIR/SPLIT/`` (classes in turn) and their list
    ``OUT_DIR/SPLIT.txt`` (tools/data/make_synthetic.py's layout)."""
    os.makedirs(osp.join(out_dir, split), exist_ok=True)
    lines = []
    for i in range(count):
        label = i % num_classes  # balanced classes
        rel = f'{split}/{i:05d}{ext}'
        if sprites:
            video = sprite_clip(label, rng, frames, size)[..., ::-1]  # RGB -> BGR
        else:
            video = render_video(label, frames, size, rng, **render)
        write_bgr_video(osp.join(out_dir, rel), video)
        lines.append(f'{rel} {label}')
    with open(osp.join(out_dir, f'{split}.txt'), 'w') as f:
        f.write('\n'.join(lines) + '\n')
