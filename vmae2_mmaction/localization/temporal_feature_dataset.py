"""Temporal action localization on pre-extracted clip features (THUMOS14,
FineAction, ActivityNet-style annotation files).

Annotation JSON (ActionFormer / ActivityNet layout)::

    {"database": {"<video>": {"subset": "validation", "duration": 169.8,
                              "fps": 30.0,
                              "annotations": [{"label": "Billiards",
                                               "segment": [2.2, 5.5]}, ...]}}}

Features: ``<feat_dir>/<prefix><video><ext>``, a [T, C] array whose row i is
the clip of ``num_frames`` frames starting at frame ``i * feat_stride``
(``tools/extract_features.py`` writes them).
"""
import json
import os.path as osp
from typing import Optional

import numpy as np
from mmaction.registry import DATASETS
from mmengine.dataset import BaseDataset


class AnnotationError(ValueError):
    """An annotation or feature file does not fit; the message names the video."""


def expected_num_features(duration: float, fps: float, feat_stride: float, num_frames: int) -> int:
    """Clips of ``num_frames`` starting every ``feat_stride`` frames of a video."""
    total = int(round(duration * fps))
    return max(0, (total - num_frames) // int(feat_stride) + 1)


@DATASETS.register_module()
class TemporalFeatureDataset(BaseDataset):
    """Videos of some subsets of an annotation file, with their feature files.

    Every check runs when the dataset is built, so a bad file fails before
    training starts, naming the videos concerned: a missing feature file, a
    feature length that does not match duration * fps (beyond
    ``length_tolerance``), a label outside the class list, a segment outside
    the video (beyond ``segment_tolerance`` seconds; within it, clipped) or
    with end <= start.

    Args:
        ann_file (str): annotation JSON.
        data_prefix (dict): ``feats`` = the feature directory.
        subset (str | Sequence[str]): subsets to use (case-insensitive), e.g.
            'validation' for THUMOS14 training, 'test' for its evaluation.
        feat_stride (int): frames between consecutive features (4 THUMOS14,
            16 FineAction).
        num_frames (int): frames per feature clip (16).
        default_fps (float, optional): fps for videos without one (or for all,
            if the annotation's is not to be used).
        file_prefix, file_ext (str): feature file name parts.
        length_tolerance (float): allowed relative difference between the
            feature length and duration * fps (at least 2 features).
        segment_tolerance (float): seconds a segment may exceed the video.
        metainfo (dict): ``classes``: class names (index = position); when
            omitted, the labels of the whole file ordered by ``label_id`` (if
            present) then name.
    """

    def __init__(self,
                 ann_file: str,
                 subset='validation',
                 data_prefix: dict = dict(feats=''),
                 feat_stride: int = 4,
                 num_frames: int = 16,
                 default_fps: Optional[float] = None,
                 file_prefix: str = '',
                 file_ext: str = '.npy',
                 length_tolerance: float = 0.05,
                 segment_tolerance: float = 1.0,
                 **kwargs):
        self.subset = {subset.lower()} if isinstance(subset, str) else \
            {s.lower() for s in subset}
        self.feat_stride, self.num_frames, self.default_fps = feat_stride, num_frames, default_fps
        self.file_prefix, self.file_ext = file_prefix, file_ext
        self.length_tolerance, self.segment_tolerance = length_tolerance, segment_tolerance
        super().__init__(ann_file=ann_file, data_prefix=data_prefix, **kwargs)

    def _read_database(self) -> dict:
        with open(self.ann_file) as f:
            data = json.load(f)
        if 'database' not in data:
            raise AnnotationError(f'{self.ann_file}: no "database" key (top-level keys: '
                                  f'{sorted(data)[:10]})')
        return data['database']

    @staticmethod
    def classes_of(database: dict) -> list:
        """Class names of a database ordered by ``label_id`` (if any), then name."""
        ids = {}
        for video in database.values():
            for ann in video.get('annotations', []):
                ids.setdefault(ann['label'], ann.get('label_id', -1))
        return sorted(ids, key=lambda name: (ids[name], name))

    def load_data_list(self) -> list:
        database = self._read_database()
        classes = self._metainfo.get('classes')
        if classes is None:
            classes = self.classes_of(database)
            self._metainfo['classes'] = tuple(classes)
        index = {name: i for i, name in enumerate(classes)}
        feat_dir = self.data_prefix.get('feats', '')
        data_list, missing, bad_length = [], [], []
        for name, video in database.items():
            if str(video.get('subset', '')).lower() not in self.subset:
                continue
            fps = self.default_fps or video.get('fps')
            if not fps:
                raise AnnotationError(f'{self.ann_file}: video {name} has no "fps"; '
                                      'set default_fps')
            duration = float(video['duration'])
            segments, labels = [], []
            for ann in video.get('annotations', []):
                if ann['label'] not in index:
                    raise AnnotationError(
                        f'{self.ann_file}: video {name}: label {ann["label"]!r} is not '
                        f'one of the {len(classes)} classes')
                start, end = map(float, ann['segment'])
                tol = self.segment_tolerance
                if end <= start or start < -tol or end > duration + tol:
                    raise AnnotationError(
                        f'{self.ann_file}: video {name}: segment [{start}, {end}] '
                        f'({ann["label"]}) is empty or outside the video '
                        f'(duration {duration} s)')
                segments.append([max(start, 0.), min(end, duration)])
                labels.append(index[ann['label']])
            feat_path = osp.join(feat_dir, f'{self.file_prefix}{name}{self.file_ext}')
            if not osp.isfile(feat_path):
                missing.append(name)
                continue
            num_feats = np.load(feat_path, mmap_mode='r').shape[0]
            expected = expected_num_features(duration, fps, self.feat_stride, self.num_frames)
            if abs(num_feats - expected) > max(2, self.length_tolerance * expected):
                bad_length.append(f'{name} ({num_feats} features, {duration} s at '
                                  f'{fps} fps gives {expected})')
            data_list.append(
                dict(
                    video_name=name,
                    feat_path=feat_path,
                    fps=float(fps),
                    duration=duration,
                    feat_stride=float(self.feat_stride),
                    feat_num_frames=float(self.num_frames),
                    ann_segments=np.asarray(segments, np.float32).reshape(-1, 2),
                    ann_labels=np.asarray(labels, np.int64)))
        if missing:
            raise AnnotationError(f'{len(missing)} feature files missing in {feat_dir!r}: '
                                  f'{", ".join(missing[:10])}{" ..." if len(missing) > 10 else ""}')
        if bad_length:
            raise AnnotationError(
                f'feature length does not match duration * fps (stride {self.feat_stride}, '
                f'{self.num_frames}-frame clips) for {len(bad_length)} videos: ' +
                '; '.join(bad_length[:5]))
        if not data_list:
            raise AnnotationError(f'{self.ann_file}: no video in subset {sorted(self.subset)}')
        return data_list
