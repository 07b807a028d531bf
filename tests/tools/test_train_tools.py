"""tools/train.py, tools/dist_train.sh (2 CPU processes), --resume, and errors."""
import glob
import json
import os.path as osp
import subprocess
import sys

import pytest
import torch

from tests.conftest import DEMO_PT_CONFIG, ROOT, run_dist_tool, run_tool

pytestmark = pytest.mark.slow  # make test-fast leaves these out


def write_config(tmp_path, data_dir, **overrides):
    lines = [
        f"_base_ = ['{DEMO_PT_CONFIG}']", f"data_root = '{data_dir}'",
        "train_dataloader = dict(dataset=dict("
        f"ann_file='{data_dir}/train.txt', data_prefix=dict(video='{data_dir}')))"
    ]
    lines += [f'{k} = {v}' for k, v in overrides.items()]
    path = tmp_path / 'cfg.py'
    path.write_text('\n'.join(lines) + '\n')
    return str(path)


def logged_losses(work_dir):
    [scalars] = glob.glob(osp.join(work_dir, '*', 'vis_data', 'scalars.json'))
    with open(scalars) as f:
        return [json.loads(line)['loss'] for line in f if '"loss"' in line]


def rank_param_hashes(work_dir, ranks=2):
    """The parameter hashes ParamSyncCheckHook wrote for each rank."""
    return [
        json.loads((work_dir / 'param_hashes' / f'rank{r}.json').read_text()) for r in range(ranks)
    ]


def test_dist_train_two_cpu_processes(synthetic_data, tmp_path):
    cfg = write_config(
        tmp_path,
        synthetic_data,
        custom_hooks="[dict(type='ParamSyncCheckHook')]",
        train_cfg='dict(max_epochs=6)',
        default_hooks='dict(logger=dict(interval=1))')
    work_dir = tmp_path / 'work'
    run_dist_tool('dist_train.sh', cfg, '2', '--work-dir', str(work_dir))
    # both ranks end with identical weights (hashes written by each rank)
    hashes = rank_param_hashes(work_dir)
    assert len(hashes[0]) > 10 and hashes[0] == hashes[1]
    assert (work_dir / 'epoch_6.pth').is_file()
    losses = logged_losses(work_dir)
    assert len(losses) == 12  # 16 videos / (4 per process x 2 processes) x 6
    assert sum(losses[-3:]) / 3 < sum(losses[:3]) / 3  # the loss falls


def test_flexible_runner_with_ddp_strategy(synthetic_data, tmp_path):
    """runner_type / strategy are MMEngine's FSDP / DeepSpeed switch: they must
    reach MMEngine (FlexibleRunner + DDPStrategy on 2 CPU processes here), and
    the checkpoint it writes (DDP ``module.`` keys) must load back."""
    from mmaction.registry import MODELS
    from mmengine.config import Config

    from vmae2_mmaction.checkpoint import load_checkpoint
    cfg = write_config(
        tmp_path,
        synthetic_data,
        runner_type="'FlexibleRunner'",  # DDPStrategy by default
        custom_hooks="[dict(type='ParamSyncCheckHook')]",
        train_cfg='dict(max_epochs=1)')
    work_dir = tmp_path / 'work'
    run_dist_tool('dist_train.sh', cfg, '2', '--work-dir', str(work_dir))
    hashes = rank_param_hashes(work_dir)
    assert len(hashes[0]) > 10 and hashes[0] == hashes[1]
    ckpt = str(work_dir / 'epoch_1.pth')
    saved = torch.load(ckpt, weights_only=True)['state_dict']
    assert all(k.startswith('module.') for k in saved)  # DDPStrategy's, not Runner's
    model = MODELS.build(Config.fromfile(cfg).model)
    report = load_checkpoint(model, ckpt)
    assert not any(v for k, v in report.items() if k != 'format')


def test_gpu_only_strategy_without_gpu_is_a_clear_error():
    from mmengine.config import Config

    from vmae2_mmaction.engine import ConfigError, prepare_launcher
    if torch.cuda.is_available():
        pytest.skip('this machine has a GPU')
    cfg = Config(
        dict(launcher='pytorch', runner_type='FlexibleRunner', strategy=dict(type='FSDPStrategy')))
    with pytest.raises(ConfigError, match='FSDPStrategy needs CUDA GPUs'):
        prepare_launcher(cfg)


def test_cpu_launch_settings_are_written_into_the_config():
    """Also into keys the config lacks (Config.setdefault would return a copy)."""
    from mmengine.config import Config

    from vmae2_mmaction.engine import prepare_launcher
    if torch.cuda.is_available():
        pytest.skip('this machine has a GPU')
    cpu_ddp = dict(
        type='CPUDistributedDataParallel', broadcast_buffers=False, find_unused_parameters=False)
    cfg = Config(dict(launcher='slurm', runner_type='FlexibleRunner'))
    prepare_launcher(cfg)  # slurm: no process group is started here
    assert cfg.strategy == dict(type='DDPStrategy', model_wrapper=cpu_ddp)
    assert cfg.env_cfg == dict(dist_cfg=dict(backend='gloo'))
    cfg = Config(dict(launcher='slurm', env_cfg=dict(dist_cfg=dict(timeout=5))))
    prepare_launcher(cfg)
    assert cfg.model_wrapper_cfg == cpu_ddp
    assert cfg.env_cfg == dict(dist_cfg=dict(timeout=5, backend='gloo'))


