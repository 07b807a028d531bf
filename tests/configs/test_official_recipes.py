"""Every config with an official counterpart states the official recipe
(configs/official_recipes.json, written from the official scripts), so an edit
cannot drift from it silently."""
import glob
import json
import os.path as osp

import pytest
from mmengine.config import Config

from tests.conftest import ROOT
from vmae2_mmaction.engine import dataset_configs
from vmae2_mmaction.models.data_preprocessors.blending_classes import with_blending_classes

with open(osp.join(ROOT, 'configs', 'official_recipes.json')) as f:
    RECIPES = json.load(f)


def transforms(pipeline, name):
    return [t for t in pipeline if t['type'] == name]


def check_schedule(cfg, r):
    """lr, min lr, warm-up from 0, cosine to the end, epochs, AdamW, AMP."""
    optimizer = cfg.optim_wrapper.optimizer
    assert optimizer.type == 'AdamW'
    assert optimizer.lr == pytest.approx(r['lr'], rel=1e-12)
    assert optimizer.weight_decay == r['weight_decay']
    assert list(optimizer.betas) == r['betas']
    assert optimizer.get('eps', 1e-8) == 1e-8
    assert (cfg.optim_wrapper.get('clip_grad') or {}).get('max_norm') == r['clip_grad']
    assert (cfg.optim_wrapper.type == 'AmpOptimWrapper') == r['amp']
    warmup, cosine = cfg.param_scheduler
    assert warmup.type == 'LinearLR' and warmup.begin == 0
    assert warmup.start_factor <= 1e-6  # from 0 (MMEngine needs > 0)
    assert warmup.end == r['warmup_epochs'] and warmup.get('end_factor', 1.0) == 1.0
    assert cosine.type == 'CosineToMinLR' and cosine.begin == r['warmup_epochs']
    assert cosine.get('end', r['epochs']) == r['epochs']  # default: max_epochs
    assert cosine.get('T_max', r['epochs'] - r['warmup_epochs']) == \
        r['epochs'] - r['warmup_epochs']
    assert cosine.min_lr == r['min_lr']  # scaled like the lr (CosineToMinLR)
    for s in (warmup, cosine):
        assert s.by_epoch and s.convert_to_iter_based  # per iteration, as the official
    assert cfg.train_cfg.max_epochs == r['epochs']
    assert cfg.auto_scale_lr == dict(enable=True, base_batch_size=256)
    loader = cfg.train_dataloader
    assert loader.batch_size == r['batch_per_gpu'] and loader.drop_last


def check_name(path, r):
    name = osp.basename(path)
    assert f"xb{r['batch_per_gpu']}-" in name and f"-{r['epochs']}e_" in name
    if 'note' not in r:  # a script whose GPU count looks like a leftover
        assert f"_{r['gpus']}xb" in name


@pytest.mark.parametrize('name', sorted(RECIPES['pretrain']))
def test_pretrain_recipe(name):
    r = RECIPES['pretrain'][name]
    path = osp.join(ROOT, 'configs', 'pretrain', name)
    cfg = Config.fromfile(path)
    check_name(path, r)
    check_schedule(cfg, r)
    assert cfg.optim_wrapper.paramwise_cfg.custom_keys['mask_token'].decay_mult == 0
    backbone = cfg.model.backbone
    assert backbone.arch == r['arch']
    assert backbone.drop_path_rate == r['drop_path']
    assert backbone.with_cp == r['with_cp']
    assert cfg.model.neck.num_layers == r['decoder_depth']
    datasets = list(dataset_configs(cfg))
    assert len(datasets) == 5  # the hybrid's sources
    for ds in datasets:
        assert ds.num_repeats == r['num_repeats'] and ds.sample_once
        pipeline = ds.pipeline
        interval = r['ssv2_frame_interval'] if 'sthv2' in ds.ann_file else r['frame_interval']
        sample, = transforms(pipeline, 'SampleFrames')
        assert (sample.clip_len, sample.frame_interval, sample.num_clips) == (16, interval, 1)
        crop, = transforms(pipeline, 'MultiScaleCrop')
        assert crop.num_fixed_crops == r['num_fixed_crops'] and not crop.random_crop
        assert tuple(crop.scales) == (1, .875, .75, .66) and crop.input_size == 224
        assert not transforms(pipeline, 'Flip')
        tube, = transforms(pipeline, 'TubeMasking')
        cell, = transforms(pipeline, 'RunningCellMasking')
        assert (tube.mask_ratio, cell.mask_ratio) == (r['encoder_mask_ratio'],
                                                      r['decoder_mask_ratio'])


