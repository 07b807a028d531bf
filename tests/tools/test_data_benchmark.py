import json
import os

import pytest

from tests.conftest import real_video, run_tool

pytestmark = pytest.mark.slow  # make test-fast leaves these out

PT_CONFIG = 'configs/pretrain/vit-base-p16_videomaev2-pt_32xb32-16x4x1-200e_k400.py'


def test_same_clips_both_sides_stages_and_decoders(tmp_path):
    out = tmp_path / 'result.json'
    proc = run_tool('tools/analysis/data_benchmark.py', PT_CONFIG, '--videos',
                    real_video('bikes.mp4'), '--clips', '2', '--passes', '1', '--decoders',
                    'decord', 'pyav-skip-loop-filter', '--out', str(out))
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert json.loads(out.read_text()) == result
    assert result['same_frame_indices_checked'] and result['processes'] == 1
    assert result['allocator_keeps_freed_memory']  # glibc here
    assert all(side['minor_page_faults_per_clip'] >= 0 for side in result.values()
               if isinstance(side, dict) and 'clips_per_s' in side)
    reference = result['mmaction2_default']
    assert reference['clips_per_decode'] == 1
    assert set(reference['ms_per_clip']) == {'open', 'sample', 'decode', 'augment'}
    for decoder in ('decord', 'pyav-skip-loop-filter'):
        side = result[f'dataset[{decoder}]']
        assert side['clips_per_decode'] == 4  # the 4 repeated samples of one decode
        assert set(side['ms_per_clip']) == {'open', 'sample', 'decode', 'augment', 'masks', 'pack'}
        assert side['x_mmaction2_default'] == round(side['clips_per_s'] / reference['clips_per_s'],
                                                    2)
    assert 35 < result['dataset[pyav-skip-loop-filter]']['psnr_db_vs_decord'] < 60
    assert 'psnr_db_vs_decord' not in result['dataset[decord]']


@pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason='needs 2 cores')
def test_one_pinned_process_a_core(sample_video):
    proc = run_tool('tools/analysis/data_benchmark.py', PT_CONFIG, '--videos', sample_video,
                    '--clips', '1', '--passes', '1', '--decoders', 'pyav', '--processes', '2')
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result['processes'] == 2 and sorted(result['cores']) == result['cores']
    assert len(set(result['cores'])) == 2
    assert result['dataset[pyav]']['clips_per_decode'] == 4


def test_too_many_processes_is_refused(sample_video):
    proc = run_tool(
        'tools/analysis/data_benchmark.py',
        PT_CONFIG,
        '--videos',
        sample_video,
        '--processes',
        '999',
        check=False)
    assert proc.returncode != 0 and '--processes 999: this process may use' in proc.stderr
