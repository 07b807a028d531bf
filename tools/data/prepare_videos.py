"""Re-encode a video dataset once so that training decodes it faster.

    python tools/data/prepare_videos.py SRC_LIST SRC_ROOT DST_ROOT
        [--short-side 320] [--gop 16] [--bframes 0] [--crf 23] [--preset veryfast]
        [--chunk-seconds S] [--psnr] [--workers N] [--out-list FILE]

SRC_LIST is an MMAction2 video list (``path/in/SRC_ROOT.mp4 label ...`` a line).
Every video is decoded and written to DST_ROOT under the same relative path
(extension .mp4): H.264 with the short side resized to ``--short-side``
(never enlarged), a key frame every ``--gop`` frames and ``--bframes``
B-frames (none by default), same frame rate. ``--chunk-seconds`` cuts long
videos into pieces of that length (``name_000.mp4``, ``name_001.mp4``, ...),
each listed with the video's labels. The videos are done by ``--workers``
processes with a progress bar. The new list (``--out-list``, default DST_ROOT/
the list's name) names what was written.

Resumable: finished videos are recorded in ``DST_ROOT/.prepared.jsonl`` and
skipped by the next run if their files are still there, open, and hold the
recorded frame counts; every file is written to ``.tmp`` and renamed, and is
checked (it decodes to its last frame, with the frames written) before it is
recorded. Videos that fail are listed in ``DST_ROOT/failed.txt`` and left out of
the new list; the tool then exits with code 1.
"""
import argparse
import json
import multiprocessing
import os
import os.path as osp
import sys

from vmae2_mmaction.cli import exits_on_errors, init_scope

MANIFEST = '.prepared.jsonl'


def read_list(path: str) -> list:
    """[(relative path, the rest of the line)] of an MMAction2 video list."""
    entries = []
    with open(path) as f:
        for line in f:
            if not line.strip():
                continue
            name, _, rest = line.strip().partition(' ')
            entries.append((name, rest))
    if not entries:
        raise SystemExit(f'error: {path} lists no videos')
    return entries


def read_manifest(path: str) -> dict:
    """{source name: its record} of the videos finished."""
    done = {}
    if osp.isfile(path):
        with open(path) as f:
            for line in f:
                try:
                    record = json.loads(line)
                except json.JSONDecodeError:  # a line cut by a kill
                    continue
                done[record['source']] = record
    return done


@exits_on_errors
def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('src_list')
    parser.add_argument('src_root')
    parser.add_argument('dst_root')
    parser.add_argument('--short-side', type=int, default=320)
    parser.add_argument('--gop', type=int, default=16, help='frames between key frames')
    parser.add_argument('--bframes', type=int, default=0)
    parser.add_argument('--crf', type=int, default=23, help="libx264's quality (lower: better)")
    parser.add_argument('--preset', default='veryfast', help="libx264's speed preset")
    parser.add_argument('--chunk-seconds', type=float, help='cut videos into pieces this long')
    parser.add_argument(
        '--psnr',
        action='store_true',
        help='also measure each video\'s PSNR against its source frames resized the same way')
    parser.add_argument('--workers', type=int, default=os.cpu_count())
    parser.add_argument('--out-list', help='default: DST_ROOT/<name of SRC_LIST>')
    args = parser.parse_args()
    init_scope()
    import numpy as np
    from mmengine.utils import ProgressBar

    from vmae2_mmaction.apis.video_preparation import Preparation
    entries = read_list(args.src_list)
    missing = [n for n, _ in entries if not osp.isfile(osp.join(args.src_root, n))]
    if missing:
        sys.exit(f'error: {len(missing)} videos of {args.src_list} are not in {args.src_root}: '
                 f'{", ".join(missing[:5])}{", ..." if len(missing) > 5 else ""}')
    os.makedirs(args.dst_root, exist_ok=True)
    manifest = osp.join(args.dst_root, MANIFEST)
    prepare = Preparation(args.src_root, args.dst_root, args.short_side, args.gop, args.bframes,
                          args.crf, args.preset, args.chunk_seconds, args.psnr)
    pool = multiprocessing.get_context('spawn').Pool(args.workers) if args.workers > 1 else None
    map_ = pool.imap if pool else map
    records = list(read_manifest(manifest).values())  # checked by the workers too
    done = {
        r['source']: r['outputs']
        for r, whole in zip(records, map_(prepare.still_prepared, records)) if whole
    }
    todo = sorted({n for n, _ in entries} - set(done))
    print(f'{len(entries)} videos listed, {len(done)} already prepared, {len(todo)} to do')
    failed, psnr = {}, []
    if todo:
        bar = ProgressBar(len(todo))
        results = pool.imap_unordered(prepare, todo) if pool else map(prepare, todo)
        with open(manifest, 'a') as f:
            for name, record, error in results:
                if error:
                    failed[name] = error
                else:  # recorded as soon as it is done: a killed run loses no finished video
                    done[name] = record['outputs']
                    if args.psnr:
                        psnr.append(record['psnr_db'])
                    f.write(json.dumps(record) + '\n')
                    f.flush()
                bar.update()
        print()
    if pool:
        pool.close()
    out_list = args.out_list or osp.join(args.dst_root, osp.basename(args.src_list))
    with open(out_list, 'w') as f:
        for name, rest in entries:
            for path, _ in done.get(name, []):
                f.write(f'{path} {rest}'.rstrip() + '\n')
    frames = sum(n for outputs in done.values() for _, n in outputs)
    print(f'{len(done)} videos prepared ({frames} frames) in {args.dst_root}; list: {out_list}')
    if psnr:
        print(f'PSNR against the source frames resized the same way: mean {np.mean(psnr):.2f} dB, '
              f'lowest {min(psnr):.2f} dB ({len(psnr)} videos prepared in this run)')
    if failed:
        failed_list = osp.join(args.dst_root, 'failed.txt')
        with open(failed_list, 'w') as f:
            f.writelines(f'{name}\t{error}\n' for name, error in sorted(failed.items()))
        sys.exit(f'error: {len(failed)} videos failed and are not in the list '
                 f'(reasons in {failed_list}): {", ".join(sorted(failed)[:5])}')


if __name__ == '__main__':
    main()
