"""vmae2_mmaction.engine.config: --cfg-options checked by name."""
import pytest


def test_cfg_options_may_add_runner_keys_but_not_misspelt_ones():
    """A new top-level key the runners read may be given with its fields
    (``strategy.type=FSDPStrategy``); a misspelt key still stops with its name."""
    from mmengine.config import Config

    from vmae2_mmaction.engine import ConfigError
    from vmae2_mmaction.engine.config import check_cfg_option_keys
    cfg = Config(dict(model=dict(type='X', depth=2), train_cfg=dict(max_epochs=1)))
    check_cfg_option_keys(cfg, {'runner_type': 'FlexibleRunner', 'strategy.type': 'FSDPStrategy'})
    check_cfg_option_keys(cfg, {'model.width': 3})  # a new argument of a registered type
    check_cfg_option_keys(cfg, {'model.init_cfg.checkpoint': 'a.pth'})  # ... holding a dict
    with pytest.raises(ConfigError, match="unknown config key 'strategyy'"):
        check_cfg_option_keys(cfg, {'strategyy.type': 'FSDPStrategy'})
    with pytest.raises(ConfigError, match="unknown config key 'train_cfg.max_epoch'"):
        check_cfg_option_keys(cfg, {'train_cfg.max_epoch': 2})
