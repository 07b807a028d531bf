"""tools/analysis/pretraining_length_study.py: one tiny run."""
import json

import torch

from tests.conftest import run_tool


def test_study_reports_losses_probes_and_finetuning(tmp_path):
    save = tmp_path / 'states.pth'
    proc = run_tool('tools/analysis/pretraining_length_study.py', '--steps', '3',
                    '--eval-every', '2', '--unlabelled', '16', '--finetune', '16:1', '--save',
                    str(save), '--tube-ratio', '0.5', '--decoder-layers', '1')
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
