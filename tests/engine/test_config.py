"""vmae2_mmaction.engine.config: foreign checkpoints converted once per node."""
import os
import threading

import pytest
import torch

from vmae2_mmaction.engine.config import plugin_checkpoint


def foreign_checkpoint(tmp_path):
    path = tmp_path / 'official.pth'
    torch.save({'patch_embed.proj.weight': torch.zeros(2)}, path)
    return str(path), ({'backbone.patch_embed.proj.weight': torch.zeros(2)},
                       'reference_finetune')


def test_local_rank_0_writes_once_and_atomically(tmp_path, monkeypatch):
    monkeypatch.delenv('LOCAL_RANK', raising=False)
    path, checkpoint = foreign_checkpoint(tmp_path)
    out = plugin_checkpoint(path, checkpoint, str(tmp_path / 'work'))
    assert os.listdir(os.path.dirname(out)) == [os.path.basename(out)]  # no temp left
    saved = torch.load(out, weights_only=True)
    assert saved['meta'] == dict(converted_from=path, source_format='reference_finetune')
    mtime = os.stat(out).st_mtime_ns
    assert plugin_checkpoint(path, checkpoint, str(tmp_path / 'work')) == out
    assert os.stat(out).st_mtime_ns == mtime  # reused, not rewritten
    assert plugin_checkpoint(path, ({}, 'plugin'), str(tmp_path / 'work')) == path


def test_other_local_ranks_wait_for_the_file(tmp_path, monkeypatch):
    path, checkpoint = foreign_checkpoint(tmp_path)
    monkeypatch.setenv('LOCAL_RANK', '0')
    expected = plugin_checkpoint(path, checkpoint, str(tmp_path / 'rank0'))
    monkeypatch.setenv('LOCAL_RANK', '1')
    work = tmp_path / 'work'
    out = work / 'converted' / os.path.basename(expected)

    def rank0_writes_later():
        out.parent.mkdir(parents=True)
        torch.save({}, out)

    writer = threading.Timer(1.0, rank0_writes_later)
    writer.start()
    assert plugin_checkpoint(path, checkpoint, str(work)) == str(out)
    writer.join()
    with pytest.raises(SystemExit, match='waited 1 s for local rank 0'):
        plugin_checkpoint(path, checkpoint, str(tmp_path / 'nobody'), timeout_s=1)
