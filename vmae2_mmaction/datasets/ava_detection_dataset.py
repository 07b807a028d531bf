"""MMAction2's AVA dataset with checked annotations, videos, and named errors."""
import os.path as osp
import warnings
from collections import defaultdict

import decord
import numpy as np
from mmaction.datasets import AVADataset
from mmaction.evaluation.functional.ava_utils import read_labelmap
from mmaction.registry import DATASETS
from mmengine.dataset import BaseDataset
from mmengine.fileio import list_from_file
from mmengine.logging import MMLogger

from .video_dataset import DECODE_ERRORS, VideoDecodeError


def _examples(items, limit=5):
    return ', '.join(items[:limit]) + (' ...' if len(items) > limit else '')


class AVAChecksMixin:
    """The checks of ``AVADetectionDataset``, shared with the AVA-Kinetics one.

    Mixed in before an MMAction2 AVA dataset class (which sets ``ann_file``,
    ``label_file``, ``num_classes``, ``custom_classes``, ``proposals``,
    ``proposal_file``, ``test_mode``).

    Args:
        on_corrupt (str): 'raise' or 'skip' (training only).
        box_tolerance (float): relative coordinates may exceed [0, 1] by this.
        **kwargs: the dataset class's arguments.
    """

    def __init__(self, *args, on_corrupt: str = 'raise', box_tolerance: float = 0.01, **kwargs):
        if on_corrupt not in ('raise', 'skip'):
            raise ValueError(f"on_corrupt must be 'raise' or 'skip', got {on_corrupt!r}")
        self.on_corrupt, self.box_tolerance = on_corrupt, box_tolerance
        super().__init__(*args, **kwargs)
        if self.proposals is not None:
            self._check_proposals()

    def _allowed_labels(self) -> set:
        labels = set(range(1, self.num_classes))
        if self.label_file is not None:
            with open(self.label_file) as f:
                labels &= set(read_labelmap(f)[1])
        return labels

    def read_checked_records(self) -> dict:
        """MMAction2's CSV parsing with every line checked: img_key
        ('<video_id>,<timestamp:04d>') -> records (entity_box, label, entity_id)."""
        allowed = self._allowed_labels()
        bad_label, bad_box = [], []
        records = defaultdict(list)
        for line in list_from_file(self.ann_file):
            video_id, timestamp, *box, label, entity = line.strip().split(',')[:8]
            where = f'{video_id},{int(timestamp):04d}'
            label = int(label)
            if self.custom_classes is not None:
                if label not in self.custom_classes:
                    continue
                label = self.custom_classes.index(label)
            elif label not in allowed:
                bad_label.append(f'{where} (label {label})')
                continue
            box = np.array(list(map(float, box)))
            tol = self.box_tolerance
            if (box < -tol).any() or (box > 1 + tol).any() or (box[2:] <= box[:2]).any():
                bad_box.append(f'{where} (box {box.tolist()})')
                continue
            records[where].append(
                dict(entity_box=box.clip(0, 1), label=label, entity_id=int(entity)))
        if bad_label:
            warnings.warn(f'{self.ann_file}: {len(bad_label)} annotations with a label '
                          f'outside the label map / num_classes={self.num_classes} '
                          f'dropped: {_examples(bad_label)}')
        if bad_box:
            warnings.warn(f'{self.ann_file}: {len(bad_box)} boxes outside the frame or '
                          f'empty dropped: {_examples(bad_box)}')
        return records

    def filter_data(self) -> list:
        """MMAction2's exclusion of the (video, timestamp) pairs listed in
        ``exclude_file``, through a set (MMAction2 compares every sample with
        every listed pair, and leaves the file open)."""
        if self.exclude_file is None:
            return self.data_list
        excluded = set()
        for line in list_from_file(self.exclude_file):
            if line.strip():
                video_id, timestamp = line.strip().split(',')
                excluded.add((video_id, int(timestamp)))
        data_list = [
            info for info in self.data_list if (info['video_id'], info['timestamp']) not in excluded
        ]
        MMLogger.get_current_instance().info(
            f'{len(data_list)} out of {len(self.data_list)} frames are valid.')
        return data_list

    def proposal_key(self, img_key: str) -> str:
        """The key of a sample's proposals in ``proposal_file``."""
        return img_key

    def _check_proposals(self) -> None:
        missing, outside = [], []
        for i in range(len(self)):  # the parsed records (before the proposal step)
            key = self.proposal_key(BaseDataset.get_data_info(self, i)['img_key'])
            if key not in self.proposals:
                missing.append(key)
                continue
            boxes = self.proposals[key]
            if (boxes[:, :4] < 0).any() or (boxes[:, :4] > 1).any():
                outside.append(key)
                boxes = boxes.copy()
                boxes[:, :4] = boxes[:, :4].clip(0, 1)
                self.proposals[key] = boxes
        if missing:
            warnings.warn(f'{self.proposal_file}: no proposals for {len(missing)} '
                          f'timestamps, the whole frame is used instead (as MMAction2): '
                          f'{_examples(missing)}')
        if outside:
            warnings.warn(f'{self.proposal_file}: proposals outside the frame clipped '
                          f'at {len(outside)} timestamps: {_examples(outside)}')

    def check_clip(self, idx: int) -> None:
        """Raise one of ``DECODE_ERRORS`` for a sample that cannot be read."""

    def prepare_data(self, idx):
        """The sample, or ``VideoDecodeError`` naming its video and timestamp
        (with ``on_corrupt='skip'`` in training: a warning and ``None``, which
        makes MMEngine's dataset draw another sample)."""
        try:
            self.check_clip(idx)
            return super().prepare_data(idx)
        except DECODE_ERRORS as e:
            info = self.get_data_info(idx)
            source = info.get('filename') or info.get('frame_dir')
            reason = (str(e).strip().splitlines() or [type(e).__name__])[-1][:200]
            message = (f'cannot read the clip of video {info["video_id"]} at timestamp '
                       f'{info["timestamp"]} from {source}: {type(e).__name__}: {reason}')
            if self.on_corrupt == 'skip' and not self.test_mode:
                warnings.warn(f'{message} (skipped, on_corrupt="skip")')
                return None
            raise VideoDecodeError(message) from e


