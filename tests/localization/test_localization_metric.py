"""Localization mAP: equal to MMAction2's ActivityNetLocalization; the metric."""
import json

import numpy as np
import pytest
import torch
from mmaction.evaluation.functional.eval_detection import ActivityNetLocalization
from mmaction.registry import METRICS

from tests.conftest import run_tool
from vmae2_mmaction.localization import ANET_TIOUS, THUMOS_TIOUS, localization_map, read_results


def random_case(seed, num_videos=6, num_classes=3):
    rng = np.random.RandomState(seed)
    gt, pred = {}, {}
    for v in range(num_videos):
        n = rng.randint(0, 5)
        start = rng.uniform(0, 80, n)
        segs = np.stack([start, start + rng.uniform(1, 15, n)], 1)
        labels = rng.randint(0, num_classes, n)
        gt[f'video{v}'] = (segs, labels)
        m = rng.randint(0, 30)
        # predictions: jittered copies of the truth plus random ones, some tied scores
        jitter = segs[rng.randint(0, max(n, 1), m) % max(n, 1)] if n else np.zeros((m, 2))
        p_segs = jitter + rng.normal(0, 2, (m, 2))
        p_segs[:, 1] = np.maximum(p_segs[:, 1], p_segs[:, 0] + 0.1)
        scores = np.round(rng.uniform(0, 1, m), 1)
        p_labels = labels[rng.randint(0, max(n, 1), m) % max(n, 1)] if n else \
            rng.randint(0, num_classes, m)
        pred[f'video{v}'] = (p_segs, scores, p_labels)
    pred['video_without_truth'] = (np.array([[0., 5.]]), np.array([0.99]), np.array([0]))
    for c in range(num_classes):  # every class has some truth
        gt[f'extra{c}'] = (np.array([[1., 4.]]), np.array([c]))
    return gt, pred


@pytest.mark.parametrize('seed,tious', [(0, THUMOS_TIOUS), (1, ANET_TIOUS), (2, THUMOS_TIOUS)])
def test_equals_mmaction2_activitynet_localization(tmp_path, seed, tious):
    gt, pred = random_case(seed)
    ours = localization_map(pred, gt, tious)
    # MMAction2's evaluator reads files: ground truth keyed 'v_<id>', labels
    # by name; predictions keyed '<id>'.
    gt_json = {
        f'v_{v}':
        dict(annotations=[
            dict(segment=list(map(float, s)), label=f'c{lab}') for s, lab in zip(*gt[v])
        ])
        for v in gt
    }
    pred_json = dict(
        results={
            v: [
                dict(segment=list(map(float, s)), score=float(sc), label=f'c{lab}')
                for s, sc, lab in zip(*pred[v])
            ]
            for v in pred
        })
    (tmp_path / 'gt.json').write_text(json.dumps(gt_json))
    (tmp_path / 'pred.json').write_text(json.dumps(pred_json))
    theirs = ActivityNetLocalization(
        str(tmp_path / 'gt.json'), str(tmp_path / 'pred.json'), tiou_thresholds=np.asarray(tious))
    their_map, their_avg = theirs.evaluate()
    np.testing.assert_allclose(ours['mAP'], their_map, atol=1e-12)
    assert ours['average_mAP'] == pytest.approx(their_avg, abs=1e-12)
    assert 0 < ours['average_mAP'] < 1


def test_perfect_predictions_score_100_and_results_round_trip(tmp_path):
    metric = METRICS.build(dict(type='LocalizationMetric', out_file=str(tmp_path / 'r.json')))
    metric.dataset_meta = dict(classes=('a', 'b'))
    samples = []
    for v, (segs, labels) in enumerate([([[1., 5.], [10., 20.]], [0, 1]), ([[3., 4.]], [1])]):
        segs = np.asarray(segs, np.float32)
        samples.append(
            dict(
                video_name=f'video_test_{v}',
                ann_segments=segs,
                ann_labels=np.asarray(labels),
                pred_instances=dict(
                    segments=torch.from_numpy(segs),
                    scores=torch.linspace(0.9, 0.5, len(labels)),
                    labels=torch.tensor(labels))))
    metric.process({}, samples)
    out = metric.evaluate(size=2)
    assert out['localization/mAP@0.5'] == pytest.approx(100.)
    assert out['localization/average_mAP'] == pytest.approx(100.)
    back = read_results(str(tmp_path / 'r.json'), ('a', 'b'))
    np.testing.assert_allclose(back['video_test_0'][0], [[1., 5.], [10., 20.]])
    assert back['video_test_1'][2].tolist() == [1]


def test_offline_tool_agrees_with_metric(tmp_path):
    gt, pred = random_case(3)
    database = {
        v:
        dict(
            subset='test',
            annotations=[
                dict(segment=list(map(float, s)), label=f'c{lab}', label_id=int(lab))
                for s, lab in zip(*gt[v])
            ])
        for v in gt
    }
    (tmp_path / 'ann.json').write_text(json.dumps(dict(database=database)))
    from vmae2_mmaction.localization import LocalizationMetric
    LocalizationMetric.write_results(pred, str(tmp_path / 'res.json'), ['c0', 'c1', 'c2'])
    proc = run_tool('tools/eval_localization.py', str(tmp_path / 'res.json'),
                    str(tmp_path / 'ann.json'))
    expected = localization_map(pred, gt)
    assert f'average_mAP: {100 * expected["average_mAP"]:.2f}' in proc.stdout
    assert f'mAP@0.5: {100 * expected["mAP"][2]:.2f}' in proc.stdout


def test_offline_tool_names_an_unknown_label(tmp_path):
    database = {'v1': dict(subset='test', annotations=[dict(segment=[1., 2.], label='run')])}
    (tmp_path / 'ann.json').write_text(json.dumps(dict(database=database)))
    (tmp_path / 'res.json').write_text(
        json.dumps(dict(results={'v1': [dict(segment=[1., 2.], score=0.9, label='swim')]})))
    proc = run_tool(
        'tools/eval_localization.py',
        str(tmp_path / 'res.json'),
        str(tmp_path / 'ann.json'),
        check=False)
    assert proc.returncode != 0
    assert "label 'swim' of video v1 is not one of the 1 classes" in proc.stderr
