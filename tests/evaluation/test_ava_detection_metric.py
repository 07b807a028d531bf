"""AVADetectionMetric gives MMAction2's AVAMetric numbers without writing into
the current directory or leaving a pool of 32 processes behind."""
import os

import numpy as np
import pytest
import torch
from mmaction.evaluation.metrics import AVAMetric
from mmaction.registry import METRICS


def predictions(root, seed=0):
    """Noisy boxes around the truth with random scores, per val timestamp."""
    rng = np.random.RandomState(seed)
    boxes = {}
    for line in (root / 'annotations' / 'val.csv').read_text().splitlines():
        video, ts, *box, label, _ = line.split(',')
        boxes.setdefault((video, int(ts)), []).append(list(map(float, box)))
    samples = []
    for (video, ts), bxs in sorted(boxes.items()):
        bxs = np.clip(np.array(bxs) + rng.normal(0, 0.03, (len(bxs), 4)), 0, 1)
        corner = rng.uniform(0, 0.5, (1, 2))
        extra = np.concatenate([corner, corner + rng.uniform(0.1, 0.4, (1, 2))], 1)
        samples.append(
            dict(
                video_id=video,
                timestamp=ts,
                img_key=f'{video},{ts:04d}',
                scores=rng.uniform(0.5, 1,
                                   len(bxs) + 1).astype(np.float32),
                pred_instances=dict(
                    bboxes=torch.tensor(np.concatenate([bxs, extra]), dtype=torch.float32),
                    scores=torch.rand(len(bxs) + 1, 5,
                                      generator=torch.Generator().manual_seed(ts)))))
    return samples


def metric_args(root):
    ann = root / 'annotations'
    return dict(
        ann_file=str(ann / 'val.csv'),
        label_file=str(ann / 'action_list.pbtxt'),
        exclude_file=str(ann / 'val_excluded_timestamps.csv'),
        num_classes=5)


def run(metric, samples):
    metric.process({}, [dict(s, pred_instances=dict(s['pred_instances'])) for s in samples])
    return metric.evaluate(size=len(samples))


def test_same_numbers_as_mmaction2_and_nothing_left_in_cwd(synthetic_ava, tmp_path, monkeypatch):
    samples = predictions(synthetic_ava)
    theirs_dir, ours_dir = tmp_path / 'theirs', tmp_path / 'ours'
    theirs_dir.mkdir()
    ours_dir.mkdir()
    monkeypatch.chdir(theirs_dir)  # MMAction2 writes its CSV into the cwd
    theirs = run(AVAMetric(**metric_args(synthetic_ava)), samples)
    monkeypatch.chdir(ours_dir)
    ours = run(
        METRICS.build(
            dict(
                type='AVADetectionMetric',
                tmp_dir=str(tmp_path / 'work'),
                num_workers=2,
                **metric_args(synthetic_ava))), samples)
    assert set(ours) == set(theirs)
    for key in ours:
        np.testing.assert_allclose(ours[key], theirs[key], equal_nan=True)
    assert 0.1 < ours['mAP/overall'] < 1
    assert os.listdir(ours_dir) == [] and os.listdir(tmp_path / 'work') == []


def test_person_score_weighting_changes_the_ranking(synthetic_ava, tmp_path):
    samples = predictions(synthetic_ava)
    plain = run(
        METRICS.build(
            dict(type='AVADetectionMetric', tmp_dir=str(tmp_path), **metric_args(synthetic_ava))),
        samples)
    weighted_metric = METRICS.build(
        dict(
            type='AVADetectionMetric',
            tmp_dir=str(tmp_path),
            person_score_weighting=True,
            **metric_args(synthetic_ava)))
    weighted = run(weighted_metric, samples)
    assert weighted['mAP/overall'] != pytest.approx(plain['mAP/overall'])
    # equal to weighting by hand and evaluating without the option
    by_hand = [
        dict(
            s,
            pred_instances=dict(
                bboxes=s['pred_instances']['bboxes'],
                scores=s['pred_instances']['scores'] * torch.from_numpy(s['scores'])[:, None]))
        for s in samples
    ]
    manual = run(
        METRICS.build(
            dict(type='AVADetectionMetric', tmp_dir=str(tmp_path), **metric_args(synthetic_ava))),
        by_hand)
    assert weighted['mAP/overall'] == pytest.approx(manual['mAP/overall'])
    with pytest.raises(KeyError, match='needs the proposal scores'):
        weighted_metric.process({}, [{k: v for k, v in samples[0].items() if k != 'scores'}])
