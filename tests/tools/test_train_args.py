"""tools/train.py's argument handling (AMP, resume) as MMAction2's."""
import importlib.util
import os.path as osp
from argparse import Namespace

from mmengine.config import Config

from tests.conftest import DEMO_PT_CONFIG, ROOT

spec = importlib.util.spec_from_file_location('train_tool', osp.join(ROOT, 'tools/train.py'))
train_tool = importlib.util.module_from_spec(spec)
spec.loader.exec_module(train_tool)


def args(**kwargs):
    base = dict(
        config=DEMO_PT_CONFIG,
        work_dir=None,
        resume=None,
        amp=False,
        no_amp=False,
        no_validate=False,
        auto_scale_lr=False,
        seed=None,
        deterministic=False)
    return Namespace(**dict(base, **kwargs))


def test_amp_selects_amp_optim_wrapper_with_loss_scaling():
    cfg = train_tool.merge_args(Config.fromfile(DEMO_PT_CONFIG), args(amp=True))
    assert cfg.optim_wrapper.type == 'AmpOptimWrapper'
    assert cfg.optim_wrapper.loss_scale == 'dynamic'
    assert cfg.optim_wrapper.clip_grad == dict(max_norm=1.0)  # kept


FT_CONFIG = osp.join(
    ROOT, 'configs/finetune/vit-base-p16_videomaev2-hybrid-pt_32xb16-16x4x1-90e_k400.py')


def test_no_amp_gives_fp32_and_amp_without_gpu_is_a_clear_error():
    import pytest
    import torch
    cfg = Config.fromfile(FT_CONFIG)
    assert cfg.optim_wrapper.type == 'AmpOptimWrapper'  # the recipe's AMP
    if not torch.cuda.is_available():
        with pytest.raises(SystemExit, match='add --no-amp for fp32'):
            train_tool.check_amp_device(cfg)
    cfg = train_tool.merge_args(cfg, args(config=FT_CONFIG, no_amp=True))
    assert cfg.optim_wrapper.type == 'OptimWrapper' and 'loss_scale' not in cfg.optim_wrapper
    assert cfg.optim_wrapper.constructor == 'LayerDecayOptimWrapperConstructor'  # kept
    train_tool.check_amp_device(cfg)


def test_resume_auto_and_path():
    cfg = train_tool.merge_args(Config.fromfile(DEMO_PT_CONFIG), args(resume='auto'))
    assert cfg.resume is True and cfg.load_from is None
    cfg = train_tool.merge_args(Config.fromfile(DEMO_PT_CONFIG), args(resume='x.pth'))
    assert cfg.resume is True and cfg.load_from == 'x.pth'


def test_default_work_dir_and_build_errors(tmp_path):
    import pytest

    from vmae2_mmaction.engine import ConfigError, build_runner, load_config
    cfg = load_config(DEMO_PT_CONFIG)
    assert cfg.work_dir == './work_dirs/vit-tiny-p8_videomaev2-pt_16x2x1-30e_synthetic'
    cfg = load_config(DEMO_PT_CONFIG, ['model.backbone.archh=1'], work_dir=str(tmp_path))
    assert cfg.work_dir == str(tmp_path)
    with pytest.raises(ConfigError, match="unexpected keyword argument 'archh'"):
        build_runner(cfg)


def test_misspelt_pipeline_key_stops_before_the_run(tmp_path):
    """A key a transform does not take (num_fixd_crops) is named with its place
    in the pipeline and the keys the transform takes, before anything runs."""
    import pytest

    from vmae2_mmaction.engine import ConfigError, build_runner, load_config
    cfg = load_config(
        DEMO_PT_CONFIG, ['train_dataloader.dataset.pipeline.3.num_fixd_crops=13'],
        work_dir=str(tmp_path))
    with pytest.raises(ConfigError) as info:
        build_runner(cfg)
    message = str(info.value)
    assert message.startswith('train_dataloader (RepeatAugVideoDataset) '
                              'pipeline[3] (MultiScaleCrop) does not build')
    assert "unexpected keyword argument 'num_fixd_crops'" in message
    assert 'it takes: input_size, scales, max_wh_scale_gap, random_crop, num_fixed_crops' \
        in message
