"""LayerDecayOptimWrapperConstructor: per-layer lr and no decay on 1-D
parameters, for a recognizer and for a backbone nested anywhere."""
import torch
from mmaction.registry import MODELS
from mmengine.optim import build_optim_wrapper

TINY = dict(embed_dims=64, num_layers=2, num_heads=4)


def recognizer():
    return MODELS.build(
        dict(
            type='Recognizer3D',
            backbone=dict(
                type='VideoMAEv2ViT',
                arch=TINY,
                img_size=32,
                num_frames=4,
                patch_size=16,
                out_type='avg'),
            cls_head=dict(type='VideoMAEv2Head', num_classes=10, in_channels=64)))


def test_layer_decay_groups():
    model = recognizer()
    optim = build_optim_wrapper(
        model,
        dict(
            optimizer=dict(type='AdamW', lr=1.0, weight_decay=0.05),
            constructor='LayerDecayOptimWrapperConstructor',
            paramwise_cfg=dict(layer_decay_rate=0.5)))
    lr_of, wd_of = {}, {}
    for group in optim.optimizer.param_groups:
        for name in group['param_names']:
            lr_of[name], wd_of[name] = group['lr'], group['weight_decay']
    L = 2
    assert lr_of['backbone.patch_embed.proj.weight'] == 0.5**(L + 1)
    assert lr_of['backbone.blocks.0.attn.qkv.weight'] == 0.5**L
    assert lr_of['backbone.blocks.1.mlp.fc1.weight'] == 0.5**(L - 1)
    assert lr_of['backbone.fc_norm.weight'] == lr_of['cls_head.fc_cls.weight'] == 1.0
    assert wd_of['backbone.blocks.0.attn.q_bias'] == 0  # 1-D
    assert wd_of['backbone.blocks.0.norm1.weight'] == 0
    assert wd_of['cls_head.fc_cls.bias'] == 0
    assert wd_of['backbone.blocks.0.attn.qkv.weight'] == 0.05
    assert len(lr_of) == len(list(model.parameters()))


def test_layer_decay_finds_nested_backbones():
    """Works by design wherever the backbone sits (e.g. inside a detector)."""

    class Wrapper(torch.nn.Module):

        def __init__(self):
            super().__init__()
            self.detector = torch.nn.Module()
            self.detector.backbone = recognizer().backbone
            self.extra = torch.nn.Linear(2, 2)

    optim = build_optim_wrapper(
        Wrapper(),
        dict(
            optimizer=dict(type='AdamW', lr=1.0, weight_decay=0.05),
            constructor='LayerDecayOptimWrapperConstructor',
            paramwise_cfg=dict(layer_decay_rate=0.5)))
    lrs = {n: g['lr'] for g in optim.optimizer.param_groups for n in g['param_names']}
    assert lrs['detector.backbone.patch_embed.proj.weight'] == 0.125
    assert lrs['extra.weight'] == 1.0
