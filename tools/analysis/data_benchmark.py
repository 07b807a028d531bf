"""Throughput of a config's training dataset beside MMAction2's default decord
pipeline, on exactly the same clips, per pipeline stage, one process per core.

    python tools/analysis/data_benchmark.py CONFIG --videos V [V ...]
        [--decoders decord pyav pyav-skip-loop-filter] [--clips 20] [--passes 3]
        [--processes 1] [--seed 0] [--out FILE] [--cfg-options ...]

The dataset is the config's training dataset (its first source for a
concatenation) with the file list replaced by the videos, measured once per
decoder given. The clips (``--clips`` a video) are drawn once with the config's
sampler and replayed on every side, and the frame indices each side decodes
are checked to be the drawn ones. The reference is MMAction2's default
pipeline (DecordInit, the config's sampler, DecordDecode, MultiScaleCrop,
Resize to 224, FormatShape): one decode a clip. Each process is pinned to one
core (OpenCV and torch on one thread); the sides alternate within a pass and
the median of ``--passes`` passes (after one warm-up pass) is reported, so the
ratios come from one run. With ``--processes N``, N pinned processes measure
the same clips at once and clips/s is their sum. The last line printed is the
JSON result (also written to ``--out``): clips/s, ms per clip per stage, the
ratio to the reference, and the PSNR of an approximate decoder against decord.
"""
import argparse
import functools
import json
import multiprocessing
import os
import os.path as osp
import sys

from vmae2_mmaction.cli import exits_on_errors, init_scope


@exits_on_errors
def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('config')
    parser.add_argument('--videos', nargs='+', required=True)
    parser.add_argument(
        '--decoders',
        nargs='+',
        default=['decord', 'pyav'],
        choices=['decord', 'pyav', 'pyav-skip-loop-filter'],
        help='decoders to measure the dataset with (the reference uses decord)')
    parser.add_argument('--clips', type=int, default=20, help='clips drawn per video')
    parser.add_argument('--passes', type=int, default=3)
    parser.add_argument('--processes', type=int, default=1, help='pinned processes, one a core')
    parser.add_argument('--seed', type=int, default=0)
    parser.add_argument('--out', help='also write the JSON result to this file')
    parser.add_argument('--cfg-options', nargs='+', default={})
    args = parser.parse_args()
    init_scope()
    from vmae2_mmaction.engine import dataset_configs, load_config
    for path in args.videos:
        if not osp.isfile(path):
            sys.exit(f'error: video not found: {path}')
    args.videos = [osp.abspath(v) for v in args.videos]
    cores = sorted(os.sched_getaffinity(0))
    if not 1 <= args.processes <= len(cores):
        sys.exit(f'error: --processes {args.processes}: this process may use {len(cores)} cores')
    cfg = load_config(args.config, args.cfg_options)
    source = next(dataset_configs(cfg, ['train']), None)
    if source is None:
        sys.exit('error: the config has no training dataset')
    source = source.to_dict() if hasattr(source, 'to_dict') else dict(source)
    from vmae2_mmaction.analysis.data_loading import benchmark_on_core, combine_processes
    measure = functools.partial(
        benchmark_on_core,
        dataset_cfg=source,
        videos=args.videos,
        decoders=args.decoders,
        clips=args.clips,
        passes=args.passes,
        seed=args.seed)
    if args.processes == 1:
        result = combine_processes([measure(cores[0])])
    else:
        with multiprocessing.get_context('spawn').Pool(args.processes) as pool:
            result = combine_processes(pool.map(measure, cores[:args.processes]))
    result = dict(config=osp.basename(args.config), dataset=source['type'], **result)
    for name, side in result.items():
        if isinstance(side, dict):
            print(f'{name}: {side}')
    line = json.dumps(result)
    if args.out:
        with open(args.out, 'w') as f:
            f.write(line + '\n')
    print(line)


if __name__ == '__main__':
    main()
