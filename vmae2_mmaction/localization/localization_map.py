"""Detection mAP of temporal segments at several tIoU thresholds.

Per class, predictions are sorted by score and greedily matched to unmatched
ground truth of the same video by tIoU; AP is the all-point interpolated area.
The per-class computation is MMAction2's ``compute_average_precision_detection``
(the one its ``ActivityNetLocalization`` uses); this module only groups
predictions and ground truth by class and averages.
"""
import warnings

import numpy as np
from mmaction.evaluation.functional.eval_detection import compute_average_precision_detection

THUMOS_TIOUS = (0.3, 0.4, 0.5, 0.6, 0.7)
ANET_TIOUS = tuple(np.round(np.linspace(0.5, 0.95, 10), 2))


def _records(video, segments, labels, scores=None):
    segments = np.asarray(segments, np.float64).reshape(-1, 2)
    labels = np.asarray(labels).reshape(-1)
    for i, (seg, label) in enumerate(zip(segments, labels)):
        rec = {
            'video-id': video,
            't-start': float(seg[0]),
            't-end': float(seg[1]),
            'label': int(label)
        }
        if scores is not None:
            rec['score'] = float(scores[i])
        yield rec


def localization_map(predictions: dict, ground_truth: dict, tiou_thresholds=THUMOS_TIOUS) -> dict:
    """mAP per tIoU threshold and their average.

    Args:
        predictions (dict): video -> (segments [N, 2], scores [N], labels [N]).
        ground_truth (dict): video -> (segments [M, 2], labels [M]); videos
            without segments may be present (their predictions are false
            positives). Segments in the same unit as the predictions.
        tiou_thresholds (Sequence[float]): e.g. 0.3:0.1:0.7 (THUMOS14).

    Returns:
        dict: ``ap`` [len(thresholds), C] for the C classes with ground truth
        (``classes``, sorted), ``mAP`` [len(thresholds)], ``average_mAP``.
        Predicted classes without ground truth are ignored (as in MMAction2).
    """
    gt_by_class, pred_by_class = {}, {}
    for video, (segments, labels) in ground_truth.items():
        for rec in _records(video, segments, labels):
            gt_by_class.setdefault(rec['label'], []).append(rec)
    for video, (segments, scores, labels) in predictions.items():
        for rec in _records(video, segments, labels, scores):
            pred_by_class.setdefault(rec['label'], []).append(rec)
    classes = sorted(gt_by_class)
    if not classes:
        raise ValueError('no ground-truth segment to evaluate against')
    ignored = sorted(set(pred_by_class) - set(classes))
    if ignored:
        warnings.warn(f'predictions of classes {ignored} have no ground truth; ignored')
    thresholds = np.asarray(tiou_thresholds, np.float64)
    ap = np.zeros((len(thresholds), len(classes)))
    for j, c in enumerate(classes):
        ap[:, j] = compute_average_precision_detection(gt_by_class[c], pred_by_class.get(c, []),
                                                       thresholds)
    mean_ap = ap.mean(axis=1)
    return dict(ap=ap, classes=classes, mAP=mean_ap, average_mAP=float(mean_ap.mean()))
