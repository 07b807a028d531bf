"""AVAKineticsDetectionDataset: each sample samples frames inside its own video
(MMAction2's AVAKineticsDataset gives all samples the last line's range)."""
import pytest
from mmaction.datasets import AVAKineticsDataset
from mmaction.datasets.transforms import SampleAVAFrames

from vmae2_mmaction.datasets import AVAKineticsDetectionDataset

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
    args = dict(ann_file=str(tmp_path / 'train.csv'), exclude_file=None, pipeline=[],
                label_file=str(tmp_path / 'labels.pbtxt'), num_classes=2,
                data_prefix=dict(img=str(tmp_path)))
    sample = SampleAVAFrames(clip_len=16, frame_interval=4, test_mode=True)

    def frames(dataset):
        infos = [dataset.get_data_info(i) for i in range(len(dataset))]
        return {info['video_id']: sample(dict(info))['frame_inds'] for info in infos}

    ours, theirs = frames(AVAKineticsDetectionDataset(**args)), frames(AVAKineticsDataset(**args))
    # AVA at 1500 s: frame (1500 - 900) * 30 = 18000 of 27000; Kinetics at 19 s: 270 of 300
    assert ours[AVA_ID].min() > 17900 and ours[AVA_ID].max() < 18100
    assert ours[KINETICS_ID].min() > 200 and ours[KINETICS_ID].max() <= 301
    if last == 'kinetics':   # MMAction2 clamps the AVA clip into the first 10 s
        assert theirs[AVA_ID].max() <= 301
    else:                    # and gives the Kinetics clip the 15-minute range
        dataset = AVAKineticsDataset(**args)
        kinetics = next(dataset.get_data_info(i) for i in range(len(dataset))
                        if dataset.get_data_info(i)['video_id'] == KINETICS_ID)
        assert kinetics['shot_info'] == (1, 27001)
