"""AVADetectionDataset: MMAction2's AVA data (frames and videos) with checked
annotations and proposals, and errors that name the video and timestamp."""
import pickle
import shutil

import cv2
import decord
import numpy as np
import pytest
import torch
from mmaction.datasets import AVADataset

from vmae2_mmaction.datasets import AVADetectionDataset, VideoDecodeError

PIPELINES = {
    'frames': [
        dict(type='SampleAVAFrames', clip_len=16, frame_interval=2, test_mode=True),
        dict(type='RawFrameDecode'),
        dict(type='FormatShape', input_format='NCTHW', collapse=True),
        dict(type='PackActionInputs')
    ],
    'videos': [
        dict(type='DecordInit'),
        dict(type='SampleAVAFrames', clip_len=16, frame_interval=2, test_mode=True),
        dict(type='DecordDecode'),
        dict(type='FormatShape', input_format='NCTHW', collapse=True),
        dict(type='PackActionInputs')
    ],
}


def build(root, mode='videos', cls=AVADetectionDataset, split='val', **kwargs):
    ann = root / 'annotations'
    args = dict(
        ann_file=str(ann / f'{split}.csv'),
        pipeline=PIPELINES[mode],
        exclude_file=str(ann / f'{split}_excluded_timestamps.csv'),
        label_file=str(ann / 'action_list.pbtxt'),
        proposal_file=str(ann / f'{split}_proposals.pkl'),
        num_classes=5,
        fps=10,
        timestamp_start=0,
        timestamp_end=8,
        test_mode=True)
    if mode == 'frames':
        args.update(data_prefix=dict(img=str(root / 'rawframes')), start_index=1)
    else:
        args.update(data_prefix=dict(img=str(root / 'videos')), use_frames=False, start_index=0)
        if cls is AVADetectionDataset:
            args['video_ext'] = '.mp4'
    return cls(**{**args, **kwargs})


def test_same_samples_as_mmaction2_on_clean_data(synthetic_ava):
    ours = build(synthetic_ava, 'frames')
    theirs = build(synthetic_ava, 'frames', cls=AVADataset)
    assert len(ours) == len(theirs) == 8 * 5 - 1  # one excluded timestamp
    for i in (0, 7, 20):
        a, b = ours[i], theirs[i]
        assert torch.equal(a['inputs'], b['inputs'])
        assert torch.equal(a['data_samples'].gt_instances.bboxes,
                           b['data_samples'].gt_instances.bboxes)
        assert torch.equal(a['data_samples'].gt_instances.labels,
                           b['data_samples'].gt_instances.labels)


def test_videos_and_frames_give_the_same_boxes(synthetic_ava):
    videos, frames = build(synthetic_ava, 'videos'), build(synthetic_ava, 'frames')
    a, b = videos[3], frames[3]
    assert a['inputs'].shape == b['inputs'].shape == (3, 16, 64, 64)
    torch.testing.assert_close(a['data_samples'].proposals.bboxes,
                               b['data_samples'].proposals.bboxes)


def copy_with(root, tmp_path, csv_lines=None, proposals=None):
    out = tmp_path / 'ava'
    shutil.copytree(root / 'annotations', out / 'annotations')
    (out / 'videos').symlink_to(root / 'videos')
    if csv_lines is not None:
        (out / 'annotations' / 'val.csv').write_text('\n'.join(csv_lines) + '\n')
    if proposals is not None:
        with open(out / 'annotations' / 'val_proposals.pkl', 'wb') as f:
            pickle.dump(proposals, f)
    return out


def test_bad_labels_and_boxes_are_named_and_dropped(synthetic_ava, tmp_path):
    lines = (synthetic_ava / 'annotations' / 'val.csv').read_text().splitlines()
    first, second = lines[0].split(','), lines[1].split(',')
    first[6] = '9'  # not in the label map
    second[4] = '1.4'  # x2 outside the frame
    root = copy_with(synthetic_ava, tmp_path, [','.join(first), ','.join(second)] + lines[2:])
    with pytest.warns(UserWarning) as record:
        dataset = build(root)
    messages = ' '.join(str(w.message) for w in record)
    assert '1 annotations with a label outside the label map' in messages
    assert f'{first[0]},{first[1]} (label 9)' in messages
    assert f'1 boxes outside the frame or empty dropped: {second[0]},{second[1]}' in messages

    def boxes(ds):
        return sum(len(ds.get_data_info(i)['gt_bboxes']) for i in range(len(ds)))

    assert boxes(dataset) == boxes(build(synthetic_ava)) - 2


