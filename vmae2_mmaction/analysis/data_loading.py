"""Time a training dataset beside MMAction2's default pipeline on the same clips.

Both sides decode exactly the same frame indices: the clips are drawn once
with the dataset's own sampler and replayed on each side (``ReplayedClips``
takes the sampler's place), and every decode is recorded and compared. Time is
split per pipeline stage. The dataset can be measured with several decoders
(decord, PyAV exact, PyAV without the loop filter); the approximate decoder's
PSNR against decord's frames on the same clips is reported with it.
"""
import collections
import copy
import ctypes
import ctypes.util
import random
import resource
import time
from typing import Dict, List, Sequence

import numpy as np

# pipeline stage of each transform, by class name; the rest is 'augment'
STAGES = {
    'open': ('DecordInit', 'PyAVIndexedInit', 'PyAVInit', 'OpenCVInit'),
    'sample': ('ReplayedClips', ),
    'decode': ('DecordDecode', 'PyAVIndexedDecode', 'PyAVDecode', 'OpenCVDecode'),
    'masks': ('TubeMasking', 'RunningCellMasking'),
    'pack': ('PackActionInputs', ),
}
SAMPLERS = ('SampleFrames', 'UniformSample', 'UniformSampleFrames')
DECODERS = {
    'decord': (dict(type='DecordInit'), dict(type='DecordDecode')),
    'pyav': (dict(type='PyAVIndexedInit'), dict(type='PyAVIndexedDecode')),
    'pyav-skip-loop-filter': (dict(type='PyAVIndexedInit',
                                   skip_loop_filter=True), dict(type='PyAVIndexedDecode')),
}


