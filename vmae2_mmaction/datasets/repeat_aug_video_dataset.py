"""Repeated-sampling video dataset: each frame decoded once."""
import numpy as np
from mmaction.datasets import VideoDataset
from mmaction.registry import DATASETS

from .video_dataset import GuardedSamplesMixin

OPEN_TRANSFORMS = ('DecordInit', 'PyAVIndexedInit')
DECODE_TRANSFORMS = ('DecordDecode', 'PyAVIndexedDecode')
# MMAction2 transforms that crop by slicing (views of their input frames) and
# transforms that read their input frames into new arrays: a pipeline that
# starts with crops and then one of the latter never writes a decoded frame.
CROPS = ('MultiScaleCrop', 'RandomResizedCrop', 'RandomCrop', 'CenterCrop', 'ThreeCrop', 'TenCrop')
NEW_ARRAYS = ('Resize', 'StackedResize', 'VideoRandAugment', 'VideoRandAugmentCrop')


def reads_frames_only(augment) -> bool:
    """Whether the transforms ``augment`` leave the frames they get unchanged."""
    for transform in augment:
        name = type(transform).__name__
        if name in NEW_ARRAYS:
            return True
        if name not in CROPS:
            return False
    return False


@DATASETS.register_module()
class RepeatAugVideoDataset(GuardedSamplesMixin, VideoDataset):
    """MMAction2's ``RepeatAugDataset`` (one decoded video -> ``num_repeats``
    independently augmented clips, collated by ``repeat_pseudo_collate``) that
    decodes every needed frame once, plus handling of unreadable videos.

    VideoMAE V2 uses ``sample_once=True``: the reference decodes one clip and
    augments (and masks) it ``num_repeats`` times. MMAction2 hands the decoder
    the clip's frame indices once per repeat, and decord seeks back and decodes
    the clip again for each; here the decoder gets the distinct indices once
    and the repeats share the decoded frames when the augmentation starts with
    crops (views) followed by a transform that makes new arrays (``Resize``,
    ``VideoRandAugment``), as the shipped pipelines do; otherwise (a ``Flip``
    first writes into its frames) every repeat after the first gets a copy.
    The random draws and the clips are the same as MMAction2's (tested).

    The pipeline starts with an open transform (``DecordInit`` or
    ``PyAVIndexedInit``), a sampler (``SampleFrames`` / ``UniformSample``) and
    a decode transform (``DecordDecode`` or ``PyAVIndexedDecode``); MMAction2's
    ``RepeatAugDataset`` accepts decord only.

    Args: ``RepeatAugDataset``'s (``num_repeats``, ``sample_once`` and
    ``VideoDataset``'s), and ``on_corrupt`` (``GuardedSamplesMixin``: per-sample
    seeds from ``SeededSampler``, unreadable videos named or skipped).
    """

    def __init__(self, *args, num_repeats: int = 4, sample_once: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        types = [type(t).__name__ for t in self.pipeline.transforms[:3]]
        if (len(types) < 3 or types[0] not in OPEN_TRANSFORMS or types[2] not in DECODE_TRANSFORMS):
            raise ValueError(f'RepeatAugVideoDataset: the pipeline must start with an open '
                             f'transform {OPEN_TRANSFORMS}, a sampler and a decode transform '
                             f'{DECODE_TRANSFORMS}; it starts with {types}')
        self.num_repeats, self.sample_once = num_repeats, sample_once
        self.repeats_share_frames = reads_frames_only(self.pipeline.transforms[3:])

    def prepare_sample(self, idx):
        return self.decode_and_augment(idx)

    def decode_and_augment(self, idx) -> list:
        """``num_repeats`` samples of video ``idx`` (MMAction2's
        ``RepeatAugDataset.prepare_data`` with one decode per frame)."""
        open_video, sample, decode, *augment = self.pipeline.transforms
        info = open_video(self.get_data_info(idx))
        draws = [
            sample(dict(total_frames=info['total_frames'], start_index=info['start_index']))
            for _ in range(1 if self.sample_once else self.num_repeats)
        ]
        info.update(draws[-1])
        clip_inds = [d['frame_inds'].reshape(-1) for d in draws]
        info['frame_inds'], where = np.unique(np.concatenate(clip_inds), return_inverse=True)
        info = decode(info)
        frames = info.pop('imgs')
        info['frame_inds'] = np.concatenate([clip_inds[0]] *
                                            self.num_repeats if self.sample_once else clip_inds)
        starts = np.cumsum([0] + [len(c) for c in clip_inds])
        clips = []
        for repeat in range(self.num_repeats):
            clip = 0 if self.sample_once else repeat
            picked = where[starts[clip]:starts[clip + 1]]
            copy = repeat > 0 and not self.repeats_share_frames
            clips.append([frames[i].copy() if copy else frames[i] for i in picked])
        samples = []
        for clip in clips:
            item = dict(info, imgs=clip)
            for transform in augment:
                item = transform(item)
            samples.append(item)
        return samples