@pytest.mark.parametrize('name', sorted(RECIPES['finetune']))
def test_finetune_recipe(name):
    r = RECIPES['finetune'][name]
    path = osp.join(ROOT, 'configs', 'finetune', name)
    cfg = Config.fromfile(path)
    check_name(path, r)
    check_schedule(cfg, r)
    model = cfg.model
    assert model.backbone.arch == r['arch']
    assert model.backbone.drop_path_rate == r['drop_path']
    assert model.backbone.init_cfg.checkpoint.endswith(f"/{r['init']}.pth")
    assert model.cls_head.num_classes == r['num_classes']
    assert model.cls_head.dropout_ratio == r['head_dropout']
    assert model.cls_head.label_smooth_eps == r['label_smoothing']
    assert model.cls_head.init_scale == 0.001
    assert cfg.optim_wrapper.constructor == 'LayerDecayOptimWrapperConstructor'
    assert cfg.optim_wrapper.paramwise_cfg.layer_decay_rate == r['layer_decay']
    # the model gives Mixup / CutMix the head's classes (VideoMAEv2Recognizer)
    assert model.type == 'VideoMAEv2Recognizer'
    blending = with_blending_classes(model.data_preprocessor, model.cls_head.num_classes).blending
    assert [(a.type, a.alpha, a.num_classes)
            for a in blending.augments] == [('MixupBlending', r['mixup'], r['num_classes']),
                                            ('CutmixBlending', r['cutmix'], r['num_classes'])]
    assert blending.probs == [1 - r['mixup_switch_prob'], r['mixup_switch_prob']]
    train = cfg.train_dataloader.dataset
    assert train.num_repeats == r['num_repeats'] and train.sample_once
    sampler = 'SampleFrames' if r['sampling'] == 'dense' else 'UniformSample'
    sample, = transforms(train.pipeline, sampler)
    assert sample.clip_len == 16 and sample.num_clips == 1
    assert sample.get('frame_interval') == r['frame_interval']
    augment, = transforms(train.pipeline, 'VideoRandAugmentCrop')  # RandAugment, then the crop
    assert augment.config_str == r['rand_augment'] and augment.interpolation == 'bicubic'
    assert tuple(augment.area_range) == (0.08, 1.0)
    assert tuple(augment.aspect_ratio_range) == (3 / 4, 4 / 3)
    assert tuple(augment.scale) == (224, 224)  # then Resize to the input size
    erasing, = transforms(train.pipeline, 'ClipRandomErasing')
    assert erasing.erase_prob == r['random_erasing'] and erasing.mode == 'rand'
    norm = model.data_preprocessor  # 'pixel' mode: mean + std x N(0, 1)
    assert (erasing.fill_color, erasing.fill_std) == (norm.mean, norm.std)
    assert bool(transforms(train.pipeline, 'Flip')) == r['flip']
    test = cfg.test_dataloader.dataset.pipeline
    sample, = transforms(test, sampler)
    assert [sample.num_clips, len(transforms(test, 'ThreeCrop')) * 3] == r['test_views']
    assert sample.get('frame_interval') == r['frame_interval']
    val = cfg.val_dataloader.dataset.pipeline
    sample, = transforms(val, sampler)
    assert sample.num_clips == 1 and transforms(val, 'CenterCrop')


def test_table_covers_the_official_configs():
    """Every fine-tuning config has an official counterpart in the table, and
    the table names only configs that exist."""
    finetune = {osp.basename(p) for p in glob.glob(osp.join(ROOT, 'configs/finetune/*.py'))}
    assert finetune == set(RECIPES['finetune'])
    pretrain = {osp.basename(p) for p in glob.glob(osp.join(ROOT, 'configs/pretrain/*.py'))}
    assert set(RECIPES['pretrain']) <= pretrain
    assert {r['arch'] for r in RECIPES['pretrain'].values()} == set('blhg')


def official_schedule(lr, min_lr, epochs, warmup_epochs, iters_per_epoch):
    """The official utils.cosine_scheduler: linear warm-up from 0
    (np.linspace, end point included), then cosine from lr to min_lr."""
    import numpy as np
    warmup = np.linspace(0, lr, warmup_epochs * iters_per_epoch)
    steps = np.arange(epochs * iters_per_epoch - len(warmup))
    cosine = min_lr + 0.5 * (lr - min_lr) * (1 + np.cos(np.pi * steps / len(steps)))
    return np.concatenate([warmup, cosine])


@pytest.mark.parametrize('group,name', [
    ('pretrain', 'vit-giant-p14_videomaev2-pt_64xb32-16x4x1-300e_hybrid.py'),
    ('finetune', 'vit-giant-p14_videomaev2-k710-ft_32xb3-16x4x1-3e_k400.py'),
])
def test_lr_follows_the_official_schedule(group, name):
    """The config's schedulers, built as MMEngine's runner builds them (``end``
    defaults to max_epochs), give the official per-iteration lr at the
    official total batch (auto_scale_lr: x total batch / 256)."""
    import numpy as np
    import torch
    from mmengine.registry import PARAM_SCHEDULERS
    r = RECIPES[group][name]
    cfg = Config.fromfile(osp.join(ROOT, 'configs', group, name))
    scale = r['gpus'] * r['batch_per_gpu'] / cfg.auto_scale_lr.base_batch_size
    epochs, iters_per_epoch = r['epochs'], 3
    param = torch.nn.Parameter(torch.zeros(1))
    optimizer = torch.optim.SGD([param], lr=cfg.optim_wrapper.optimizer.lr)
    for group in optimizer.param_groups:  # auto_scale_lr, as MMEngine's runner does it
        group['lr'] *= scale
    schedulers = [
        PARAM_SCHEDULERS.build(
            dict(s, end=s.get('end', epochs))
            | dict(optimizer=optimizer, epoch_length=iters_per_epoch)) for s in cfg.param_scheduler
    ]
    expected = official_schedule(r['lr'] * scale, r['min_lr'] * scale, epochs, r['warmup_epochs'],
                                 iters_per_epoch)
    got = []
    for _ in range(epochs * iters_per_epoch):
        got.append(optimizer.param_groups[0]['lr'])
        optimizer.step()
        for s in schedulers:
            s.step()
    # warm-up starts at lr x 1e-8 instead of 0: a difference of at most that
    np.testing.assert_allclose(got, expected, rtol=1e-9, atol=r['lr'] * scale * 1e-8)
