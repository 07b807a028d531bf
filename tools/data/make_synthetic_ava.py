"""Write a synthetic spatio-temporal action detection dataset in AVA's formats.

    python tools/data/make_synthetic_ava.py OUT_DIR [--train 24] [--val 8]
        [--size 64] [--fps 10] [--seconds 8] [--frames] [--seed 0]

Each video shows 1-2 "people" (textured boxes of the same look) on a noisy
background, each doing one action for the whole video: walk_left,
walk_right, jump (bounce up and down) or stand. A single frame cannot tell
walk_left from walk_right or jump from stand: the detector needs motion.
Timestamps 2..seconds-2 are annotated (one per second; fps frames each).

    OUT_DIR/videos/<video_id>.mp4           (--frames also: rawframes/<video_id>/img_00001.jpg ...)
    OUT_DIR/annotations/{train,val}.csv     video_id,timestamp,x1,y1,x2,y2,action_id,person_id
                                            (relative coordinates, as AVA)
    OUT_DIR/annotations/{train,val}_excluded_timestamps.csv
    OUT_DIR/annotations/action_list.pbtxt   the label map (ids 1..4)
    OUT_DIR/annotations/{train,val}_proposals.pkl
        {"video_id,timestamp": [N, 5] relative boxes + person scores}: the true
        boxes jittered (scores 0.9-1.0) plus one low-scoring distractor
Use with ``AVADetectionDataset(fps=FPS, timestamp_start=0, timestamp_end=SECONDS)``.
Deterministic for a seed.
"""
import argparse
import os
import os.path as osp
import pickle

import cv2
import numpy as np

from vmae2_mmaction.testing.synthetic import write_bgr_video

ACTIONS = ('walk_left', 'walk_right', 'jump', 'stand')


def person_track(action: str, frames: int, size: int, rng) -> np.ndarray:
    """[frames, 4] absolute boxes (x1, y1, x2, y2) of one person."""
    w, h = int(size * rng.uniform(0.2, 0.28)), int(size * rng.uniform(0.4, 0.5))
    x = rng.uniform(0.25, 0.75) * (size - w)
    y = rng.uniform(0.3, 0.7) * (size - h)
    t = np.arange(frames)
    speed = rng.uniform(0.25, 0.45) * size / frames * 2
    xs = np.full(frames, x)
    ys = np.full(frames, y)
    if action in ('walk_left', 'walk_right'):
        direction = -1 if action == 'walk_left' else 1
        start = (size - w) * (0.85 if direction < 0 else 0.15)
        xs = np.clip(start + direction * speed * t, 0, size - w)
    elif action == 'jump':
        ys = y + 0.12 * size * np.abs(np.sin(t * np.pi / rng.uniform(6, 9)))
        ys = np.clip(ys - 0.12 * size, 0, size - h)
    return np.stack([xs, ys, xs + w, ys + h], 1)


def render(tracks, frames: int, size: int, rng) -> np.ndarray:
    video = np.clip(rng.normal(110, 25, (frames, size, size, 3)), 0, 255)
    texture = rng.randint(0, 256, (size, size, 3))
    for track in tracks:
        for f, (x1, y1, x2, y2) in enumerate(track.astype(int)):
            video[f, y1:y2, x1:x2] = texture[:y2 - y1, :x2 - x1]
    return video.astype(np.uint8)


def write_split(out_dir, split, count, args, rng):
    rows, proposals, excluded = [], {}, []
    frames = int(args.seconds * args.fps)
    for v in range(count):
        video_id = f'{split}_{v:03d}'
        actions = rng.choice(len(ACTIONS), rng.randint(1, 3), replace=False)
        tracks = [person_track(ACTIONS[a], frames, args.size, rng) for a in actions]
        video = render(tracks, frames, args.size, rng)
        write_bgr_video(
            osp.join(out_dir, 'videos', f'{video_id}.mp4'),
            video[..., ::-1].copy(),
            fps=int(args.fps))
        if args.frames:
            frame_dir = osp.join(out_dir, 'rawframes', video_id)
            os.makedirs(frame_dir, exist_ok=True)
            for f, frame in enumerate(video):
                cv2.imwrite(osp.join(frame_dir, f'img_{f + 1:05d}.jpg'), frame[..., ::-1])
        for ts in range(2, int(args.seconds) - 1):
            frame = min(int(ts * args.fps), frames - 1)
            boxes = []
            for person, (a, track) in enumerate(zip(actions, tracks)):
                box = np.round(track[frame] / args.size, 3)
                rows.append(f'{video_id},{ts:04d},' + ','.join(f'{c:.3f}'
                                                               for c in box) + f',{a + 1},{person}')
                boxes.append(box)
            jitter = rng.normal(0, 0.01, (len(boxes), 4))
            props = np.clip(np.array(boxes) + jitter, 0, 1)
            scores = rng.uniform(0.9, 1.0, (len(boxes), 1))
            distractor = np.array([[0.0, 0.0, 0.3, 0.3, 0.2]])
            proposals[f'{video_id},{ts:04d}'] = np.concatenate(
                [np.concatenate([props, scores], 1), distractor]).astype(np.float32)
        excluded.append(f'{video_id},{int(args.seconds) - 2:04d}' if v == 0 else None)
    ann = osp.join(out_dir, 'annotations')
    with open(osp.join(ann, f'{split}.csv'), 'w') as f:
        f.write('\n'.join(rows) + '\n')
    with open(osp.join(ann, f'{split}_excluded_timestamps.csv'), 'w') as f:
        f.write(''.join(f'{e}\n' for e in excluded if e))
    with open(osp.join(ann, f'{split}_proposals.pkl'), 'wb') as f:
        pickle.dump(proposals, f)
    return len(rows)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('out_dir')
    parser.add_argument('--train', type=int, default=24)
    parser.add_argument('--val', type=int, default=8)
    parser.add_argument('--size', type=int, default=64)
    parser.add_argument('--fps', type=float, default=10.)
    parser.add_argument('--seconds', type=float, default=8.)
    parser.add_argument('--frames', action='store_true', help='also write raw JPEG frames')
    parser.add_argument('--seed', type=int, default=0)
    args = parser.parse_args()
    if args.seconds < 5:
        parser.error('--seconds must be >= 5 (timestamps 2..seconds-2)')
    rng = np.random.RandomState(args.seed)
    for sub in ('videos', 'annotations'):
        os.makedirs(osp.join(args.out_dir, sub), exist_ok=True)
    with open(osp.join(args.out_dir, 'annotations', 'action_list.pbtxt'), 'w') as f:
        for i, name in enumerate(ACTIONS):
            f.write(f'item {{\n  name: "{name}"\n  id: {i + 1}\n}}\n')
    n_train = write_split(args.out_dir, 'train', args.train, args, rng)
    n_val = write_split(args.out_dir, 'val', args.val, args, rng)
    print(f'wrote {args.train} train / {args.val} val videos ({n_train} / {n_val} boxes, '
          f'{len(ACTIONS)} actions) to {args.out_dir}')


if __name__ == '__main__':
    main()
