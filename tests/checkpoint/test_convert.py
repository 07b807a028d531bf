import os.path as osp

import pytest
import torch
from mmaction.registry import MODELS

from tests.conftest import GOLDEN, run_tool
from vmae2_mmaction.checkpoint import (CheckpointMismatchError, detect_format, load_checkpoint,
                                       to_plugin, unwrap_state_dict)


def golden_state_dict(name):
    return torch.load(osp.join(GOLDEN, name), weights_only=True)['state_dict']


@pytest.mark.parametrize('wrapper', ['model', 'module', 'state_dict', None])
def test_unwrap(wrapper):
    sd = {'a': torch.zeros(1)}
    assert unwrap_state_dict({wrapper: sd} if wrapper else sd) == sd


def test_unwrap_strips_a_ddp_prefix_on_every_key():
    sd = {'module.backbone.x': torch.zeros(1), 'module.cls_head.y': torch.ones(1)}
    assert list(unwrap_state_dict(dict(state_dict=sd))) == ['backbone.x', 'cls_head.y']
    mixed = {'module.a': torch.zeros(1), 'b': torch.zeros(1)}  # not a wrapper's
    assert list(unwrap_state_dict(mixed)) == ['module.a', 'b']


def test_reference_pretrain_keys():
    sd, fmt, dropped = to_plugin(golden_state_dict('pretrain_p16_tiny.pt'))
    assert fmt == 'reference_pretrain' and dropped == []
    assert 'backbone.blocks.0.attn.q_bias' in sd
    assert 'neck.encoder_to_decoder.weight' in sd and 'neck.mask_token' in sd
    assert 'neck.head.weight' in sd and 'neck.blocks.0.mlp.fc1.weight' in sd
    assert not any(k.startswith(('encoder', 'decoder')) for k in sd)


def test_reference_finetune_keys_and_position_table_dropped():
    ref = dict(golden_state_dict('finetune_p16_tiny.pt'))
    ref['pos_embed'] = torch.zeros(1, 288, 64)
    sd, fmt, dropped = to_plugin(ref)
    assert fmt == 'reference_finetune' and dropped == ['pos_embed']
    assert 'cls_head.fc_cls.weight' in sd and 'backbone.fc_norm.weight' in sd


def test_mmaction2_keys_round_trip():
    """MMAction2's vit_mae.py names -> plugin names."""
    plugin, _, _ = to_plugin(golden_state_dict('finetune_p16_tiny.pt'))
    mm = {}
    for k, v in plugin.items():
        k = k.replace('patch_embed.proj.', 'patch_embed.projection.')
        k = k.replace('mlp.fc1.', 'mlp.layers.0.0.').replace('mlp.fc2.', 'mlp.layers.1.')
        mm[k] = v
    assert detect_format(mm) == 'mmaction2'
    back, fmt, _ = to_plugin(mm)
    assert fmt == 'mmaction2' and back.keys() == plugin.keys()


def test_load_checkpoint_names_mismatches(tmp_path):
    model = MODELS.build(
        dict(
            type='Recognizer3D',
            backbone=dict(
                type='VideoMAEv2ViT',
                out_type='avg',
                img_size=96,
                arch=dict(embed_dims=64, num_layers=2, num_heads=4)),
            cls_head=dict(type='TimeSformerHead', num_classes=7, in_channels=64)))
    path = tmp_path / 'ft.pth'
    torch.save(golden_state_dict('finetune_p16_tiny.pt'), path)
    with pytest.raises(
            CheckpointMismatchError,
            match=r'cls_head.fc_cls.weight: checkpoint \(10, 64\) vs model \(7, 64\)'):
        load_checkpoint(model, str(path))


def test_convert_tool(tmp_path):
    src = tmp_path / 'official.pth'
    torch.save({'model': golden_state_dict('pretrain_p14_tiny.pt')}, src)
    dst = tmp_path / 'plugin.pth'
    proc = run_tool('tools/convert_checkpoint.py', str(src), str(dst), '--strict')
    assert 'reference_pretrain' in proc.stdout and 'patch 14' in proc.stdout
    converted = torch.load(dst, weights_only=True)
    assert converted['meta']['source_format'] == 'reference_pretrain'
    assert 'neck.head.weight' in converted['state_dict']


def test_convert_tool_reports_bad_keys(tmp_path):
    sd = dict(golden_state_dict('pretrain_p16_tiny.pt'))
    del sd['encoder.blocks.1.norm2.bias']
    sd['encoder.blocks.0.extra'] = torch.zeros(3)
    src = tmp_path / 'bad.pth'
    torch.save(sd, src)
    proc = run_tool(
        'tools/convert_checkpoint.py', str(src), str(tmp_path / 'o.pth'), '--strict', check=False)
    assert proc.returncode != 0
    assert 'backbone.blocks.1.norm2.bias' in proc.stdout
    assert 'backbone.blocks.0.extra' in proc.stdout
    assert not (tmp_path / 'o.pth').exists()
