"""Pipeline steps for localization on features: load, resize, truncate.

Results keys: ``raw_feature`` [C, T] float32 (MMAction2's name, packed as the
model input by its ``PackLocalizationInputs``); ``ann_segments`` (seconds) and
``ann_labels`` from the dataset; ``gt_segments`` [N, 2] in feature-grid units
(see ``seconds_to_grid``) and ``gt_labels`` [N] for training.
"""
import numpy as np
import torch
import torch.nn.functional as F
from mmaction.registry import TRANSFORMS
from mmcv.transforms import BaseTransform

from .temporal_grid import seconds_to_grid


def _to_grid(results: dict) -> None:
    results['gt_segments'] = seconds_to_grid(results['ann_segments'], results['fps'],
                                             results['feat_stride'],
                                             results['feat_num_frames']).astype(np.float32)
    results['gt_labels'] = results['ann_labels']


@TRANSFORMS.register_module()
class LoadTemporalFeatures(BaseTransform):
    """Load ``feat_path`` ([T, C] ``.npy``) as ``raw_feature`` [C, T]; put the
    segments on its grid."""

    def transform(self, results: dict) -> dict:
        feats = np.load(results['feat_path']).astype(np.float32)
        if feats.ndim != 2:
            raise ValueError(f'{results["feat_path"]}: features must be [T, C], '
                             f'got shape {feats.shape}')
        results['raw_feature'] = np.ascontiguousarray(feats.T)
        _to_grid(results)
        return results


@TRANSFORMS.register_module()
class ResizeTemporalFeatures(BaseTransform):
    """Linearly interpolate the features to ``length`` steps (ActivityNet style).

    The grid changes: each step then spans duration * fps / length frames and
    stands for its centre (``feat_stride = feat_num_frames`` = that span).
    """

    def __init__(self, length: int):
        self.length = length

    def transform(self, results: dict) -> dict:
        feats = torch.from_numpy(results['raw_feature'])[None]  # [1, C, T]
        feats = F.interpolate(feats, size=self.length, mode='linear', align_corners=False)
        results['raw_feature'] = feats[0].numpy()
        span = results['duration'] * results['fps'] / self.length
        results['feat_stride'] = results['feat_num_frames'] = span
        _to_grid(results)
        return results


@TRANSFORMS.register_module()
class RandomTemporalTruncate(BaseTransform):
    """ActionFormer's training crop of long feature sequences.

    A sequence longer than ``max_seq_len`` (or, with ``crop_ratio``, a random
    ``crop_ratio`` fraction of any sequence) is cut to a random window that
    keeps at least one segment covered by ``trunc_thresh`` of its length
    (up to ``max_num_trials`` draws); segments are clipped to the window
    (extended by half a clip, as segments are measured from clip centres).
    """

    def __init__(self,
                 max_seq_len: int = 2304,
                 trunc_thresh: float = 0.5,
                 crop_ratio: tuple = (0.9, 1.0),
                 max_num_trials: int = 200):
        self.max_seq_len, self.trunc_thresh = max_seq_len, trunc_thresh
        self.crop_ratio, self.max_num_trials = crop_ratio, max_num_trials

    def transform(self, results: dict) -> dict:
        feats, segs = results['raw_feature'], results['gt_segments']
        length = feats.shape[1]
        window = self.max_seq_len
        if length <= window:
            if self.crop_ratio is None:
                return results
            lo = max(round(self.crop_ratio[0] * length), 1)
            hi = min(round(self.crop_ratio[1] * length), length)
            window = np.random.randint(lo, hi + 1)
            if window == length:
                return results
        offset = 0.5 * results['feat_num_frames'] / results['feat_stride']
        areas = np.abs(segs[:, 1] - segs[:, 0])
        for _ in range(self.max_num_trials):
            start = np.random.randint(0, length - window + 1)
            left = np.maximum(start - offset, segs[:, 0])
            right = np.minimum(start + window + offset, segs[:, 1])
            keep = (right - left).clip(min=0) / np.maximum(areas, 1e-8) >= self.trunc_thresh
            if keep.any():
                break
        results['raw_feature'] = np.ascontiguousarray(feats[:, start:start + window])
        results['gt_segments'] = (np.stack([left[keep], right[keep]], 1) -
                                  start).astype(np.float32).reshape(-1, 2)
        results['gt_labels'] = results['gt_labels'][keep]
        return results
