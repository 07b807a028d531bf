"""Write a small synthetic action dataset of real mp4 videos.

    python tools/data/make_synthetic.py OUT_DIR [--classes 4] [--train 64]
        [--val 32] [--frames 32] [--size 64] [--travel 0.25 0.45]
        [--shape-size 0.12 0.2] [--noise 4 16] [--lossless] [--seed 0]
    python tools/data/make_synthetic.py OUT_DIR --sprites --frames 8 --size 32 --lossless ...

Every class is one motion of a random shape: moving right / left / down / up,
rotating clockwise / anticlockwise, growing / shrinking. Shape, colours, size,
start position, phase and speed are random per video (the background carries
pixel noise of a random std, ``--noise 0 0`` for a flat one), so no single frame
tells the class: the model must use time.
``--sprites``: three flat discs or squares on a flat background move together
right / left / down / up (the 4 classes) by 6-10 % of the frame per frame and
wrap around (``--travel``, ``--shape-size`` and ``--noise`` do not apply).
The output is deterministic for a seed and is laid out for MMAction2's
``VideoDataset``:

    OUT_DIR/train/00000.mp4 ...     OUT_DIR/train.txt  ("train/00000.mp4 LABEL")
    OUT_DIR/val/00000.mp4 ...       OUT_DIR/val.txt
    (``--lossless``: FFV1 in .mkv instead of mp4v in .mp4: pixels exact)
    OUT_DIR/classes.txt             (one class name per line)
"""
import argparse
import os.path as osp

from vmae2_mmaction.cli import init_scope


def main():
    init_scope()
    import numpy as np

    from vmae2_mmaction.testing.synthetic import CLASSES, make_split
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('out_dir')
    parser.add_argument(
        '--classes', type=int, default=4, help=f'number of classes (2..{len(CLASSES)})')
    parser.add_argument('--train', type=int, default=64, help='train videos')
    parser.add_argument('--val', type=int, default=32, help='val videos')
    parser.add_argument('--frames', type=int, default=32, help='frames per video')
    parser.add_argument('--size', type=int, default=64, help='frame size (px)')
    parser.add_argument(
        '--travel',
        type=float,
        nargs=2,
        default=(0.25, 0.45),
        metavar=('MIN', 'MAX'),
        help='path length, fraction of the frame')
    parser.add_argument(
        '--shape-size',
        type=float,
        nargs=2,
        default=(0.12, 0.2),
        metavar=('MIN', 'MAX'),
        help='shape radius, fraction of the frame')
    parser.add_argument(
        '--noise',
        type=float,
        nargs=2,
        default=(4, 16),
        metavar=('MIN', 'MAX'),
        help='background noise std, grey levels')
    parser.add_argument(
        '--lossless',
        action='store_true',
        help='FFV1 in .mkv (exact pixels) instead of mp4v in .mp4')
    parser.add_argument(
        '--sprites',
        action='store_true',
        help='three flat shapes moving together and wrapping around (4 directions)')
    parser.add_argument('--seed', type=int, default=0)
    args = parser.parse_args()
    max_classes = 4 if args.sprites else len(CLASSES)
    if not 2 <= args.classes <= max_classes:
        parser.error(f'--classes must be in 2..{max_classes}')
    if args.frames < 2 or args.size < 16:
        parser.error('--frames must be >= 2 and --size >= 16')
    rng = np.random.RandomState(args.seed)
    render = dict(
        travel_range=tuple(args.travel),
        size_range=tuple(args.shape_size),
        noise_range=tuple(args.noise))
    ext = '.mkv' if args.lossless else '.mp4'
    for split, count in (('train', args.train), ('val', args.val)):
        make_split(args.out_dir, split, count, args.classes, args.frames, args.size, rng, ext,
                   args.sprites, **render)
    with open(osp.join(args.out_dir, 'classes.txt'), 'w') as f:
        f.write('\n'.join(CLASSES[:args.classes]) + '\n')
    print(f'wrote {args.train} train and {args.val} val videos of '
          f'{args.classes} classes to {args.out_dir}')


if __name__ == '__main__':
    main()