def test_ddp_strategy_without_launcher_is_a_clear_error(tmp_path):
    cfg = tmp_path / 'cfg.py'
    cfg.write_text(f"_base_ = ['{DEMO_PT_CONFIG}']\nrunner_type = 'FlexibleRunner'\n"
                   "strategy = dict(type='DDPStrategy')\n")
    proc = run_tool('tools/train.py', str(cfg), '--work-dir', str(tmp_path / 'w'), check=False)
    assert proc.returncode != 0
    assert 'DDPStrategy needs a distributed launch' in proc.stderr


def test_resume_continues_training(synthetic_data, tmp_path):
    cfg = write_config(tmp_path, synthetic_data)
    work_dir = str(tmp_path / 'work')
    run_tool('tools/train.py', cfg, '--work-dir', work_dir, '--cfg-options',
             'train_cfg.max_epochs=1')
    proc = run_tool('tools/train.py', cfg, '--work-dir', work_dir, '--resume', '--cfg-options',
                    'train_cfg.max_epochs=2')
    assert 'resumed epoch: 1, iter: 4' in proc.stdout + proc.stderr
    ckpt = torch.load(osp.join(work_dir, 'epoch_2.pth'), weights_only=True)
    assert ckpt['meta']['epoch'] == 2 and ckpt['meta']['iter'] == 8
    assert 'optimizer' in ckpt and 'message_hub' in ckpt


def test_unknown_config_key_is_a_clear_error(tmp_path):
    proc = run_tool(
        'tools/train.py',
        DEMO_PT_CONFIG,
        '--work-dir',
        str(tmp_path),
        '--cfg-options',
        'train_cfgg.max_epochs=1',
        check=False)
    assert proc.returncode != 0
    assert "unknown config key 'train_cfgg'" in proc.stderr
    assert 'Traceback' not in proc.stderr


def test_missing_config_is_a_clear_error(tmp_path):
    proc = run_tool('tools/train.py', str(tmp_path / 'nope.py'), check=False)
    assert proc.returncode != 0 and 'config file not found' in proc.stderr


def test_tool_outside_environment(tmp_path):
    # -S: no site-packages, as a bare interpreter without the project's venv
    proc = subprocess.run([sys.executable, '-S', 'tools/train.py', DEMO_PT_CONFIG],
                          cwd=ROOT,
                          capture_output=True,
                          text=True,
                          timeout=60)
    assert proc.returncode != 0  # the package (or, on PYTHONPATH, its dependencies) not found
    assert 'ModuleNotFoundError: No module named' in proc.stderr


NODECMASK = 'configs/pretrain/vit-base-p16_videomaev2-pt-nodecmask_32xb32-16x4x1-200e_k400.py'
RUNCELL = 'configs/pretrain/vit-base-p16_videomaev2-pt_32xb32-16x4x1-200e_k400.py'


@pytest.mark.parametrize('config,paper,plugin', [(NODECMASK, '35.48', '33.82'),
                                                 (RUNCELL, '25.87', '24.21')])
def test_flops_match_paper(config, paper, plugin):
    """ViT-B pre-training FLOPs (fvcore, batch 1, 16x224, decoder depth 4).

    The paper's table counts the reference, which embeds every tubelet before
    dropping the masked ones; the plugin by default embeds only the visible
    ones, 1.66 GFLOPs less, with the same outputs.
    """
    proc = run_tool('tools/analysis/flops.py', config, '--cfg-options',
                    'model.backbone.embed_visible_only=False')
    assert proc.stdout.strip().splitlines()[-1] == f'GFLOPs={paper}'
    proc = run_tool('tools/analysis/flops.py', config)
    assert proc.stdout.strip().splitlines()[-1] == f'GFLOPs={plugin}'


@pytest.mark.parametrize('model_only', [False, pytest.param(True, marks=pytest.mark.slow)])
def test_benchmark_prints_json(synthetic_data, model_only):
    proc = run_tool('tools/analysis/benchmark.py', DEMO_PT_CONFIG, '--mode', 'train', '--batch',
                    '2', '--iters', '2', '--warmup', '1', '--peak', '0.001',
                    *(['--model-only'] if model_only else []))
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert {'step_s', 'peak_rss_mb', 'clips_per_s'} <= set(result)
    assert result['step_s'] > 0 and result['peak_rss_mb'] > 0
    assert result['model_only'] is model_only
    # the demo model: 0.11 GFLOPs (multiply-adds) a clip forward at 16x64x64
    assert result['gflops_per_clip'] == pytest.approx(0.11, abs=0.006)
    tflops = 6 * result['gflops_per_clip'] * result['clips_per_s'] / 1e3
    assert result['tflops'] == pytest.approx(tflops, rel=0.1)
    assert result['mfu'] == pytest.approx(result['tflops'] / 0.001, rel=1e-3)


