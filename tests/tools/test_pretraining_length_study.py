"""tools/analysis/pretraining_length_study.py: its clips and one tiny run."""
import json
import os.path as osp
import sys

import numpy as np
import torch

from tests.conftest import ROOT, run_tool

sys.path.insert(0, osp.join(ROOT, 'tools', 'analysis'))
from pretraining_length_study import DIRECTIONS, sprite_clip  # noqa: E402


def global_motion(clip: np.ndarray) -> np.ndarray:
    """(vx, vy) in pixels per frame: least squares of the brightness-constancy
    constraint gx vx + gy vy + gt = 0 over every pixel, channel and frame pair."""
    x = clip.astype(np.float64)
    gt = x[1:] - x[:-1]
    mid = (x[1:] + x[:-1]) / 2
    gy, gx = np.gradient(mid, axis=1), np.gradient(mid, axis=2)
    a = np.stack([gx.ravel(), gy.ravel()], 1)
    return np.linalg.lstsq(a, -gt.ravel(), rcond=None)[0]


def test_sprite_clips_move_in_their_class_direction():
    rng = np.random.RandomState(0)
    for label, direction in enumerate(DIRECTIONS):
        for _ in range(3):
            clip = sprite_clip(label, rng)
            assert clip.shape == (8, 32, 32, 3) and clip.dtype == np.uint8
            motion = global_motion(clip)
            axis = int(np.argmax(np.abs(motion)))
            assert direction[axis] != 0, (label, motion)
            assert np.sign(motion[axis]) == direction[axis], (label, motion)
            assert not (clip[0] == clip[-1]).all()  # the shapes move


def test_study_reports_losses_probes_and_finetuning(tmp_path):
    save = tmp_path / 'states.pth'
    proc = run_tool('tools/analysis/pretraining_length_study.py', '--steps', '3', '--eval-every',
                    '2', '--unlabelled', '16', '--finetune', '16:1', '--save', str(save))
    lines = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith('{')]
    losses = [r for r in lines if 'loss' in r]
    assert [r['step'] for r in losses] == [0, 2] and all(r['loss'] > 0 for r in losses)
    assert [r['step'] for r in lines if 'linear_top1' in r and 'step' in r] == [2]
    probes = {r['init']: r for r in lines if 'init' in r and 'knn_top1' in r}
    tuned = {r['init']: r for r in lines if 'finetune_top1' in r}
    assert set(probes) == set(tuned) == {'pretrained', 'random'}
    for r in [*probes.values(), *tuned.values()]:
        assert all(0 <= v <= 1 for k, v in r.items() if k.endswith('top1'))
    assert tuned['random']['labels'] == 16 and tuned['random']['epochs'] == 1
    states = torch.load(save)
    changed = [
        k for k in states['random'] if not torch.equal(states['random'][k], states['pretrained'][k])
    ]
    assert changed  # three steps moved the pre-trained backbone away from its initialisation
