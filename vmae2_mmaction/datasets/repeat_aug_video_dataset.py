"""Repeated-sampling video dataset: each frame decoded once."""
import numpy as np
from mmaction.datasets import RepeatAugDataset
from mmaction.registry import DATASETS

from .video_dataset import GuardedSamplesMixin


@DATASETS.register_module()
class RepeatAugVideoDataset(GuardedSamplesMixin, RepeatAugDataset):
    """MMAction2's ``RepeatAugDataset`` (one decoded video -> ``num_repeats``
    independently augmented clips, collated by ``repeat_pseudo_collate``) that
    decodes every needed frame once, plus handling of unreadable videos.

    VideoMAE V2 uses ``sample_once=True``: the reference decodes one clip and
    augments (and masks) it ``num_repeats`` times. MMAction2 hands the decoder
    the clip's frame indices once per repeat, and decord seeks back and decodes
    the clip again for each; here the decoder gets the distinct indices once
    and every repeat after the first gets a copy of its frames (transforms
    such as ``Flip`` write into them). The random draws and the clips are the
    same as MMAction2's (tested).

    The pipeline starts with an open transform (``DecordInit``), a sampler
    (``SampleFrames`` / ``UniformSample``) and a decode transform
    (``DecordDecode``), as MMAction2 requires.

    Args: ``RepeatAugDataset``'s, and ``on_corrupt`` (``GuardedSamplesMixin``:
    per-sample seeds from ``SeededSampler``, unreadable videos named or skipped).
    """

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
            clips.append([frames[i] if repeat == 0 else frames[i].copy() for i in picked])
        samples = []
        for clip in clips:
            item = dict(info, imgs=clip)
            for transform in augment:
                item = transform(item)
            samples.append(item)
        return samples
