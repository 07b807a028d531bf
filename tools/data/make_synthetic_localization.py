"""Write a synthetic temporal-localization dataset (THUMOS14 layout).

    python tools/data/make_synthetic_localization.py OUT_DIR
        [--mode features|videos] [--train 48] [--test 16] [--classes 4]
        [--fps 10] [--min-duration 40] [--max-duration 80] [--dim 32] [--seed 0]

Each long video holds 1-5 non-overlapping actions of random class and
duration (1 to 12 s in features mode, 2 to 6 s in videos mode) between stretches of background.

features: ``OUT_DIR/features/<video>.npy`` [T, dim] as ``extract_features.py``
    writes them (16-frame clips every 4 frames): row i is noise plus each
    action's class prototype weighted by the fraction of clip i inside the
    action, so boundaries follow the half-clip convention of real features.
videos: ``OUT_DIR/videos/<video>.mp4`` (32x32, noisy grey background; an
    action is a square of its class colour drifting across the frame) and
    ``OUT_DIR/video_list.txt`` for ``tools/extract_features.py``.

Both write ``OUT_DIR/annotations.json`` ({"database": {video: {subset,
duration, fps, annotations: [{label, label_id, segment}]}}}; subsets
'validation' (train, as THUMOS14) and 'test') and ``OUT_DIR/classes.txt``.
Deterministic for a seed.
"""
import argparse
import json
import os
import os.path as osp

import numpy as np

from vmae2_mmaction.testing.synthetic import write_bgr_video

FEAT_STRIDE, CLIP_LEN = 4, 16
COLOURS = ((40, 40, 230), (40, 200, 40), (230, 60, 40), (30, 220, 230), (220, 40, 220),
           (230, 230, 40), (255, 255, 255), (0, 0, 0))


def sample_segments(duration: float, rng, min_len: float, max_len: float, num_classes: int) -> list:
    """1-5 non-overlapping (start, end, label), at least 1 s apart."""
    segments = []
    for _ in range(rng.randint(1, 6)):
        length = rng.uniform(min_len, max_len)
        for _ in range(50):
            start = rng.uniform(0.5, duration - length - 0.5)
            if all(start > e + 1 or start + length < s - 1 for s, e, _ in segments):
                segments.append((start, start + length, int(rng.randint(num_classes))))
                break
    return sorted(segments)


def clip_overlap(num_frames: int, fps: float, start: float, end: float) -> np.ndarray:
    """Fraction of each 16-frame clip (every 4 frames) inside [start, end) s."""
    first = np.arange(0, num_frames - CLIP_LEN + 1, FEAT_STRIDE)
    frames = (first[:, None] + np.arange(CLIP_LEN)[None] + 0.5) / fps
    return ((frames >= start) & (frames < end)).mean(1)


def render_features(num_frames, fps, segments, prototypes, rng) -> np.ndarray:
    num_clips = (num_frames - CLIP_LEN) // FEAT_STRIDE + 1
    feats = rng.normal(0, 1, (num_clips, prototypes.shape[1]))
    for start, end, label in segments:
        feats += clip_overlap(num_frames, fps, start, end)[:, None] * prototypes[label]
    return feats.astype(np.float32)


def render_video(num_frames, fps, segments, rng, size=32) -> np.ndarray:
    video = np.clip(rng.normal(128, 20, (num_frames, size, size, 3)), 0, 255)
    for start, end, label in segments:
        first, last = int(np.ceil(start * fps - 0.5)), int(np.ceil(end * fps - 0.5))
        side = rng.randint(8, 14)
        x0, y0 = rng.randint(0, size - side, 2)
        vx, vy = rng.uniform(-0.5, 0.5, 2)
        for t in range(first, min(last, num_frames)):
            x = int(np.clip(x0 + vx * (t - first), 0, size - side))
            y = int(np.clip(y0 + vy * (t - first), 0, size - side))
            video[t, y:y + side, x:x + side] = COLOURS[label]
    return video.astype(np.uint8)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('out_dir')
    parser.add_argument('--mode', choices=['features', 'videos'], default='features')
    parser.add_argument('--train', type=int, default=48)
    parser.add_argument('--test', type=int, default=16)
    parser.add_argument('--classes', type=int, default=4)
    parser.add_argument('--fps', type=float, default=10.)
    parser.add_argument('--min-duration', type=float, default=40.)
    parser.add_argument('--max-duration', type=float, default=80.)
    parser.add_argument('--dim', type=int, default=32, help='feature dimension')
    parser.add_argument('--seed', type=int, default=0)
    args = parser.parse_args()
    if not 1 <= args.classes <= len(COLOURS):
        parser.error(f'--classes must be in 1..{len(COLOURS)}')
    rng = np.random.RandomState(args.seed)
    prototypes = rng.normal(0, 1, (args.classes, args.dim))
    prototypes *= 3 / np.linalg.norm(prototypes, axis=1, keepdims=True) * np.sqrt(args.dim) / 4
    sub = 'features' if args.mode == 'features' else 'videos'
    os.makedirs(osp.join(args.out_dir, sub), exist_ok=True)
    min_len, max_len = (1., 12.) if args.mode == 'features' else (2., 6.)
    database, names = {}, []
    for i in range(args.train + args.test):
        subset = 'validation' if i < args.train else 'test'
        name = f'video_{subset}_{i:04d}'
        num_frames = int(rng.uniform(args.min_duration, args.max_duration) * args.fps)
        duration = num_frames / args.fps
        segments = sample_segments(duration, rng, min_len, max_len, args.classes)
        if args.mode == 'features':
            np.save(
                osp.join(args.out_dir, sub, f'{name}.npy'),
                render_features(num_frames, args.fps, segments, prototypes, rng))
        else:
            write_bgr_video(
                osp.join(args.out_dir, sub, f'{name}.mp4'),
                render_video(num_frames, args.fps, segments, rng),
                fps=args.fps)
            names.append(f'{name}.mp4')
        database[name] = dict(
            subset=subset,
            duration=duration,
            fps=args.fps,
            annotations=[
                dict(label=f'action_{c}', label_id=c, segment=[round(s, 3),
                                                               round(e, 3)]) for s, e, c in segments
            ])
    with open(osp.join(args.out_dir, 'annotations.json'), 'w') as f:
        json.dump(dict(version='synthetic', database=database), f, indent=1)
    with open(osp.join(args.out_dir, 'classes.txt'), 'w') as f:
        f.write('\n'.join(f'action_{c}' for c in range(args.classes)) + '\n')
    if names:
        with open(osp.join(args.out_dir, 'video_list.txt'), 'w') as f:
            f.write('\n'.join(names) + '\n')
    print(f'wrote {args.train} train and {args.test} test {sub} ({args.classes} classes) '
          f'to {args.out_dir}')


if __name__ == '__main__':
    main()