def mmaction2_default_pipeline(sampler: dict) -> List[dict]:
    """MMAction2's default training pipeline (its TSN/SlowFast/VideoMAE
    configs): decord, the sampler given, multi-scale crop, resize to 224."""
    return [
        dict(type='DecordInit'),
        sampler,
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


class ReplayedClips:
    """Takes a sampler's place: each call returns the next of ``queue``'s
    recorded sampler outputs (the frame indices and clip keys)."""

    def __init__(self):
        self.queue = collections.deque()

    def __call__(self, results: dict) -> dict:
        if not self.queue:
            raise RuntimeError('ReplayedClips: more sampler calls than clips drawn')
        results.update(copy.deepcopy(self.queue.popleft()))
        return results


class Timed:
    """A transform that adds its time to ``totals[stage]`` and, for a decode,
    records the frame indices it was given in ``decoded``."""

    def __init__(self, transform, totals: dict, decoded: list):
        self.transform, self.totals, self.decoded = transform, totals, decoded
        name = type(transform).__name__
        self.stage = next((s for s, names in STAGES.items() if name in names), 'augment')

    def __call__(self, results):
        if self.stage == 'decode':
            self.decoded.append(np.unique(results['frame_inds']))
        start = time.perf_counter()
        out = self.transform(results)
        self.totals[self.stage] += time.perf_counter() - start
        return out


def sampler_index(pipeline: Sequence[dict]) -> int:
    for i, step in enumerate(pipeline):
        if step['type'] in SAMPLERS:
            return i
    raise ValueError('the training pipeline has no frame sampler (SampleFrames, UniformSample)')


def with_decoder(pipeline: List[dict], decoder: str) -> List[dict]:
    """``pipeline`` with its open and decode transforms (those before and
    after the sampler) replaced by ``decoder``'s."""
    at = sampler_index(pipeline)
    init, decode = DECODERS[decoder]
    pipeline = copy.deepcopy(pipeline)
    pipeline[at - 1], pipeline[at + 1] = dict(init), dict(decode)
    return pipeline


def clips_in(item) -> int:
    """Clips a dataset item delivers: repeats x views (packed [views, C, T,
    H, W] inputs, or unpacked NCTHW ``imgs``)."""
    items = item if isinstance(item, list) else [item]
    return sum(s['inputs'].shape[0] if 'inputs' in s else s['imgs'].shape[0] for s in items)


class Side:
    """One dataset measured: its pipeline timed per stage, its sampler
    replaced by ``ReplayedClips``."""

    def __init__(self, dataset, draws_per_item: int):
        self.dataset, self.draws_per_item = dataset, draws_per_item
        self.totals = collections.defaultdict(float)
        self.decoded: list = []
        self.replay = ReplayedClips()
        transforms = dataset.pipeline.transforms
        at = next(i for i, t in enumerate(transforms) if type(t).__name__ in SAMPLERS)
        transforms[at] = self.replay
        dataset.pipeline.transforms = [Timed(t, self.totals, self.decoded) for t in transforms]

    def items(self, draws: Dict[int, list]):
        """(video index, the draws of one item) in the order measured."""
        for index, video_draws in draws.items():
            for k in range(0, len(video_draws), self.draws_per_item):
                yield index, video_draws[k:k + self.draws_per_item]

    def expected_decodes(self, draws: Dict[int, list]) -> list:
        """The frame indices each decode of a pass must get: an item's draws, together."""
        return [
            np.unique(np.concatenate([d['frame_inds'].reshape(-1) for d in item]))
            for _, item in self.items(draws)
        ]

    def run(self, draws: Dict[int, list]) -> tuple:
        """(seconds, clips, minor page faults) for every video's draws,
        ``draws_per_item`` a call."""
        clips, faults, start = 0, minor_page_faults(), time.perf_counter()
        for index, item in self.items(draws):
            self.replay.queue.extend(item)
            clips += clips_in(self.dataset.prepare_data(index))
        return time.perf_counter() - start, clips, minor_page_faults() - faults


def minor_page_faults() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt


def keep_freed_memory() -> bool:
    """Make glibc's malloc keep the memory a process frees (no trimming, no
    mmap for blocks under 32 MiB), as a loader process running one pipeline
    settles to: otherwise each side measured re-faults the pages the other
    side's large frames made it give back (about 1000 page faults a clip on
    bikes, 10-20 % of the dataset's time). True where it took effect."""
    path = ctypes.util.find_library('c')
    mallopt = getattr(ctypes.CDLL(path), 'mallopt', None) if path else None
    if mallopt is None:  # not glibc
        return False
    m_trim_threshold, m_mmap_threshold = -1, -3  # glibc's malloc.h
    return bool(mallopt(m_trim_threshold, 1 << 30) and mallopt(m_mmap_threshold, 32 << 20))


def draw_clips(dataset, sampler_cfg: dict, clips: int, draws_per_item: int, seed: int) -> dict:
    """{video index: [sampler output, ...]}: ``clips`` items' draws a video,
    made with the dataset's own sampler from decord's frame count."""
    import decord
    from mmaction.registry import TRANSFORMS
    sampler = TRANSFORMS.build(sampler_cfg)
    rng_state = np.random.get_state()
    np.random.seed(seed)
    draws = {}
    for index in range(len(dataset)):
        info = dataset.get_data_info(index)
        total = len(decord.VideoReader(info['filename'], num_threads=1))
        draws[index] = []
        for _ in range(clips * draws_per_item):
            out = sampler(dict(total_frames=total, start_index=info.get('start_index', 0)))
            draws[index].append({k: v for k, v in out.items() if k != 'total_frames'})
    np.random.set_state(rng_state)
    return draws


def psnr_db(a: List[np.ndarray], b: List[np.ndarray]) -> float:
    mse = np.mean([np.mean((x.astype(np.float64) - y)**2) for x, y in zip(a, b)])
    return float('inf') if mse == 0 else float(10 * np.log10(255**2 / mse))


def decode_psnr(dataset, draws: dict, decoder: str) -> float:
    """PSNR of ``decoder``'s frames against decord's on the drawn clips."""
    from mmaction.registry import TRANSFORMS
    pairs = [[TRANSFORMS.build(c) for c in DECODERS[name]] for name in ('decord', decoder)]
    ref, out = [], []
    for index, video_draws in draws.items():
        filename = dataset.get_data_info(index)['filename']
        for draw in video_draws:
            for (init, decode), frames in zip(pairs, (ref, out)):
                results = init(dict(filename=filename, start_index=0))
                results['frame_inds'] = np.unique(draw['frame_inds'])
                frames.extend(decode(results)['imgs'])
    return psnr_db(out, ref)


def benchmark(dataset_cfg: dict,
              videos: Sequence[str],
              decoders: Sequence[str] = ('decord', ),
              clips: int = 20,
              passes: int = 3,
              seed: int = 0) -> dict:
    """Clips/s and ms per clip per stage of ``dataset_cfg`` (a training
    dataset, its file list replaced by ``videos``) with each decoder, and of
    MMAction2's default pipeline, on the same clips: ``clips`` items a video;
    the median of ``passes`` passes, the sides interleaved within a pass."""
    import tempfile

    from mmaction.registry import DATASETS
    with tempfile.TemporaryDirectory() as tmp:
        ann = f'{tmp}/videos.txt'
        with open(ann, 'w') as f:
            f.writelines(f'{v} 0\n' for v in videos)
        source = dict(copy.deepcopy(dataset_cfg), ann_file=ann, data_prefix=dict(video=''))
        sample_once = source.get('sample_once', False)
        draws_per_item = 1 if sample_once else source.get('num_repeats', 1)
        pipeline = source['pipeline']
        sampler_cfg = pipeline[sampler_index(pipeline)]
        sides = {
            'mmaction2_default':
            Side(
                DATASETS.build(
                    dict(
                        type='VideoDataset',
                        ann_file=ann,
                        data_prefix=dict(video=''),
                        pipeline=mmaction2_default_pipeline(sampler_cfg))), 1)
        }
        for decoder in decoders:
            sides[f'dataset[{decoder}]'] = Side(
                DATASETS.build(dict(source, pipeline=with_decoder(pipeline, decoder))),
                draws_per_item)
        draws = draw_clips(sides['mmaction2_default'].dataset, sampler_cfg, clips, draws_per_item,
                           seed)
        runs = collections.defaultdict(list)
        for p in range(passes + 1):  # the first pass warms up
            for name, side in sides.items():  # every side draws the same augmentations
                np.random.seed(seed + p)
                random.seed(seed + p)
                side.totals.clear()
                seconds, n, faults = side.run(draws)
                if p:
                    runs[name].append((seconds, n, dict(side.totals), faults))
        decodes = {}
        for name, side in sides.items():
            expected = side.expected_decodes(draws)
            got = side.decoded[:len(expected)]
            if len(side.decoded) != len(expected) * (passes + 1) or not all(
                    np.array_equal(a, b) for a, b in zip(got, expected)):
                raise RuntimeError(f'{name} decoded other frames than the clips drawn')
            decodes[name] = len(expected)
        result = dict(
            videos=list(videos),
            clips_per_video=clips,
            passes=passes,
            same_frame_indices_checked=True)
        for name, side_runs in runs.items():
            seconds, n, totals, faults = sorted(side_runs, key=lambda r: r[0])[len(side_runs) // 2]
            result[name] = dict(
                clips_per_s=round(n / seconds, 2),
                clips_per_decode=round(n / decodes[name], 2),
                ms_per_clip={
                    k: round(1000 * v / n, 2)
                    for k, v in sorted(totals.items())
                },
                minor_page_faults_per_clip=round(faults / n, 1))
        for name in result:
            if name.startswith('dataset['):
                result[name]['x_mmaction2_default'] = round(
                    result[name]['clips_per_s'] / result['mmaction2_default']['clips_per_s'], 2)
        for decoder in decoders:
            if decoder != 'decord' and DECODERS[decoder][0].get('skip_loop_filter'):
                result[f'dataset[{decoder}]']['psnr_db_vs_decord'] = round(
                    decode_psnr(sides['mmaction2_default'].dataset, draws, decoder), 2)
        return result


def benchmark_on_core(core: int, *args, **kwargs) -> dict:
    """``benchmark`` in this process pinned to ``core``, OpenCV and torch on
    one thread (a loader worker's setting), freed memory kept
    (``keep_freed_memory``: it stays so for the process); the result names
    the core and whether the memory setting took effect."""
    import os

    import cv2
    import torch
    from mmengine.registry import init_default_scope

    import vmae2_mmaction  # noqa: F401  (registers the transforms in spawned processes)
    settings = os.sched_getaffinity(0), cv2.getNumThreads(), torch.get_num_threads()
    os.sched_setaffinity(0, {core})
    cv2.setNumThreads(1)
    torch.set_num_threads(1)
    init_default_scope('mmaction')
    kept = keep_freed_memory()
    try:
        return dict(benchmark(*args, **kwargs), core=core, allocator_keeps_freed_memory=kept)
    finally:  # as they were, for a caller that goes on in this process
        os.sched_setaffinity(0, settings[0])
        cv2.setNumThreads(settings[1])
        torch.set_num_threads(settings[2])


def combine_processes(results: List[dict]) -> dict:
    """The results of processes that ran at once: clips/s summed, the rest
    (ms per clip, PSNR) from the first, ``cores`` listing them all."""
    cores = [r['core'] for r in results]
    out = {k: copy.deepcopy(v) for k, v in results[0].items() if k != 'core'}
    out['allocator_keeps_freed_memory'] = all(r['allocator_keeps_freed_memory'] for r in results)
    out.update(processes=len(results), cores=cores)
    for name, side in out.items():
        if isinstance(side, dict) and 'clips_per_s' in side:
            side['clips_per_s'] = round(sum(r[name]['clips_per_s'] for r in results), 2)
    return out
