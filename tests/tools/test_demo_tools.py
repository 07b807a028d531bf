"""The frozen-feature probe the demo runs (tools/analysis/probe.py)."""
import json

import pytest
import torch

from tests.conftest import DEMO_PT_CONFIG, run_tool

FT_CONFIG = 'configs/demo/vit-tiny-p8_videomaev2-ft_16x2x1-30e_synthetic.py'


@pytest.mark.slow
def test_probe_random_and_pretrained_backbones(synthetic_data, tmp_path):
    """k-NN and linear probe accuracies of the pooled features, from random
    weights and from a pre-training checkpoint (its `norm` is not used)."""
    from mmaction.registry import MODELS

    from vmae2_mmaction.engine import load_config
    pretrain = MODELS.build(load_config(DEMO_PT_CONFIG).model)
    ckpt = tmp_path / 'pt.pth'
    torch.save(dict(state_dict=pretrain.state_dict()), ckpt)
    lists = [
        '--train-list', f'{synthetic_data}/train.txt', '--test-list', f'{synthetic_data}/val.txt',
        '--data-root',
        str(synthetic_data), '--k', '3'
    ]
    results = []
    for extra in ([], ['--checkpoint', str(ckpt)]):
        proc = run_tool('tools/analysis/probe.py', FT_CONFIG, *lists, *extra)
        results.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    for result in results:
        assert (result['train'], result['test'], result['dims']) == (16, 8, 128)
        assert 0 <= result['knn_top1'] <= 1 and 0 <= result['linear_top1'] <= 1
    assert results[1]['checkpoint'] == str(ckpt)
    bad = run_tool(
        'tools/analysis/probe.py',
        FT_CONFIG,
        *lists,
        '--checkpoint',
        str(tmp_path / 'none.pth'),
        check=False)
    assert bad.returncode != 0 and 'checkpoint not found' in bad.stderr
