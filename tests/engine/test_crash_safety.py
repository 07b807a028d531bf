"""Nothing lost: a training run killed (SIGKILL) at random moments, most of
them while it writes checkpoints, always resumes from the newest checkpoint
written in full; a NaN stops the run before anything is saved from it."""
import os
import os.path as osp
import random
import re
import signal
import subprocess
import sys
import threading
import time

import pytest
import torch
from mmengine.hooks import Hook

from tests.conftest import ROOT, run_tool

SPRITES_PT = osp.join(ROOT,
                      'configs/demo/vit-tiny-p8_videomaev2-pt_8x1x1-375e_synthetic-sprites.py')


def one_step_epochs(data_dir, epochs) -> list:
    """--cfg-options: epochs of one step on two videos (the checkpoint written
    every epoch is most of the run's time: weights and AdamW state)."""
    head = (data_dir / 'train.txt').read_text().splitlines()[:2]
    (data_dir / 'two.txt').write_text('\n'.join(head) + '\n')
    return [
        f'train_dataloader.dataset.ann_file={data_dir}/two.txt',
        f'train_dataloader.dataset.data_prefix.video={data_dir}', 'train_dataloader.batch_size=2',
        'train_dataloader.num_workers=0', 'train_dataloader.persistent_workers=False',
        f'train_cfg.max_epochs={epochs}', 'default_hooks.checkpoint.interval=1',
        'default_hooks.logger.interval=1', 'param_scheduler.0.end=1',
        f'param_scheduler.1.T_max={epochs}', f'param_scheduler.1.end={epochs}'
    ]


class Run:
    """tools/train.py in a child process, its log lines collected as they come."""

    def __init__(self, args):
        self.lines = []
        self.proc = subprocess.Popen([sys.executable, 'tools/train.py', *args],
                                     cwd=ROOT,
                                     stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT,
                                     text=True,
                                     env=dict(os.environ, PYTHONUNBUFFERED='1'))
        self.reader = threading.Thread(target=lambda: self.lines.extend(self.proc.stdout))
        self.reader.start()

    def written(self) -> list:
        return [
            int(m[1]) for line in list(self.lines)
            for m in [re.search(r'checkpoint epoch_(\d+)\.pth written', line)] if m
        ]

    def kill(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()
        self.reader.join()


@pytest.mark.slow
def test_killed_at_random_moments_always_resumes_from_the_newest_whole_checkpoint(
        synthetic_data, tmp_path):
    work = tmp_path / 'work'
    options = one_step_epochs(synthetic_data, 1000)
    rng = random.Random(0)
    resumed_from, last_written = [], 0
    for attempt in range(4):
        run = Run([SPRITES_PT, '--work-dir', str(work), '--resume', '--cfg-options', *options])
        deadline = time.time() + 120
        while len(run.written()) < 2 and run.proc.poll() is None and time.time() < deadline:
            time.sleep(0.05)
        assert run.proc.poll() is None, ''.join(run.lines[-40:])
        time.sleep(rng.uniform(0, 0.6))  # somewhere in the next saves
        run.kill()
        log = ''.join(run.lines)
        if attempt:  # it resumed from the newest checkpoint written before the kill, or later
            epoch = int(re.search(r'resumed epoch: (\d+)', log)[1])
            resumed_from.append(epoch)
            assert epoch >= last_written, log[-3000:]
        last_written = max(run.written())
    assert len(resumed_from) == 3
    # what a kill leaves: whole checkpoints, the ones the newest lists (max_keep_ckpts=2,
    # and the outdated one if the kill came before its removal: the next resume removes
    # it), none left over from earlier kills; last_checkpoint names one of them; a
    # half-written .tmp file is removed by the next start
    kept = sorted((p for p in os.listdir(work) if p.startswith('epoch_') and p.endswith('.pth')),
                  key=lambda name: int(re.search(r'\d+', name)[0]))
    newest = torch.load(work / kept[-1], weights_only=False)
    listed = newest['message_hub']['runtime_info']['keep_ckpt_ids']
    assert kept == [f'epoch_{i}.pth' for i in listed if (work / f'epoch_{i}.pth').exists()]
    assert 2 <= len(listed) <= 3 and listed[-2:] == [listed[-1] - 1, listed[-1]]
    for name in kept[:-1]:
        torch.load(work / name, weights_only=True)
    assert osp.basename((work / 'last_checkpoint').read_text()) in kept


def test_resume_skips_a_damaged_checkpoint_naming_it(synthetic_data, tmp_path):
    work = tmp_path / 'work'
    options = one_step_epochs(synthetic_data, 3)
    run_tool('tools/train.py', SPRITES_PT, '--work-dir', str(work), '--cfg-options', *options)
    assert sorted(os.listdir(work)).count('epoch_3.pth') == 1
    damaged = work / 'epoch_3.pth'
    damaged.write_bytes(damaged.read_bytes()[:100000])  # a disk that lost its tail
    resumed = run_tool('tools/train.py', SPRITES_PT, '--work-dir', str(work), '--resume',
                       '--cfg-options', *options[:-5], 'train_cfg.max_epochs=4',
                       'default_hooks.checkpoint.interval=1', 'default_hooks.logger.interval=1',
                       'param_scheduler.0.end=1', 'param_scheduler.1.T_max=4',
                       'param_scheduler.1.end=4')
    log = resumed.stdout + resumed.stderr
    assert f'cannot resume from {damaged}, skipping it' in log and 'truncated zip' in log
    assert 'resumed epoch: 2' in log
    assert torch.load(work / 'epoch_4.pth', weights_only=True)['meta']['epoch'] == 4


class InjectNaNHook(Hook):
    """Sets one weight to NaN before iteration ``at`` (1-based)."""

    def __init__(self, at: int):
        self.at = at

    def before_train_iter(self, runner, batch_idx, data_batch=None):
        if runner.iter + 1 == self.at:
            with torch.no_grad():
                runner.model.backbone.blocks[0].attn.qkv.weight[0, 0] = float('nan')


def test_a_nan_stops_the_run_and_leaves_the_last_good_checkpoint(synthetic_data, tmp_path):
    from mmaction.registry import HOOKS
    HOOKS.register_module(module=InjectNaNHook, force=True)
    work = tmp_path / 'work'
    config = tmp_path / 'nan.py'
    config.write_text(f"_base_ = ['{SPRITES_PT}']\n"
                      "custom_hooks = [dict(type='InjectNaNHook', at=4)]\n")
    proc = run_tool(
        'tools/train.py',
        str(config),
        '--work-dir',
        str(work),
        '--cfg-options',
        *one_step_epochs(synthetic_data, 6),
        check=False)
    assert proc.returncode == 1
    message = proc.stderr.strip().splitlines()[-1]
    assert message.startswith('error: non-finite training loss at iteration 4 (epoch 4): loss=nan')
    assert f'the last checkpoint is {work}/epoch_3.pth' in message and 'lower lr' in message
    assert sorted(p for p in os.listdir(work)
                  if p.endswith('.pth')) == ['epoch_2.pth', 'epoch_3.pth']
    assert (work / 'last_checkpoint').read_text() == str(work / 'epoch_3.pth')
    for name in ('epoch_2.pth', 'epoch_3.pth'):
        state = torch.load(work / name, weights_only=True)['state_dict']
        assert all(torch.isfinite(v).all() for v in state.values() if v.is_floating_point())
