"""Recognition mode: the head, checkpoint initialisation, and
agreement with MMAction2's own VideoMAE ViT on the same weights."""
import os.path as osp

import pytest
import torch
from mmaction.registry import MODELS

from tests.conftest import GOLDEN
from tests.models.mmaction2_peer import mmaction2_tiny_vit
from vmae2_mmaction.checkpoint import CheckpointMismatchError, to_plugin

TINY = dict(embed_dims=64, num_layers=2, num_heads=4)


def recognizer(**backbone):
    return MODELS.build(
        dict(
            type='Recognizer3D',
            backbone=dict(
                dict(type='VideoMAEv2ViT', arch=TINY, img_size=96, out_type='avg'), **backbone),
            cls_head=dict(type='VideoMAEv2Head', num_classes=10, in_channels=64),
            data_preprocessor=dict(type='ActionDataPreprocessor', format_shape='NCTHW')))


def golden(name):
    return torch.load(osp.join(GOLDEN, name), weights_only=True)


def test_head_init_scale():
    torch.manual_seed(0)
    head = MODELS.build(
        dict(type='VideoMAEv2Head', num_classes=400, in_channels=768, dropout_ratio=0.5))
    head.init_weights()
    assert head.fc_cls.weight.abs().max() <= 2 * 0.001 + 1e-9  # trunc. at 2, x0.001
    assert 0.015e-3 < head.fc_cls.weight.std() < 0.025e-3
    assert head.dropout.p == 0.5


def test_same_features_as_mmaction2_vit():
    """The plugin backbone and MMAction2's VisionTransformer (vit_mae.py),
    loaded with the same (golden) weights, give the same features."""
    fx = golden('finetune_p16_tiny.pt')
    plugin_sd, _, _ = to_plugin(fx['state_dict'])
    plugin_sd = {k: v.float() for k, v in plugin_sd.items()}
    ours = recognizer().eval()
    ours.load_state_dict(plugin_sd)
    theirs = mmaction2_tiny_vit({
        k[len('backbone.'):]: v
        for k, v in plugin_sd.items() if k.startswith('backbone.')
    })
    video = fx['video'].float()
    with torch.no_grad():
        torch.testing.assert_close(ours.backbone(video), theirs(video), atol=1e-5, rtol=0)
        torch.testing.assert_close(ours.backbone(video), fx['features'], atol=1e-5, rtol=0)


def test_bf16_autocast_features_match_fp32():
    """Under bf16 autocast (CPU here; fp16/bf16 AMP on GPUs) the golden model
    gives features within bf16 rounding of the fp32 ones (fc_norm runs in fp32,
    as autocast runs layer norms)."""
    fx = golden('finetune_p16_tiny.pt')
    plugin_sd, _, _ = to_plugin(fx['state_dict'])
    model = recognizer().eval()
    model.load_state_dict({k: v.float() for k, v in plugin_sd.items()})
    video = fx['video'].float()
    with torch.no_grad(), torch.autocast('cpu', dtype=torch.bfloat16):
        feats = model.backbone(video)
    assert (feats - fx['features']).abs().max() > 1e-4  # bf16 matmuls did run
    torch.testing.assert_close(feats, fx['features'], atol=5e-2, rtol=5e-2)


def test_init_from_pretraining_checkpoint(tmp_path):
    """A plugin pre-training checkpoint initialises the recognition backbone:
    encoder loaded, decoder and `norm` left out, `fc_norm` fresh."""
    fx = golden('pretrain_p16_tiny.pt')
    sd, _, _ = to_plugin(fx['state_dict'])
    path = tmp_path / 'pt.pth'
    torch.save(dict(state_dict={k: v.float() for k, v in sd.items()}), path)
    model = recognizer(init_cfg=dict(type='VideoMAEv2Pretrained', checkpoint=str(path)))
    model.init_weights()
    torch.testing.assert_close(model.backbone.blocks[1].mlp.fc2.weight,
                               sd['backbone.blocks.1.mlp.fc2.weight'].float())
    assert torch.equal(model.backbone.fc_norm.weight, torch.ones(64))


def test_init_from_official_finetuned_checkpoint(tmp_path):
    fx = golden('finetune_p16_tiny.pt')
    path = tmp_path / 'official.pth'
    torch.save({'module': fx['state_dict']}, path)  # reference keys, top of 'module'
    model = recognizer(init_cfg=dict(type='VideoMAEv2Pretrained', checkpoint=str(path)))
    model.init_weights()
    torch.testing.assert_close(model.backbone.fc_norm.weight,
                               fx['state_dict']['fc_norm.weight'].float())


def test_init_with_wrong_arch_names_keys_and_shapes(tmp_path):
    fx = golden('pretrain_p14_tiny.pt')  # width 88, patch 14
    path = tmp_path / 'pt14.pth'
    torch.save({'model': fx['state_dict']}, path)
    model = recognizer(init_cfg=dict(type='VideoMAEv2Pretrained', checkpoint=str(path)))
    with pytest.raises(
            CheckpointMismatchError,
            match=r'patch_embed.proj.weight: checkpoint \(88, 3, 2, 14, 14\)'):
        model.init_weights()


def test_head_sliced_by_index_map(tmp_path):
    """A head of more classes (e.g. K710) initialises a smaller one (e.g.
    K400) through a JSON index map, as the reference does."""
    import json
    fx = golden('finetune_p16_tiny.pt')  # a 10-class head
    path = tmp_path / 'ft.pth'
    torch.save(fx['state_dict'], path)
    index_map = tmp_path / 'map.json'

    def head_through_map(rows):
        index_map.write_text(json.dumps(rows))
        return MODELS.build(
            dict(
                type='VideoMAEv2Head',
                num_classes=len(rows),
                in_channels=64,
                init_cfg=dict(
                    type='VideoMAEv2Pretrained',
                    checkpoint=str(path),
                    prefix='cls_head.',
                    index_map=str(index_map))))

    head = head_through_map([7, 0, 3, 3])
    head.init_weights()
    weight = fx['state_dict']['head.weight'].float()
    torch.testing.assert_close(head.fc_cls.weight, weight[[7, 0, 3, 3]])
    bad = head_through_map([12])
    with pytest.raises(CheckpointMismatchError, match='index 12 out of range'):
        bad.init_weights()
