"""Video in, class scores out: one clip set per video, or windows sliding over a long one.

Built on MMAction2's ``init_recognizer`` / ``inference_recognizer`` and the
config's test pipeline; ``sliding_window_scores`` replaces only the
pipeline's frame sampler (windows of the sampler's clip, one after another).
"""
import contextlib
import os.path as osp
from typing import Callable, List, Optional, Sequence

import numpy as np
import torch
from mmengine.dataset import Compose, pseudo_collate


class InferenceInputError(ValueError):
    """A video, label file or setting inference cannot use; the message names it."""


def load_recognizer(config, checkpoint: Optional[str], device: str = 'cpu'):
    """MMAction2's ``init_recognizer``, the checkpoint read first so that a
    file that is not one is named (``CheckpointFileError``); the model then
    converts and checks its weights (``checkpoint.state_dict_hooks``)."""
    from mmaction.apis import init_recognizer

    from ..checkpoint import read_checkpoint_file
    if checkpoint is not None:
        read_checkpoint_file(checkpoint)
    return init_recognizer(config, checkpoint, device=device)


def read_label_file(path: str) -> List[str]:
    """Class names, one a line (MMAction2's label map files); a trailing
    empty line is allowed, an empty name is not."""
    if not osp.isfile(path):
        raise InferenceInputError(f'label file not found: {path}')
    with open(path, encoding='utf-8') as f:
        names = [line.strip() for line in f.read().rstrip('\n').split('\n')]
    empty = [i + 1 for i, name in enumerate(names) if not name]
    if not names or empty:
        raise InferenceInputError(f'{path}: empty class name on line(s) {empty or [1]}')
    return names


def num_scores(model) -> int:
    """How many class scores the recognizer gives (its head's classes, or
    the rows its ``index_map`` reads)."""
    index = getattr(model.cls_head, 'out_index', None)
    return len(index) if index is not None else model.cls_head.num_classes


def check_labels(labels: Sequence[str], model, label_file: str) -> None:
    """The label file must name every score the model gives."""
    if len(labels) != num_scores(model):
        raise InferenceInputError(f'{label_file} has {len(labels)} class names, the model gives '
                                  f'{num_scores(model)} scores: use the label file of the '
                                  "checkpoint's classes (in the head's order)")


def check_video(path: str) -> None:
    if not osp.isfile(path):
        raise InferenceInputError(f'video not found: {path}')


@contextlib.contextmanager
def decode_errors_named(video: str):
    """Inside the block, a video that cannot be opened or decoded raises
    ``InferenceInputError`` naming the file (the datasets' ``DECODE_ERRORS``)."""
    from ..datasets.video_dataset import DECODE_ERRORS
    check_video(video)
    try:
        yield
    except DECODE_ERRORS as e:
        reason = (str(e).strip().splitlines() or [''])[-1][:200]
        raise InferenceInputError(f'cannot decode video {video}: {reason}') from None


def top_k(scores: torch.Tensor, labels: Sequence[str], k: int) -> List[tuple]:
    """[(class name, score)] of the ``k`` highest scores, best first."""
    values, index = scores.float().topk(min(k, scores.numel()))
    return [(labels[i], float(v)) for v, i in zip(values.tolist(), index.tolist())]


def classify_video(model, video: str) -> torch.Tensor:
    """Class scores [num_classes] of ``video`` with the test views of the
    config the model was built from (``model.cfg.test_pipeline``)."""
    from mmaction.apis import inference_recognizer
    with decode_errors_named(video):
        return inference_recognizer(model, video).pred_score.cpu()


def clip_sampler(pipeline: Sequence[dict]) -> dict:
    """The frame sampler of a test pipeline (``SampleFrames``)."""
    samplers = [t for t in pipeline if t['type'] == 'SampleFrames']
    if len(samplers) != 1:
        raise InferenceInputError('sliding windows need a test pipeline with one SampleFrames, '
                                  f'got {[t["type"] for t in pipeline]}')
    return samplers[0]


def window_starts(total_frames: int, span: int, stride: int) -> List[int]:
    """First frames of the windows of ``span`` frames every ``stride`` frames,
    the last one ending at the video's end; one window for a short video."""
    if total_frames <= span:
        return [0]
    starts = list(range(0, total_frames - span + 1, stride))
    if starts[-1] + span < total_frames:
        starts.append(total_frames - span)
    return starts


def sliding_window_scores(model,
                          video: str,
                          stride: Optional[int] = None,
                          batch_size: int = 8,
                          progress: Optional[Callable[[int, int], None]] = None) -> dict:
    """Class scores of windows sliding over ``video``.

    Each window is one clip of the test pipeline's sampler (``clip_len``
    frames every ``frame_interval``), with the pipeline's spatial views
    (crops) averaged by the head; windows start every ``stride`` frames (by
    default one window span: no overlap). Frames past the end of a video
    shorter than one window loop, as ``SampleFrames`` does. ``progress(done,
    total)`` is called after every batch of windows.

    Returns dict(fps, total_frames, clip_len, frame_interval, starts [W],
    scores [W, num_classes]).
    """
    pipeline = [dict(t) for t in model.cfg.test_pipeline]
    sampler = clip_sampler(pipeline)
    clip_len, interval = sampler['clip_len'], sampler.get('frame_interval', 1)
    span = (clip_len - 1) * interval + 1
    stride = stride or span
    if stride < 1:
        raise InferenceInputError(f'stride must be a positive number of frames, got {stride}')
    position = pipeline.index(sampler)
    open_transform = Compose(pipeline[:position])
    rest = Compose(pipeline[position + 1:])
    with decode_errors_named(video):
        opened = open_transform(dict(filename=video, label=-1, start_index=0, modality='RGB'))
    total = opened['total_frames']
    starts = window_starts(total, span, stride)
    scores = []
    if progress is not None:
        progress(0, len(starts))
    for first in range(0, len(starts), batch_size):
        clips = [
            dict(
                opened,
                frame_inds=np.mod(start + np.arange(clip_len) * interval, total),
                clip_len=clip_len,
                frame_interval=interval,
                num_clips=1) for start in starts[first:first + batch_size]
        ]
        with torch.no_grad(), decode_errors_named(video):  # frames decoded here
            samples = model.test_step(pseudo_collate([rest(clip) for clip in clips]))
        scores.extend(s.pred_score.cpu() for s in samples)
        if progress is not None:
            progress(len(scores), len(starts))
    return dict(
        fps=float(opened['avg_fps']),
        total_frames=total,
        clip_len=clip_len,
        frame_interval=interval,
        starts=starts,
        scores=torch.stack(scores))
