"""vmae2_mmaction.engine.config: checkpoints given as load_from."""
import pytest
import torch


def test_foreign_checkpoint_keys_renamed_in_memory_when_mmengine_loads_it():
    """PluginKeysHook renames an official checkpoint's keys in the dict MMEngine
    has read, before it loads them; a plugin checkpoint passes unchanged."""
    from vmae2_mmaction.engine.hooks import PluginKeysHook
    hook = PluginKeysHook()
    official = {
        'module': {
            'patch_embed.proj.weight': torch.ones(2),
            'head.bias': torch.ones(3),
            'pos_embed': torch.zeros(1)
        }
    }
    hook.after_load_checkpoint(None, official)
    assert sorted(
        official['state_dict']) == ['backbone.patch_embed.proj.weight', 'cls_head.fc_cls.bias']
    plugin = {'state_dict': {'backbone.patch_embed.proj.weight': torch.ones(2)}, 'meta': {}}
    hook.after_load_checkpoint(None, plugin)
    assert list(plugin['state_dict']) == ['backbone.patch_embed.proj.weight']


def test_check_fits_a_model_config_as_flexible_runner_holds_it():
    """FlexibleRunner builds its model only in train()/test(): the check builds
    the config on the meta device and still names every misfit."""
    from mmaction.registry import MODELS

    from vmae2_mmaction.engine.config import check_fits
    model_cfg = dict(
        type='Recognizer3D',
        backbone=dict(
            type='VideoMAEv2ViT',
            img_size=32,
            num_frames=4,
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


def test_cfg_options_may_add_runner_keys_but_not_misspelt_ones():
    """A new top-level key the runners read may be given with its fields
    (``strategy.type=FSDPStrategy``); a misspelt key still stops with its name."""
    from mmengine.config import Config

    from vmae2_mmaction.engine.config import check_cfg_option_keys
    cfg = Config(dict(model=dict(type='X', depth=2), train_cfg=dict(max_epochs=1)))
    check_cfg_option_keys(cfg, {'runner_type': 'FlexibleRunner', 'strategy.type': 'FSDPStrategy'})
    check_cfg_option_keys(cfg, {'model.width': 3})  # a new argument of a registered type
    with pytest.raises(SystemExit, match="unknown config key 'strategyy'"):
        check_cfg_option_keys(cfg, {'strategyy.type': 'FSDPStrategy'})
    with pytest.raises(SystemExit, match="unknown config key 'train_cfg.max_epoch'"):
        check_cfg_option_keys(cfg, {'train_cfg.max_epoch': 2})