def test_missing_and_outside_proposals_are_named(synthetic_ava, tmp_path):
    with open(synthetic_ava / 'annotations' / 'val_proposals.pkl', 'rb') as f:
        proposals = pickle.load(f)
    missing = sorted(proposals)[0]
    del proposals[missing]
    outside = sorted(proposals)[1]
    proposals[outside] = proposals[outside].copy()
    proposals[outside][0, 2] = 1.3
    root = copy_with(synthetic_ava, tmp_path, proposals=proposals)
    with pytest.warns(UserWarning) as record:
        dataset = build(root)
    messages = ' '.join(str(w.message) for w in record)
    assert 'no proposals for 1 timestamps, the whole frame is used instead' in messages
    assert missing in messages and f'clipped at 1 timestamps: {outside}' in messages
    index = next(i for i in range(len(dataset)) if dataset.get_data_info(i)['img_key'] == outside)
    assert dataset.get_data_info(index)['proposals'].max() <= 1  # MMAction2 would assert
    dataset[index]


def test_unreadable_clip_names_video_and_timestamp(synthetic_ava, tmp_path):
    root = tmp_path / 'ava'
    shutil.copytree(synthetic_ava / 'annotations', root / 'annotations')
    shutil.copytree(synthetic_ava / 'videos', root / 'videos')
    (root / 'videos' / 'val_002.mp4').write_bytes(b'not a video')
    dataset = build(root)
    index = next(
        i for i in range(len(dataset)) if dataset.get_data_info(i)['video_id'] == 'val_002')
    with pytest.raises(VideoDecodeError, match=r'video val_002 at timestamp 2 from .*val_002.mp4'):
        dataset[index]
    skipping = build(root, on_corrupt='skip', test_mode=False)  # training: skip it
    with pytest.warns(UserWarning, match='val_002 at timestamp 2'):
        item = skipping[index]  # another sample instead
    assert item['data_samples'].video_id != 'val_002'
    assert np.isfinite(item['inputs'].numpy()).all()


def test_timestamp_without_frames_is_named(synthetic_ava, tmp_path):
    root = tmp_path / 'ava'
    shutil.copytree(synthetic_ava / 'annotations', root / 'annotations')
    shutil.copytree(synthetic_ava / 'rawframes', root / 'rawframes')
    for frame in (root / 'rawframes' / 'val_004').glob('img_000[3-5]*.jpg'):
        frame.unlink()  # frames around timestamps 3-5 gone
    dataset = build(root, 'frames')
    index = next(
        i for i in range(len(dataset)) if dataset.get_data_info(i)['img_key'] == 'val_004,0004')
    with pytest.raises(VideoDecodeError, match='video val_004 at timestamp 4 from .*val_004'):
        dataset[index]


def test_timestamp_past_the_end_of_the_video_is_named(synthetic_ava, tmp_path):
    """MMAction2's sampler would clamp it to the last frames; here it is named."""
    root = tmp_path / 'ava'
    shutil.copytree(synthetic_ava / 'annotations', root / 'annotations')
    shutil.copytree(synthetic_ava / 'videos', root / 'videos')
    path = root / 'videos' / 'val_004.mp4'
    frames = decord.VideoReader(str(path)).get_batch(range(35)).asnumpy()
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*'mp4v'), 10, frames.shape[2:0:-1])
    for frame in frames:  # the first 3.5 s only
        writer.write(frame[..., ::-1].copy())
    writer.release()
    dataset = build(root)
    keys = {dataset.get_data_info(i)['img_key']: i for i in range(len(dataset))}
    dataset[keys['val_004,0003']]  # frame 30: inside
    with pytest.raises(
            VideoDecodeError,
            match=r'video val_004 at timestamp 4 from .*val_004.mp4: RuntimeError: '
            r'the timestamp is frame 40 .* the video has 35 frames'):
        dataset[keys['val_004,0004']]
