"""MMAction2's AVA frame-mAP with its operational defects fixed."""
import multiprocessing
import os
import tempfile
from collections import defaultdict
from typing import Optional

import numpy as np
from mmaction.evaluation.functional import results2csv
from mmaction.evaluation.functional.ava_evaluation import metrics
from mmaction.evaluation.functional.ava_utils import (read_csv, read_exclusions, read_labelmap,
                                                      tpfp_single)
from mmaction.evaluation.metrics import AVAMetric
from mmaction.registry import METRICS
from mmengine.logging import print_log


def ava_frame_map(result_file: str,
                  label_file: str,
                  ann_file: str,
                  exclude_file: Optional[str],
                  custom_classes=None,
                  num_workers: Optional[int] = None) -> dict:
    """Frame-level AP@0.5 IoU per class, as MMAction2's ``ava_eval`` (with
    ``ignore_empty_frames=True``), but the per-frame work runs on a pool of
    ``num_workers`` (default: the CPUs this process may use) that is closed
    afterwards, instead of an unclosed pool of 32. Same numbers."""
    with open(label_file) as f:
        categories, class_whitelist = read_labelmap(f)
    if custom_classes is not None:
        class_whitelist = custom_classes[1:]
        categories = [c for c in categories if c['id'] in class_whitelist]
    with open(ann_file) as f:
        gt_bboxes, gt_labels, _ = read_csv(f, class_whitelist)
    excluded = set()
    if exclude_file is not None:
        with open(exclude_file) as f:
            excluded = read_exclusions(f)
    with open(result_file) as f:
        boxes, labels, scores = read_csv(f, class_whitelist)
    all_gt_labels = np.concatenate(list(gt_labels.values()))
    gt_count = {k: np.sum(all_gt_labels == k) for k in class_whitelist}
    tups = [(gt_bboxes[k], gt_labels[k], boxes[k], labels[k], scores[k]) for k in gt_bboxes
            if k not in excluded]
    workers = max(1, min(num_workers or len(os.sched_getaffinity(0)), len(tups)))
    if workers == 1:
        rets = list(map(tpfp_single, tups))
    else:
        with multiprocessing.Pool(workers) as pool:
            rets = pool.map(tpfp_single, tups)
    all_scores, tpfps = defaultdict(list), defaultdict(list)
    for score, tpfp in rets:
        for k in score:
            all_scores[k].append(score[k])
            tpfps[k].append(tpfp[k])
    names = {c['id']: c['name'] for c in categories}
    class_ap = {}
    for k in all_scores:
        precision, recall = metrics.compute_precision_recall(
            np.concatenate(all_scores[k]), np.concatenate(tpfps[k]), gt_count[k])
        class_ap[k] = (names[k], metrics.compute_average_precision(precision, recall))
    aps = [(k, ap) for k, (_, ap) in class_ap.items()]

    def mean(values):  # nan for no class (as np.nanmean, without its warning)
        values = [v for v in values if not np.isnan(v)]
        return float(np.mean(values)) if values else float('nan')

    return dict(
        overall=mean([ap for _, ap in aps]),
        person_movement=mean([ap for k, ap in aps if k <= 14]),
        object_manipulation=mean([ap for k, ap in aps if 14 < k < 64]),
        person_interaction=mean([ap for k, ap in aps if 64 <= k]),
        per_class=class_ap)


@METRICS.register_module()
class AVADetectionMetric(AVAMetric):
    """``AVAMetric`` (same arguments and numbers) that writes its temporary
    CSV into ``tmp_dir`` (the work directory when run by this project's
    tools) instead of the current directory, and sizes and closes its worker
    pool.

    Args:
        tmp_dir (str, optional): where the temporary result CSV goes; default
            the system's temporary directory. ``tools/train.py`` /
            ``tools/test.py`` set it to the run's work directory.
        num_workers (int, optional): evaluation processes (default: the CPUs
            available to this process).
        person_score_weighting (bool): multiply every action score by the
            person detector's score of its proposal (as the VideoMAE detection
            code does); needs the proposals' scores in the data samples
            (``PackActionInputs(algorithm_keys=('scores', ))``). Off by default,
            as in MMAction2.
        **kwargs: ``AVAMetric``'s arguments.
    """

    def __init__(self,
                 *args,
                 tmp_dir: Optional[str] = None,
                 num_workers: Optional[int] = None,
                 person_score_weighting: bool = False,
                 **kwargs):
        super().__init__(*args, **kwargs)
        self.tmp_dir, self.num_workers = tmp_dir, num_workers
        self.person_score_weighting = person_score_weighting

    def process(self, data_batch, data_samples) -> None:
        if self.person_score_weighting:
            for sample in data_samples:
                if 'scores' not in sample:
                    raise KeyError(f'person_score_weighting needs the proposal scores in the data '
                                   f'sample of {sample.get("img_key", "?")}: pack them with '
                                   "PackActionInputs(algorithm_keys=('scores', )) and 5-column "
                                   'proposals')
                det = np.asarray(sample['scores'], np.float32)
                pred = sample['pred_instances']
                pred['scores'] = pred['scores'] * pred['scores'].new_tensor(det)[:, None]
        super().process(data_batch, data_samples)

    def compute_metrics(self, results: list) -> dict:
        if self.tmp_dir:
            os.makedirs(self.tmp_dir, exist_ok=True)
        fd, path = tempfile.mkstemp(prefix='ava_results_', suffix='.csv', dir=self.tmp_dir)
        os.close(fd)
        try:
            results2csv(results, path, self.custom_classes)
            out = ava_frame_map(path, self.label_file, self.ann_file, self.exclude_file,
                                self.custom_classes, self.num_workers)
        finally:
            os.remove(path)
        for k, (name, ap) in sorted(out.pop('per_class').items()):
            print_log(f'AP {k:3d} {name}: {ap:.4f}', logger='current')
        return out
