"""AVAKineticsDetectionDataset: MMAction2's samples on clean data, checked lines,
named unreadable clips, and each sample sampled inside its own video (MMAction2's
AVAKineticsDataset gives all samples the last line's range)."""
import pickle
import shutil
import warnings

import pytest
import torch
from mmaction.datasets import AVAKineticsDataset
from mmaction.datasets.transforms import SampleAVAFrames

from vmae2_mmaction.datasets import AVAKineticsDetectionDataset, VideoDecodeError

AVA_ID, KINETICS_ID = 'abcdefghijk', 'lmnopqrstuv_000010_000020'  # 15 min, 10 s
LABELS = """item {
  name: "stand"
  id: 1
}
"""


@pytest.mark.parametrize('last', ['kinetics', 'ava'])
def test_every_sample_keeps_its_own_frame_range(tmp_path, last):
    lines = [f'{AVA_ID},1500,0.1,0.1,0.5,0.9,1,0', f'{KINETICS_ID},0019,0.2,0.1,0.6,0.9,1,0']
    if last == 'ava':
        lines.reverse()
    (tmp_path / 'train.csv').write_text('\n'.join(lines) + '\n')
    (tmp_path / 'labels.pbtxt').write_text(LABELS)
    args = dict(
        ann_file=str(tmp_path / 'train.csv'),
        exclude_file=None,
        pipeline=[],
        label_file=str(tmp_path / 'labels.pbtxt'),
        num_classes=2,
        data_prefix=dict(img=str(tmp_path)))
    sample = SampleAVAFrames(clip_len=16, frame_interval=4, test_mode=True)

    def frames(dataset):
        infos = [dataset.get_data_info(i) for i in range(len(dataset))]
        return {info['video_id']: sample(dict(info))['frame_inds'] for info in infos}

    ours, theirs = frames(AVAKineticsDetectionDataset(**args)), frames(AVAKineticsDataset(**args))
    # AVA at 1500 s: frame (1500 - 900) * 30 = 18000 of 27000; Kinetics at 19 s: 270 of 300
    assert ours[AVA_ID].min() > 17900 and ours[AVA_ID].max() < 18100
    assert ours[KINETICS_ID].min() > 200 and ours[KINETICS_ID].max() <= 301
    if last == 'kinetics':  # MMAction2 clamps the AVA clip into the first 10 s
        assert theirs[AVA_ID].max() <= 301
    else:  # and gives the Kinetics clip the 15-minute range
        dataset = AVAKineticsDataset(**args)
        kinetics = next(
            dataset.get_data_info(i) for i in range(len(dataset))
            if dataset.get_data_info(i)['video_id'] == KINETICS_ID)
        assert kinetics['shot_info'] == (1, 27001)


def ava_kinetics_copy(root, tmp_path):
    """The synthetic AVA val split as AVA-Kinetics: even videos renamed to 11-char
    AVA ids, odd ones to Kinetics clips '<id>_000000_000008' (proposals keyed by
    the bare id, as in AVA-Kinetics)."""
    out = tmp_path / 'ava_kinetics'
    (out / 'annotations').mkdir(parents=True)
    names = {}
    for k in range(8):
        old = f'val_{k:03d}'
        names[old] = f'ava{k:08d}' if k % 2 == 0 else f'kin{k:08d}_000000_000008'
        shutil.copytree(root / 'rawframes' / old, out / 'rawframes' / names[old])
    ann = root / 'annotations'
    for name in ('val.csv', 'val_excluded_timestamps.csv'):
        lines = (ann / name).read_text().splitlines()
        lines = [names[line.split(',')[0]] + line[7:] for line in lines]
        (out / 'annotations' / name).write_text('\n'.join(lines) + '\n')
    shutil.copy(ann / 'action_list.pbtxt', out / 'annotations')
    with open(ann / 'val_proposals.pkl', 'rb') as f:
        proposals = pickle.load(f)
    proposals = {names[k.split(',')[0]][:11] + k[7:]: v for k, v in proposals.items()}
    with open(out / 'annotations' / 'val_proposals.pkl', 'wb') as f:
        pickle.dump(proposals, f)
    return out


def build(root, cls=AVAKineticsDetectionDataset, **kwargs):
    ann = root / 'annotations'
    args = dict(
        ann_file=str(ann / 'val.csv'),
        exclude_file=str(ann / 'val_excluded_timestamps.csv'),
        label_file=str(ann / 'action_list.pbtxt'),
        proposal_file=str(ann / 'val_proposals.pkl'),
        num_classes=5,
        fps=10,
        timestamp_start=0,
        timestamp_end=8,
        start_index=1,
        test_mode=True,
        data_prefix=dict(img=str(root / 'rawframes')),
        pipeline=[
            dict(type='SampleAVAFrames', clip_len=16, frame_interval=2, test_mode=True),
            dict(type='RawFrameDecode'),
            dict(type='FormatShape', input_format='NCTHW', collapse=True),
            dict(type='PackActionInputs')
        ])
    return cls(**{**args, **kwargs})


def test_same_samples_as_mmaction2_on_clean_data(synthetic_ava, tmp_path):
    root = ava_kinetics_copy(synthetic_ava, tmp_path)
    with warnings.catch_warnings():
        warnings.simplefilter('error', UserWarning)  # every proposal found, nothing dropped
        ours = build(root)
    theirs = build(root, AVAKineticsDataset)
    assert len(ours) == len(theirs) > 0
    kinetics = 0
    for i in range(len(ours)):
        a, b = ours[i], theirs[i]
        kinetics += a['data_samples'].video_id.startswith('kin')
        assert a['data_samples'].img_key == b['data_samples'].img_key
        torch.testing.assert_close(a['inputs'], b['inputs'])
        for key in ('gt_instances', 'proposals'):
            x, y = a['data_samples'].get(key), b['data_samples'].get(key)
            for field in x.keys():
                torch.testing.assert_close(torch.as_tensor(x[field]), torch.as_tensor(y[field]))
    assert 0 < kinetics < len(ours)


def test_bad_lines_and_unreadable_clips_are_named(synthetic_ava, tmp_path):
    root = ava_kinetics_copy(synthetic_ava, tmp_path)
    csv = root / 'annotations' / 'val.csv'
    lines = csv.read_text().splitlines()
    first = lines[0].split(',')
    first[6] = '9'  # no such class
    csv.write_text('\n'.join([','.join(first)] + lines[1:]) + '\n')
    with pytest.warns(UserWarning, match=rf'{first[0]},{first[1]} \(label 9\)'):
        dataset = build(root)
    key = 'kin00000003_000000_000008,0004'
    index = next(i for i in range(len(dataset)) if dataset.get_data_info(i)['img_key'] == key)
    assert dataset.get_data_info(index)['shot_info'] == (1, 81)
    for frame in (root / 'rawframes' / key.split(',')[0]).glob('img_000[3-5]*.jpg'):
        frame.unlink()
    with pytest.raises(VideoDecodeError, match=f'video {key.split(",")[0]} at timestamp 4'):
        dataset[index]
