import numpy as np
import pytest
from mmaction.registry import TRANSFORMS
from mmengine.dataset import Compose


def test_mask_transforms_pack_into_data_samples():
    """The token grid comes from the clip: 8 frames x 96 px at tubelet 2 and
    patch 16 is 4 x 6 x 6."""
    np.random.seed(0)
    pipeline = Compose([
        dict(type='TubeMasking', mask_ratio=0.75, patch_size=16, tubelet_size=2),
        dict(type='RunningCellMasking', mask_ratio=0.5, patch_size=16, tubelet_size=2),
        dict(type='PackActionInputs', algorithm_keys=('encoder_mask', 'decoder_mask')),
    ])
    imgs = np.zeros((1, 3, 8, 96, 96), np.float32)  # NCTHW after FormatShape
    out = pipeline(dict(imgs=imgs, label=0))
    sample = out['data_samples']
    enc, dec = np.asarray(sample.encoder_mask), np.asarray(sample.decoder_mask)
    assert enc.shape == dec.shape == (4 * 36, )
    assert enc.reshape(4, 36).sum(1).tolist() == [27] * 4
    assert dec.mean() == 0.5


def test_grid_from_frames_before_format_shape_and_per_clip_size():
    """A list of HxWx3 frames works as well; the grid follows each clip."""
    t = TRANSFORMS.build(dict(type='RunningCellMasking', patch_size=14, tubelet_size=2))
    frames = [np.zeros((224, 224, 3), np.uint8)] * 16
    assert t(dict(imgs=frames))['decoder_mask'].shape == (8 * 16 * 16, )
    clip = np.zeros((1, 3, 4, 28, 56), np.uint8)
    assert t(dict(imgs=clip))['decoder_mask'].shape == (2 * 2 * 4, )


def test_running_cell_phase_is_random_over_four():
    t = TRANSFORMS.build(
        dict(type='RunningCellMasking', mask_ratio=0.5, patch_size=16, tubelet_size=2))
    clip = np.zeros((1, 3, 4, 32, 32), np.uint8)
    np.random.seed(1)
    seen = {t(dict(imgs=clip))['decoder_mask'].tobytes() for _ in range(64)}
    assert len(seen) == 4


def test_mask_transform_checks_clip_size():
    t = TRANSFORMS.build(dict(type='TubeMasking', patch_size=16, tubelet_size=2))
    with pytest.raises(ValueError, match='does not divide into tubelets'):
        t(dict(imgs=np.zeros((1, 3, 16, 112, 100), np.float32)))


def test_patch_size_must_be_given():
    with pytest.raises(TypeError, match="patch_size"):
        TRANSFORMS.build(dict(type='TubeMasking'))
    with pytest.raises(ValueError, match="RunningCellMasking: patch_size must be the backbone's"):
        TRANSFORMS.build(dict(type='RunningCellMasking', patch_size=None, tubelet_size=2))


def test_every_pretraining_config_masks_its_backbone_token_grid():
    """The configs state the masks' patch and tubelet size beside the
    backbone's (stock Config.fromfile, nothing filled in): ViT-g's 14, the
    others' 16 (every source of the hybrid); mask_settings reads them back."""
    import glob

    from mmengine.config import Config

    from tests.conftest import ROOT
    from vmae2_mmaction.engine import dataset_configs, mask_settings
    paths = glob.glob(f'{ROOT}/configs/pretrain/*.py') + glob.glob(f'{ROOT}/configs/demo/*-pt_*.py')
    assert len(paths) == 18
    for path in paths:
        cfg = Config.fromfile(path)
        backbone = cfg.model.backbone
        patch = backbone.get('patch_size') or (14 if backbone.arch == 'g' else 16)
        masks = [
            t for ds in dataset_configs(cfg) for t in ds.pipeline
            if t.type in ('TubeMasking', 'RunningCellMasking')
        ]
        assert masks, path
        for m in masks:
            assert (m.patch_size, m.tubelet_size) == (patch, backbone.tubelet_size), path
    hybrid = Config.fromfile(
        f'{ROOT}/configs/pretrain/vit-giant-p14_videomaev2-pt_64xb32-16x4x1-300e_hybrid.py')
    assert len(list(dataset_configs(hybrid))) == 5
    masks = mask_settings(hybrid)
    assert (masks['encoder']['mask_ratio'], masks['decoder']['mask_ratio']) == (0.9, 0.5)
    ablation = Config.fromfile(
        f'{ROOT}/configs/pretrain/vit-base-p16_videomaev2-pt-nodecmask_32xb32-16x4x1-200e_k400.py')
    assert mask_settings(ablation)['decoder'] is None
