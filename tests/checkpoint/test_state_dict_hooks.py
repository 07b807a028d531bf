"""Checkpoints load the same through every entry point: the plugin's models
convert and check the weights when they are loaded (checkpoint.state_dict_hooks)."""
import os.path as osp

import pytest
import torch
from mmengine.config import Config

from tests.conftest import GOLDEN
from vmae2_mmaction.apis import official_finetune_model_cfg
from vmae2_mmaction.checkpoint import CheckpointMismatchError, to_mmaction2, to_plugin


@pytest.fixture(scope='module')
def fixture():
    """The reference's fine-tuned model: weights (official keys), video, logits."""
    fx = torch.load(osp.join(GOLDEN, 'finetune_p16_tiny.pt'), weights_only=True)
    fx['state_dict'] = {k: v.float() for k, v in fx['state_dict'].items()}
    return fx


def config(fx) -> Config:
    return Config(dict(model=official_finetune_model_cfg(fx['kwargs'])))


def save(path, checkpoint) -> str:
    torch.save(checkpoint, path)
    return str(path)


def test_init_recognizer_with_an_official_checkpoint_gives_the_reference_logits(tmp_path, fixture):
    from mmaction.apis import init_recognizer
    path = save(tmp_path / 'official.pth', {'module': fixture['state_dict']})
    model = init_recognizer(config(fixture), path, device='cpu')
    with torch.no_grad():
        logits = model.cls_head(model.backbone(fixture['video'].float()))
    assert (logits - fixture['logits'].float()).abs().max().item() <= 1e-5


def test_every_format_through_every_entry_point_gives_the_same_weights(tmp_path, fixture):
    """Official, MMAction2 and plugin files through MMAction2's init_recognizer,
    MMEngine's load_checkpoint (what load_from and --resume run) and
    torch's load_state_dict; and the backbone through init_cfg."""
    from mmaction.apis import init_recognizer
    from mmaction.registry import MODELS
    from mmengine.runner import load_checkpoint
    plugin = to_plugin(fixture['state_dict'])[0]
    files = {
        'official': save(tmp_path / 'official.pth', {'module': fixture['state_dict']}),
        'mmaction2': save(tmp_path / 'mmaction2.pth', {'state_dict': to_mmaction2(plugin)}),
        'plugin': save(tmp_path / 'plugin.pth', {
            'state_dict': plugin,
            'meta': {}
        }),
    }
    loaded = []
    for fmt, path in files.items():
        loaded.append((f'init_recognizer {fmt}', init_recognizer(config(fixture), path, 'cpu')))
        model = MODELS.build(config(fixture).model)
        load_checkpoint(model, path, map_location='cpu')
        loaded.append((f'load_checkpoint {fmt}', model))
        model = MODELS.build(config(fixture).model)
        model.load_state_dict(torch.load(path)['state_dict' if fmt != 'official' else 'module'])
        loaded.append((f'load_state_dict {fmt}', model))
    for name, model in loaded:
        state = model.state_dict()
        assert state.keys() == plugin.keys(), name
        for key, value in plugin.items():
            assert torch.equal(state[key], value), (name, key)
    cfg = config(fixture)
    cfg.model.backbone.init_cfg = dict(type='VideoMAEv2Pretrained', checkpoint=files['official'])
    backbone = MODELS.build(cfg.model.backbone)
    backbone.init_weights()
    for key, value in backbone.state_dict().items():
        assert torch.equal(value, plugin[f'backbone.{key}']), key


def test_a_checkpoint_that_does_not_fill_the_model_is_refused_naming_the_keys(tmp_path, fixture):
    from mmaction.apis import init_recognizer
    official = fixture['state_dict']
    no_block = {k: v for k, v in official.items() if not k.startswith('blocks.1.')}
    with pytest.raises(CheckpointMismatchError) as error:
        init_recognizer(config(fixture), save(tmp_path / 'a.pth', {'module': no_block}), 'cpu')
    message = str(error.value)
    assert 'missing keys' in message and 'backbone.blocks.1.attn.qkv.weight' in message
    assert "init_cfg=dict(type='VideoMAEv2Pretrained'" in message  # the way to load part
    wider_head = dict(official, **{'head.weight': torch.zeros(7, official['head.weight'].shape[1])})
    with pytest.raises(CheckpointMismatchError, match=r'shape mismatch cls_head\.fc_cls\.weight'):
        init_recognizer(config(fixture), save(tmp_path / 'b.pth', {'module': wider_head}), 'cpu')
    extra = dict(official, **{'blocks.99.norm1.weight': torch.zeros(1)})
    with pytest.raises(CheckpointMismatchError, match=r'unexpected keys .*backbone\.blocks\.99'):
        init_recognizer(config(fixture), save(tmp_path / 'c.pth', {'module': extra}), 'cpu')


def test_a_backbone_in_a_foreign_model_takes_mmaction2_keys(fixture):
    """A model that is not the plugin's (e.g. an mmdet detector) holding the
    backbone: MMAction2's backbone keys are renamed where they reach it."""
    from mmaction.registry import MODELS
    plugin = to_plugin(fixture['state_dict'])[0]
    holder = torch.nn.Module()
    holder.backbone = MODELS.build(config(fixture).model.backbone)
    mmaction2 = {k: v for k, v in to_mmaction2(plugin).items() if k.startswith('backbone.')}
    assert 'backbone.patch_embed.projection.weight' in mmaction2
    holder.load_state_dict(mmaction2)
    for key, value in holder.state_dict().items():
        assert torch.equal(value, plugin[key]), key


def test_blending_takes_the_head_classes(fixture):
    from mmaction.registry import MODELS
    cfg = config(fixture).model
    classes = cfg.cls_head.num_classes
    cfg.data_preprocessor.blending = dict(
        type='RandomBatchAugment',
        augments=[dict(type='MixupBlending', alpha=0.8),
                  dict(type='CutmixBlending', alpha=1.0)])
    model = MODELS.build(cfg)
    assert [a.num_classes for a in model.data_preprocessor.blending.augments] == [classes] * 2
    cfg.data_preprocessor.blending.augments[1].num_classes = classes + 1
    with pytest.raises(ValueError, match=f'CutmixBlending has num_classes={classes + 1}'):
        MODELS.build(cfg)
