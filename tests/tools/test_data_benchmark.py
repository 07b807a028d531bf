import json

import pytest

from tests.conftest import run_tool

pytestmark = pytest.mark.slow  # make test-fast leaves these out

PT_CONFIG = 'configs/pretrain/vit-base-p16_videomaev2-pt_32xb32-16x4x1-200e_k400.py'


def test_data_benchmark_reports_stages_and_reference(sample_video):
    proc = run_tool('tools/analysis/data_benchmark.py', PT_CONFIG, '--videos', sample_video,
                    '--passes', '1', '--warmup', '0')
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    config, reference = result['config'], result['mmaction2_default']
    assert config['clips_per_video'] == 4  # the 4 repeated samples
    assert reference['clips_per_video'] == 1
    stages = config['stage_ms_per_video']
    assert set(stages) == {'open', 'seek+decode', 'crops+augmentation', 'masks', 'packing'}
    assert all(v > 0 for v in stages.values())
    assert result['clips_per_s_ratio'] == round(config['clips_per_s'] / reference['clips_per_s'], 2)


def test_data_benchmark_with_worker_processes(sample_video):
    proc = run_tool('tools/analysis/data_benchmark.py', PT_CONFIG, '--videos', sample_video,
                    '--passes', '2', '--warmup', '0', '--workers', '2', '--no-reference')
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result['workers'] == 2 and result['config']['clips_per_video'] == 4
    assert 'stage_ms_per_video' not in result['config']
