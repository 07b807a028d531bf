"""THUMOS-style feature dataset, its checks and the localization transforms."""
import json
import shutil

import numpy as np
import pytest
from mmaction.registry import TRANSFORMS

from vmae2_mmaction.localization import AnnotationError, TemporalFeatureDataset, grid_to_seconds

PACK = dict(
    type='PackLocalizationInputs',
    keys=('gt_segments', 'gt_labels'),
    meta_keys=('video_name', 'fps', 'duration', 'feat_stride', 'feat_num_frames', 'ann_segments',
               'ann_labels'))


def build(root, subset='validation', pipeline=(), **kwargs):
    return TemporalFeatureDataset(
        ann_file=str(root / 'annotations.json'),
        subset=subset,
        data_prefix=dict(feats=str(root / 'features')),
        pipeline=[dict(type='LoadTemporalFeatures'), *pipeline],
        **kwargs)


def test_loads_subset_classes_and_grid(synthetic_localization):
    train = build(synthetic_localization, pipeline=[PACK])
    test = build(synthetic_localization, 'test', pipeline=[PACK])
    assert (len(train), len(test)) == (48, 16)
    assert train.metainfo['classes'] == ('action_0', 'action_1', 'action_2', 'action_3')
    item = train[0]
    sample, feats = item['data_samples'], item['inputs']
    assert feats.shape[0] == 32 and feats.ndim == 2  # [C, T]
    grid = sample.gt_instances.gt_segments.numpy()
    np.testing.assert_allclose(
        grid_to_seconds(grid, sample.fps, 4, 16), sample.ann_segments, rtol=1e-5, atol=1e-5)
    assert sample.gt_instances.gt_labels.tolist() == list(sample.ann_labels)


def edit_annotation(root, tmp_path, edit):
    out = tmp_path / 'copy'
    shutil.copytree(root, out)
    data = json.loads((out / 'annotations.json').read_text())
    edit(data['database'])
    (out / 'annotations.json').write_text(json.dumps(data))
    return out


@pytest.mark.parametrize('edit,message', [
    (lambda db: db['video_validation_0003']['annotations'][0].update(label='jump'),
     "video_validation_0003: label 'jump' is not one of the 4 classes"),
    (lambda db: db['video_validation_0005']['annotations'][0].update(segment=[5., 500.]),
     r'video_validation_0005: segment \[5.0, 500.0\] .* outside the video'),
    (lambda db: db['video_validation_0005']['annotations'][0].update(segment=[9., 8.]),
     r'video_validation_0005: segment \[9.0, 8.0\] .* is empty'),
    (lambda db: db['video_validation_0007'].update(duration=300.),
     r'does not match duration \* fps .* video_validation_0007 \(\d+ features, 300.0 s'),
    (lambda db: db['video_validation_0002'].pop('fps'), 'video video_validation_0002 has no "fps"'),
])
def test_bad_annotations_name_the_video(synthetic_localization, tmp_path, edit, message):
    root = edit_annotation(synthetic_localization, tmp_path, edit)
    with pytest.raises(AnnotationError, match=message):
        build(root, metainfo=dict(classes=[f'action_{i}' for i in range(4)]))


def test_missing_feature_files_are_listed(synthetic_localization, tmp_path):
    root = tmp_path / 'copy'
    shutil.copytree(synthetic_localization, root)
    (root / 'features' / 'video_validation_0004.npy').unlink()
    with pytest.raises(AnnotationError, match='1 feature files missing .*video_validation_0004'):
        build(root)


def test_truncate_keeps_a_covered_segment(synthetic_localization):
    np.random.seed(0)
    truncate = TRANSFORMS.build(
        dict(type='RandomTemporalTruncate', max_seq_len=64, trunc_thresh=0.5, crop_ratio=None))
    dataset = build(synthetic_localization)
    for i in range(10):
        results = dataset.get_data_info(i)
        results = TRANSFORMS.build(dict(type='LoadTemporalFeatures'))(results)
        full, segs = results['raw_feature'], results['gt_segments'].copy()
        out = truncate(dict(results))
        feats, kept = out['raw_feature'], out['gt_segments']
        assert feats.shape[1] == min(64, full.shape[1])
        if full.shape[1] <= 64:
            continue
        start = next(
            s for s in range(full.shape[1] - 63) if np.array_equal(full[:, s:s + 64], feats))
        assert len(kept) >= 1 and len(kept) == len(out['gt_labels'])
        offset = 0.5 * 16 / 4
        assert (kept[:, 0] >= -offset - 1e-5).all() and (kept[:, 1] <= 64 + offset + 1e-5).all()
        # every kept segment is a clipped original, shifted by the window start
        for seg in kept + start:
            assert any(seg[0] >= s[0] - 1e-4 and seg[1] <= s[1] + 1e-4 for s in segs)


def test_resize_changes_the_grid_consistently(synthetic_localization):
    dataset = build(
        synthetic_localization, pipeline=[dict(type='ResizeTemporalFeatures', length=100)])
    results = dataset[0]
    assert results['raw_feature'].shape == (32, 100)
    span = results['duration'] * results['fps'] / 100
    assert results['feat_stride'] == results['feat_num_frames'] == pytest.approx(span)
    np.testing.assert_allclose(
        grid_to_seconds(results['gt_segments'], results['fps'], span, span),
        results['ann_segments'],
        rtol=1e-5)