@DATASETS.register_module()
class AVADetectionDataset(AVAChecksMixin, AVADataset):
    """``AVADataset`` (AVA v2.x CSVs, raw frames or videos) that checks its
    inputs and names the video and timestamp of every problem.

    MMAction2's parser indexes one-hot label vectors with unchecked labels and
    asserts on proposals outside the frame; here the annotation CSV is parsed
    with checks (the parsing is otherwise MMAction2's), and:

    - a label that is not in the label map (``label_file``) or not below
      ``num_classes``: the line is dropped with a warning;
    - a ground-truth box outside the frame (beyond ``box_tolerance`` of the
      relative [0, 1] range): dropped with a warning; within it, clipped;
    - a timestamp without proposals in ``proposal_file``: warned once, listed;
      MMAction2's whole-frame box is used (its semantics);
    - proposals outside the frame: clipped to it, with a warning;
    - a timestamp past the end of its video (video mode; MMAction2 would
      clamp it to the last frames), or whose frames / video cannot be read:
      ``VideoDecodeError`` naming the video and timestamp, or
      (``on_corrupt='skip'``, training only: testing must see every sample) a
      warning and another sample.

    Args:
        video_ext (str): with ``use_frames=False``, the extension of
            ``<data_prefix.img>/<video_id><video_ext>``.
        **kwargs: ``on_corrupt``, ``box_tolerance`` (``AVAChecksMixin``) and
            ``AVADataset``'s arguments.
    """

    def __init__(self, *args, video_ext: str = '.mp4', **kwargs):
        self.video_ext = video_ext
        self._video_frames = {}  # video path -> frame count (video mode)
        super().__init__(*args, **kwargs)

    def load_data_list(self) -> list:
        """MMAction2's AVA parsing with every line checked."""
        records = self.read_checked_records()
        shot_info = (0, (self.timestamp_end - self.timestamp_start) * self._FPS) \
            if self.use_frames else None
        data_list = []
        for img_key, recs in records.items():
            video_id, timestamp = img_key.split(',')
            bboxes, labels, entity_ids = self.parse_img_record(recs)
            path = osp.join(self.data_prefix['img'] or '', video_id)
            info = dict(
                video_id=video_id,
                timestamp=int(timestamp),
                img_key=img_key,
                shot_info=shot_info,
                fps=self._FPS,
                ann=dict(gt_bboxes=bboxes, gt_labels=labels, entity_ids=entity_ids))
            if self.use_frames:
                info['frame_dir'] = path
            else:
                info['filename'] = path + self.video_ext
            data_list.append(info)
        return data_list

    def check_clip(self, idx: int) -> None:
        """Video mode: a timestamp past the end of its video raises (MMAction2's
        ``SampleAVAFrames`` would clamp it to the last frames, silently)."""
        if self.use_frames:
            return
        info = self.get_data_info(idx)
        path = info['filename']
        if path not in self._video_frames:
            self._video_frames[path] = len(decord.VideoReader(path, num_threads=1))
        frames = self._video_frames[path]
        centre = (info['timestamp'] - self.timestamp_start) * info['fps']
        if not 0 <= centre < frames:
            raise RuntimeError(f'the timestamp is frame {centre} (fps {info["fps"]}, '
                               f'timestamp_start {self.timestamp_start}) but the video '
                               f'has {frames} frames')
