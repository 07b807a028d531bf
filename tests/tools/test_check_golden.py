"""Every golden fixture of the reference implementation passes check_golden.py."""
import glob
import os.path as osp

import pytest
import torch

from tests.conftest import GOLDEN, run_tool

MODEL_FIXTURES = [
    f for f in sorted(glob.glob(osp.join(GOLDEN, '*.pt')))
    if torch.load(f, weights_only=True).get('kind') in ('pretrain', 'finetune')
]


def test_fixtures_present(golden_dir):
    assert len(MODEL_FIXTURES) >= 3


@pytest.mark.parametrize('fixture', MODEL_FIXTURES, ids=osp.basename)
def test_check_golden_passes(fixture):
    proc = run_tool('tools/check_golden.py', fixture)
    lines = proc.stdout.strip().splitlines()
    assert lines[-1] == 'PASS'
    assert any('max_abs_err' in line for line in lines)


def test_check_golden_fails_on_wrong_weights(tmp_path):
    fixture = torch.load(MODEL_FIXTURES[0], weights_only=True)
    key = next(k for k in fixture['state_dict'] if k.endswith('mlp.fc1.weight'))
    fixture['state_dict'][key] = fixture['state_dict'][key] * 1.01
    path = tmp_path / 'perturbed.pt'
    torch.save(fixture, path)
    proc = run_tool('tools/check_golden.py', str(path), check=False)
    assert proc.returncode == 1
    assert proc.stdout.strip().splitlines()[-1] == 'FAIL'
