"""Throughput of a config's training dataset on given videos, beside
MMAction2's default decord pipeline on the same videos.

    python tools/analysis/data_benchmark.py CONFIG --videos V [V ...]
        [--workers 1] [--passes 3] [--warmup 1] [--seed 0] [--cfg-options ...]

The dataset is the config's (its first source for a concatenation) with the
file list replaced by the videos; each pass reads every video once. With one
worker everything runs in this process and the time of each pipeline stage is
reported (open; seek + decode, frame sampling included; crops and
augmentation; masks; packing), per video. With N workers a DataLoader of N
processes delivers the items (stages are then not split). The reference is
MMAction2's default decord pipeline (DecordInit, SampleFrames 16x4x1,
DecordDecode, MultiScaleCrop, Resize to 224, FormatShape: one clip per video)
measured the same way in the same run: compare ratios, not seconds, across
runs. clips/s counts the clips delivered to the model (repeats and test views
included). The last line is a JSON object.
"""
import argparse
import collections
import copy
import json
import os.path as osp
import sys
import tempfile
import time

sys.path.insert(0, osp.dirname(osp.dirname(osp.abspath(__file__))))
from _env import exits_on_errors, require_plugin  # noqa: E402

STAGES = {
    'open': ('DecordInit', 'PyAVInit', 'OpenCVInit'),
    'seek+decode': ('SampleFrames', 'UniformSample', 'SampleAVAFrames', 'DecordDecode',
                    'PyAVDecode', 'OpenCVDecode'),
    'masks': ('TubeMasking', 'RunningCellMasking'),
    'packing': ('PackActionInputs', ),
}
MMACTION2_DEFAULT = [
    dict(type='DecordInit'),
    dict(type='SampleFrames', clip_len=16, frame_interval=4, num_clips=1),
    dict(type='DecordDecode'),
    dict(
        type='MultiScaleCrop',
        input_size=224,
        scales=(1, .875, .75, .66),
        random_crop=False,
        max_wh_scale_gap=1),
    dict(type='Resize', scale=(224, 224), keep_ratio=False),
    dict(type='FormatShape', input_format='NCTHW'),
]


def stage_of(transform) -> str:
    name = type(transform).__name__
    return next((stage for stage, names in STAGES.items() if name in names), 'crops+augmentation')


class Timed:
    """A transform that adds its time to ``totals[stage]``."""

    def __init__(self, transform, totals):
        self.transform, self.totals = transform, totals
        self.stage = stage_of(transform)

    def __call__(self, results):
        start = time.perf_counter()
        out = self.transform(results)
        self.totals[self.stage] += time.perf_counter() - start
        return out

    def __getattr__(self, name):
        return getattr(self.transform, name)


def clips_in(item) -> int:
    """Clips a dataset item delivers: repeats x views (packed [views, C, T,
    H, W] inputs, or unpacked NCTHW ``imgs``)."""
    items = item if isinstance(item, list) else [item]
    return sum(s['inputs'].shape[0] if 'inputs' in s else s['imgs'].shape[0] for s in items)


def measure(dataset, args):
    """(seconds, videos, clips, stage seconds) of ``args.passes`` passes."""
    import torch
    from torch.utils.data import DataLoader
    totals = collections.defaultdict(float)
    n = len(dataset)
    indices = [i for _ in range(args.warmup + args.passes) for i in range(n)]
    if args.workers <= 1:
        dataset.pipeline.transforms = [Timed(t, totals) for t in dataset.pipeline.transforms]
        items = (dataset[i] for i in indices)
    else:
        loader = DataLoader(
            torch.utils.data.Subset(dataset, indices),
            batch_size=None,
            num_workers=args.workers,
            collate_fn=lambda x: x,
            prefetch_factor=4)
        items = iter(loader)
    for _ in range(args.warmup * n):
        next(items)
    totals.clear()
    videos = clips = 0
    start = time.perf_counter()
    for item in items:
        videos += 1
        clips += clips_in(item)
    return time.perf_counter() - start, videos, clips, dict(totals)


@exits_on_errors
def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('config')
    parser.add_argument('--videos', nargs='+', required=True)
    parser.add_argument('--workers', type=int, default=1)
    parser.add_argument('--passes', type=int, default=3)
    parser.add_argument('--warmup', type=int, default=1)
    parser.add_argument('--seed', type=int, default=0)
    parser.add_argument(
        '--no-reference', action='store_true', help='skip MMAction2\'s default pipeline')
    parser.add_argument('--cfg-options', nargs='+', default={})
    args = parser.parse_args()
    require_plugin()
    import numpy as np
    from mmaction.registry import DATASETS

    from vmae2_mmaction.engine import dataset_configs, load_config
    for path in args.videos:
        if not osp.isfile(path):
            sys.exit(f'error: video not found: {path}')
    cfg = load_config(args.config, args.cfg_options)
    source = next(dataset_configs(cfg, ['train']), None)
    if source is None:
        sys.exit('error: the config has no training dataset')
    with tempfile.TemporaryDirectory() as tmp:
        ann = osp.join(tmp, 'videos.txt')
        with open(ann, 'w') as f:
            f.writelines(f'{osp.abspath(v)} 0\n' for v in args.videos)
        runs = {'config': dict(copy.deepcopy(source), ann_file=ann, data_prefix=dict(video=''))}
        if not args.no_reference:
            runs['mmaction2_default'] = dict(
                type='VideoDataset',
                ann_file=ann,
                data_prefix=dict(video=''),
                pipeline=MMACTION2_DEFAULT)
        result = dict(
            config=osp.basename(args.config),
            dataset=source['type'],
            videos=[osp.basename(v) for v in args.videos],
            workers=args.workers,
            passes=args.passes)
        for name, ds_cfg in runs.items():
            np.random.seed(args.seed)
            seconds, videos, clips, stages = measure(DATASETS.build(ds_cfg), args)
            line = dict(
                videos_per_s=round(videos / seconds, 3),
                clips_per_s=round(clips / seconds, 3),
                clips_per_video=round(clips / videos, 2))
            if stages:
                line['stage_ms_per_video'] = {
                    k: round(1000 * v / videos, 1)
                    for k, v in stages.items()
                }
            result[name] = line
            print(f'{name}: {line}')
        if 'mmaction2_default' in result:
            result['clips_per_s_ratio'] = round(
                result['config']['clips_per_s'] / result['mmaction2_default']['clips_per_s'], 2)
    print(json.dumps(result))


if __name__ == '__main__':
    main()
