"""MMAction2's AVA-Kinetics dataset with checked annotations, each sample's own
frame range, and named errors."""
import os.path as osp

from mmaction.datasets import AVAKineticsDataset
from mmaction.registry import DATASETS

from .ava_detection_dataset import AVAChecksMixin


@DATASETS.register_module()
class AVAKineticsDetectionDataset(AVAChecksMixin, AVAKineticsDataset):
    """``AVAKineticsDataset`` (raw frames of AVA movies and of Kinetics clips
    ``<youtube_id>_<start>_<end>``) with ``AVADetectionDataset``'s checks of
    labels, boxes and proposals, named unreadable clips (``on_corrupt``), and
    one fix.

    The fix: MMAction2 1.2's ``load_data_list`` gives every sample the
    ``shot_info`` of the annotation file's *last line*, so a 15-minute AVA movie
    (frames 1..27001) and a 10-second Kinetics clip (frames 1..301) share one
    range and ``SampleAVAFrames`` clamps the AVA samples into the movie's first
    10 seconds when the file ends with a Kinetics line (or gives Kinetics clips
    the movie range when it ends with an AVA one). Here each sample's range
    comes from its own video's timestamps (MMAction2's formula).

    Args: ``on_corrupt``, ``box_tolerance`` (``AVAChecksMixin``) and
    ``AVAKineticsDataset``'s arguments.
    """

    def load_data_list(self) -> list:
        data_list = []
        for img_key, recs in self.read_checked_records().items():
            video_id, timestamp = img_key.split(',')
            start, end = self.get_timestamp(video_id)
            bboxes, labels, entity_ids = self.parse_img_record(recs)
            data_list.append(
                dict(
                    frame_dir=osp.join(self.data_prefix['img'] or '', video_id),
                    video_id=video_id,
                    timestamp=int(timestamp),
                    timestamp_start=start,
                    timestamp_end=end,
                    img_key=img_key,
                    shot_info=(1, (end - start) * self._FPS + 1),
                    fps=self._FPS,
                    ann=dict(gt_bboxes=bboxes, gt_labels=labels, entity_ids=entity_ids)))
        return data_list

    def proposal_key(self, img_key: str) -> str:
        """MMAction2's: AVA keys as they are, Kinetics ones without the
        ``_<start>_<end>`` suffix."""
        if len(img_key) == 16:
            return img_key
        video_id, timestamp = img_key.split(',')
        return f"{'_'.join(video_id.split('_')[:-2])},{int(timestamp):04d}"
