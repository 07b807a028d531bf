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


def test_check_fits_a_model_config_as_flexible_runner_holds_it():
    """FlexibleRunner builds its model only in train()/test(): the check builds
    the config on the meta device and still names every misfit."""
    from mmaction.registry import MODELS

    from vmae2_mmaction.engine.config import check_fits
    model_cfg = dict(type='Recognizer3D',
                     backbone=dict(type='VideoMAEv2ViT', img_size=32, num_frames=4,
                                   arch=dict(embed_dims=32, num_layers=1, num_heads=2),
                                   out_type='avg'),
                     cls_head=dict(type='VideoMAEv2Head', num_classes=5, in_channels=32))
    state_dict = MODELS.build(model_cfg).state_dict()
    check_fits(model_cfg, (state_dict, 'plugin'), 'ok.pth', strict=True)
    state_dict['cls_head.fc_cls.weight'] = torch.zeros(7, 32)
    del state_dict['backbone.fc_norm.bias']
    with pytest.raises(SystemExit) as error:
        check_fits(model_cfg, (state_dict, 'plugin'), 'bad.pth', strict=True)
    message = str(error.value)
    assert 'missing keys (1): backbone.fc_norm.bias' in message
    assert 'cls_head.fc_cls.weight: checkpoint (7, 32) vs model (5, 32)' in message