DEMO_FT_CONFIG = osp.join(ROOT, 'configs/demo/vit-tiny-p8_videomaev2-ft_16x2x1-30e_synthetic.py')


def test_benchmark_extract_mode_counts_frames_and_clips_as_the_extractor():
    """--mode extract on a real video: frames from the config's open transform,
    one clip every 4 frames, as tools/extract_features.py extracts them."""
    from tests.conftest import real_video
    proc = run_tool('tools/analysis/benchmark.py', DEMO_FT_CONFIG, '--mode', 'extract', '--video',
                    real_video('bikes.mp4'), '--batch', '16', '--iters', '1', '--warmup', '0',
                    '--no-flops')
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert (result['frames'], result['clips']) == (250, (250 - 16) // 4 + 1)
    assert result['clips_per_s'] > 0


def test_test_tool_on_two_processes_with_dump(synthetic_data, tmp_path):
    """train.py a recognizer for one epoch, then dist_test.sh (2 CPU
    processes) with --dump: metrics printed, one prediction per video."""
    import pickle
    data = [
        f'{split}_dataloader.dataset.{key}' for split in ('train', 'val', 'test')
        for key in ('ann_file', 'data_prefix.video')
    ]
    options = []
    for key in data:
        split = 'train' if key.startswith('train') else 'val'
        options.append(f'{key}={synthetic_data}/{split}.txt' if 'ann_file' in
                       key else f'{key}={synthetic_data}')
    work_dir = tmp_path / 'work'
    run_tool('tools/train.py', DEMO_FT_CONFIG, '--work-dir', str(work_dir), '--cfg-options',
             'train_cfg.max_epochs=1', *options)
    dump = tmp_path / 'preds.pkl'
    proc = run_dist_tool('dist_test.sh',
                         DEMO_FT_CONFIG, str(work_dir / 'epoch_1.pth'), '2', '--work-dir',
                         str(tmp_path / 'test'), '--dump', str(dump), '--cfg-options', *options[2:])
    assert 'acc/top1' in proc.stdout + proc.stderr
    with open(dump, 'rb') as f:
        predictions = pickle.load(f)
    assert len(predictions) == 8  # every val video once
    assert predictions[0]['pred_score'].shape == (4, )


def test_test_tool_missing_checkpoint(tmp_path):
    proc = run_tool('tools/test.py', DEMO_FT_CONFIG, str(tmp_path / 'none.pth'), check=False)
    assert proc.returncode != 0 and 'checkpoint not found' in proc.stderr


def golden_recognizer_config(tmp_path, data_dir):
    """The demo fine-tuning config shaped like the golden fine-tuned model."""
    path = tmp_path / 'golden_cfg.py'
    path.write_text(f"""_base_ = ['{DEMO_FT_CONFIG}']
model = dict(
    backbone=dict(arch=dict(_delete_=True, embed_dims=64, num_layers=2, num_heads=4),
                  img_size=96, patch_size=16),
    cls_head=dict(num_classes=10, in_channels=64))
test_pipeline = [
    dict(type='DecordInit'),
    dict(type='SampleFrames', clip_len=16, frame_interval=2, num_clips=1, test_mode=True),
    dict(type='DecordDecode'),
    dict(type='Resize', scale=(96, 96), keep_ratio=False),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs'),
]
test_dataloader = dict(dataset=dict(ann_file='{data_dir}/val.txt',
                                    data_prefix=dict(video='{data_dir}'),
                                    pipeline=test_pipeline))
""")
    return str(path)


def test_test_tool_loads_official_checkpoint(synthetic_data, tmp_path):
    """An official fine-tuned checkpoint (reference keys under 'module') is
    converted in memory and tested; a misfit is named, key and shapes."""
    import os.path as osp

    from tests.conftest import GOLDEN
    fx = torch.load(osp.join(GOLDEN, 'finetune_p16_tiny.pt'), weights_only=True)
    cfg = golden_recognizer_config(tmp_path, synthetic_data)
    official = tmp_path / 'official.pth'
    torch.save({'module': {k: v.float() for k, v in fx['state_dict'].items()}}, official)
    proc = run_tool('tools/test.py', cfg, str(official), '--work-dir', str(tmp_path / 'w'))
    assert 'acc/top1' in proc.stdout + proc.stderr
    assert not (tmp_path / 'w' / 'converted').exists()  # converted in memory

    wrong = {k: v.float() for k, v in fx['state_dict'].items()}
    wrong['head.weight'], wrong['head.bias'] = torch.zeros(7, 64), torch.zeros(7)
    torch.save({'module': wrong}, official)
    proc = run_tool(
        'tools/test.py', cfg, str(official), '--work-dir', str(tmp_path / 'w2'), check=False)
    assert proc.returncode != 0
    assert 'cls_head.fc_cls.weight: checkpoint (7, 64) vs model (10, 64)' in proc.stderr
