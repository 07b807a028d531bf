"""Temporal action localization mAP for ``tools/test.py``."""
import json
import os.path as osp
from typing import Optional, Sequence

import numpy as np
from mmaction.registry import METRICS
from mmengine.evaluator import BaseMetric
from mmengine.fileio import dump
from mmengine.utils import mkdir_or_exist

from .localization_map import THUMOS_TIOUS, localization_map


def _numpy(x):
    return x.detach().cpu().numpy() if hasattr(x, 'detach') else np.asarray(x)


@METRICS.register_module()
class LocalizationMetric(BaseMetric):
    """mAP@tIoU of ``pred_instances`` (seconds) against the samples' annotations.

    Reports ``mAP@<t>`` for each threshold and ``average_mAP`` (in %, as
    papers do). Ground truth comes from each sample's ``ann_segments`` /
    ``ann_labels`` metainfo (seconds; ``PackLocalizationInputs`` with those
    meta keys), so the metric needs no separate annotation file.

    Args:
        tiou_thresholds (Sequence[float]): THUMOS14 0.3:0.1:0.7 (default);
            FineAction / ActivityNet 0.5:0.05:0.95.
        out_file (str, optional): also write the predictions in ActivityNet's
            result format (``{"results": {video: [{segment, score, label}]}}``,
            label = class name when the dataset has ``classes``).
    """

    default_prefix = 'localization'

    def __init__(self,
                 tiou_thresholds: Sequence[float] = THUMOS_TIOUS,
                 out_file: Optional[str] = None,
                 collect_device: str = 'cpu',
                 prefix: Optional[str] = None):
        super().__init__(collect_device=collect_device, prefix=prefix)
        self.tiou_thresholds = tuple(float(t) for t in tiou_thresholds)
        self.out_file = out_file

    def process(self, data_batch, data_samples: Sequence[dict]) -> None:
        for sample in data_samples:
            pred = sample['pred_instances']
            self.results.append(
                dict(
                    video_name=sample['video_name'],
                    segments=_numpy(pred['segments']),
                    scores=_numpy(pred['scores']),
                    labels=_numpy(pred['labels']),
                    gt_segments=np.asarray(sample['ann_segments']),
                    gt_labels=np.asarray(sample['ann_labels'])))

    def compute_metrics(self, results: list) -> dict:
        predictions = {r['video_name']: (r['segments'], r['scores'], r['labels']) for r in results}
        ground_truth = {r['video_name']: (r['gt_segments'], r['gt_labels']) for r in results}
        if self.out_file:
            self.write_results(predictions, self.out_file, (self.dataset_meta or {}).get('classes'))
        out = localization_map(predictions, ground_truth, self.tiou_thresholds)
        metrics = {f'mAP@{t:g}': 100 * float(m) for t, m in zip(self.tiou_thresholds, out['mAP'])}
        metrics['average_mAP'] = 100 * out['average_mAP']
        return metrics

    @staticmethod
    def write_results(predictions: dict, path: str, classes=None) -> None:
        """ActivityNet-format JSON of ``video -> (segments, scores, labels)``."""
        results = {
            video: [
                dict(
                    segment=[float(s), float(e)],
                    score=float(score),
                    label=classes[int(label)] if classes else int(label))
                for (s, e), score, label in zip(segments, scores, labels)
            ]
            for video, (segments, scores, labels) in predictions.items()
        }
        if osp.dirname(path):
            mkdir_or_exist(osp.dirname(path))
        dump(
            dict(version='VERSION 1.3', results=results, external_data={}),
            path,
            file_format='json')


def read_results(path: str, classes=None) -> dict:
    """Read an ActivityNet-format JSON back into ``video -> (segments, scores, labels)``.

    String labels are looked up in ``classes``; an unknown one raises a
    ``KeyError`` naming it and its video.
    """
    with open(path) as f:
        data = json.load(f)
    if 'results' not in data:
        raise KeyError(f'{path}: no "results" key (keys: {sorted(data)[:10]})')
    index = {name: i for i, name in enumerate(classes or [])}
    out = {}
    for video, items in data['results'].items():
        labels = []
        for it in items:
            label = it['label']
            if isinstance(label, str) and label not in index:
                raise KeyError(f'{path}: label {label!r} of video {video} is not one of '
                               f'the {len(index)} classes')
            labels.append(index[label] if isinstance(label, str) else int(label))
        segments = np.asarray([it['segment'] for it in items], np.float64).reshape(-1, 2)
        scores = np.asarray([it['score'] for it in items], np.float64)
        out[video] = (segments, scores, np.asarray(labels, np.int64))
    return out
