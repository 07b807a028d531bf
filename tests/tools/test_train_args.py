"""tools/train.py's argument handling (AMP, resume) as MMAction2's."""
import importlib.util
import os.path as osp
import sys
from argparse import Namespace

from mmengine.config import Config

from tests.conftest import DEMO_PT_CONFIG, ROOT

sys.path.insert(0, osp.join(ROOT, 'tools'))
spec = importlib.util.spec_from_file_location('train_tool', osp.join(ROOT, 'tools/train.py'))
train_tool = importlib.util.module_from_spec(spec)
spec.loader.exec_module(train_tool)


def args(**kwargs):
    base = dict(config=DEMO_PT_CONFIG, work_dir=None, resume=None, amp=False,
                no_validate=False, auto_scale_lr=False, seed=None,
                deterministic=False)
    return Namespace(**dict(base, **kwargs))


def test_amp_selects_amp_optim_wrapper_with_loss_scaling():
    cfg = train_tool.merge_args(Config.fromfile(DEMO_PT_CONFIG), args(amp=True))
    assert cfg.optim_wrapper.type == 'AmpOptimWrapper'
    assert cfg.optim_wrapper.loss_scale == 'dynamic'
    assert cfg.optim_wrapper.clip_grad == dict(max_norm=1.0)  # kept


def test_resume_auto_and_path():
    cfg = train_tool.merge_args(Config.fromfile(DEMO_PT_CONFIG), args(resume='auto'))
    assert cfg.resume is True and cfg.load_from is None
    cfg = train_tool.merge_args(Config.fromfile(DEMO_PT_CONFIG), args(resume='x.pth'))
    assert cfg.resume is True and cfg.load_from == 'x.pth'


def test_default_work_dir_and_build_errors(tmp_path):
    import pytest

    from vmae2_mmaction.engine import build_runner, load_config
    cfg = load_config(DEMO_PT_CONFIG)
    assert cfg.work_dir == './work_dirs/vit-tiny-p8_videomaev2-pt_16x2x1-30e_synthetic'
    cfg = load_config(DEMO_PT_CONFIG, ['model.backbone.archh=1'], work_dir=str(tmp_path))
    assert cfg.work_dir == str(tmp_path)
    with pytest.raises(SystemExit, match="unexpected keyword argument 'archh'"):
        build_runner(cfg)
