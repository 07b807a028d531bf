"""AtomicCheckpointHook on a toy model: what a kill between two steps of a
save leaves, and what the next ``--resume`` makes of it."""
import os

import pytest
import torch
from mmengine.model import BaseModel
from mmengine.runner import Runner

from vmae2_mmaction.engine.hooks import atomic_checkpoint_hook
from vmae2_mmaction.engine.hooks.atomic_checkpoint_hook import AtomicCheckpointHook


class Toy(BaseModel):

    def __init__(self):
        super().__init__()
        self.linear = torch.nn.Linear(2, 1)

    def forward(self, inputs, mode='loss'):
        return dict(loss=self.linear(inputs).pow(2).mean())


class Killed(BaseException):
    """Stands for a SIGKILL: nothing after it runs."""


def train(work_dir, epochs, resume=False):
    runner = Runner(
        model=Toy(),
        work_dir=str(work_dir),
        train_dataloader=dict(
            dataset=[dict(inputs=torch.ones(2))] * 2,
            sampler=dict(type='DefaultSampler', shuffle=False),
            collate_fn=dict(type='default_collate'),
            batch_size=2),
        optim_wrapper=dict(optimizer=dict(type='SGD', lr=0.1)),
        train_cfg=dict(by_epoch=True, max_epochs=epochs),
        default_hooks=dict(checkpoint=AtomicCheckpointHook(interval=1, max_keep_ckpts=2)),
        resume=resume,
        default_scope='mmaction')
    runner.train()


def checkpoints(work_dir) -> list:
    return sorted(p for p in os.listdir(work_dir) if p.endswith('.pth'))


def test_a_kill_before_the_outdated_checkpoint_is_removed_is_made_good_on_resume(
        tmp_path, monkeypatch):
    write = atomic_checkpoint_hook.write_text_durably

    def killed_after_epoch_3_is_in_place(path, text):
        if text.endswith('epoch_3.pth'):
            raise Killed
        write(path, text)

    monkeypatch.setattr(atomic_checkpoint_hook, 'write_text_durably',
                        killed_after_epoch_3_is_in_place)
    with pytest.raises(Killed):
        train(tmp_path, epochs=5)
    assert checkpoints(tmp_path) == ['epoch_1.pth', 'epoch_2.pth', 'epoch_3.pth']
    monkeypatch.setattr(atomic_checkpoint_hook, 'write_text_durably', write)

    train(tmp_path, epochs=4, resume=True)
    assert checkpoints(tmp_path) == ['epoch_3.pth', 'epoch_4.pth']
    assert (tmp_path / 'last_checkpoint').read_text() == str(tmp_path / 'epoch_4.pth')


def test_a_half_written_checkpoint_is_removed_and_the_last_whole_one_resumed(tmp_path, monkeypatch):
    replace = atomic_checkpoint_hook.replace_durably

    def killed_while_writing_epoch_3(tmp, final):
        if final.endswith('epoch_3.pth'):
            raise Killed
        replace(tmp, final)

    monkeypatch.setattr(atomic_checkpoint_hook, 'replace_durably', killed_while_writing_epoch_3)
    with pytest.raises(Killed):
        train(tmp_path, epochs=5)
    assert checkpoints(tmp_path) == ['epoch_1.pth', 'epoch_2.pth']
    assert (tmp_path / 'epoch_3.pth.tmp').exists()
    monkeypatch.setattr(atomic_checkpoint_hook, 'replace_durably', replace)

    train(tmp_path, epochs=3, resume=True)
    assert checkpoints(tmp_path) == ['epoch_2.pth', 'epoch_3.pth']
    assert not (tmp_path / 'epoch_3.pth.tmp').exists()
    assert torch.load(tmp_path / 'epoch_3.pth', weights_only=True)['meta']['epoch'] == 3
