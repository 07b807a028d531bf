"""Every shipped config loads with stock MMEngine (``Config.fromfile``: no
value filled in by the plugin), its model and datasets build, its model builds
at full size (on the meta device: parameter counts) and takes one real
training step at reduced depth and resolution."""
import copy
import glob
import os.path as osp

import pytest
import torch
from mmaction.registry import DATASETS, MODELS, TRANSFORMS
from mmengine.config import Config
from mmengine.optim import build_optim_wrapper

from tests.conftest import ROOT
from vmae2_mmaction.analysis import model_inputs_from_config
from vmae2_mmaction.engine import dataset_configs
from vmae2_mmaction.masking import TokenMasks
from vmae2_mmaction.models.data_preprocessors.blending_classes import with_blending_classes

CONFIGS = sorted(
    c for c in glob.glob(osp.join(ROOT, 'configs', '*', '*.py')) if '/_base_/' not in c)
PRETRAIN = [c for c in CONFIGS if '/pretrain/' in c]

# size: (published encoder parameters in M, encoder width, decoder width,
# patch, MLP ratio); published figures are rounded to whole millions.
SIZES = {
    'small': (22, 384, 192, 16, 4),
    'base': (86, 768, 384, 16, 4),
    'large': (304, 1024, 512, 16, 4),
    'huge': (632, 1280, 512, 16, 4),
    'giant': (1011, 1408, 512, 14, 48 / 11)
}


def fast_sample(paths):
    """Parameters for ``paths``, all but the first config of each architecture
    marked slow: the fast tier takes one per architecture, the full suite all."""
    seen, params = set(), []
    for path in paths:
        arch = osp.basename(path).split('_')[0]
        marks = () if arch not in seen else pytest.mark.slow
        seen.add(arch)
        params.append(pytest.param(path, marks=marks, id=osp.basename(path)))
    return params


def reduce_backbone(cfg, **extra) -> int:
    """Shrink the config's backbone to 2 blocks of its width, clips of 4
    frames at 2 x 2 patches; returns the patch size."""
    backbone = cfg.model.backbone
    patch = 14 if backbone.arch == 'g' else 16
    arch = dict(MODELS.get('VideoMAEv2ViT').arch_zoo[backbone.arch], num_layers=2)
    arch.pop('patch_size', None)
    backbone.update(arch=arch, patch_size=patch, img_size=2 * patch, num_frames=4, **extra)
    return patch


def model_and_fp32_optim_wrapper(cfg):
    """The config's model, initialised, and its optim wrapper in fp32 (the
    configs' AMP needs a GPU)."""
    model = MODELS.build(cfg.model)
    model.init_weights()
    optim_cfg = copy.deepcopy(cfg.optim_wrapper)
    optim_cfg.type = 'OptimWrapper'
    optim_cfg.pop('loss_scale')
    return model, build_optim_wrapper(model, optim_cfg)


def decoder_params(enc: int, d: int, patch: int, mlp_ratio: float, depth=4) -> int:
    """Parameters of the reference decoder, from its description."""
    hidden = int(d * mlp_ratio)
    block = (3 * d * d + 2 * d) + (d * d + d) + 4 * d + (2 * d * hidden + hidden + d)
    out = 3 * 2 * patch * patch
    return enc * d + d + depth * block + 2 * d + d * out + out


@pytest.mark.parametrize('path', CONFIGS, ids=lambda p: osp.relpath(p, ROOT))
def test_config_loads_and_its_model_and_datasets_build(path):
    """As MMAction2's own tools read it; the model at full size on the meta
    device (no weights read), every dataset without its annotation files
    (``lazy_init``), every transform of every pipeline."""
    cfg = Config.fromfile(path)
    assert cfg.default_scope == 'mmaction'
    assert cfg.custom_imports.imports == ['vmae2_mmaction']
    model = copy.deepcopy(cfg.model)
    for owner in (model, model.get('backbone'), model.get('cls_head')):
        if owner:
            owner.pop('init_cfg', None)
    if model.type == 'TeacherStudentRecognizer':  # its teacher loads weights when built
        return
    if model.get('data_preprocessor', {}).get('blending'):  # (Mixup cannot live on meta)
        model.data_preprocessor = MODELS.build(
            with_blending_classes(model.data_preprocessor, model.cls_head.num_classes))
    with torch.device('meta'):
        MODELS.build(model)
    for ds in dataset_configs(cfg):
        # (AVA datasets read their proposals when built: tested on real files elsewhere)
        DATASETS.build(
            dict(
                copy.deepcopy(ds),
                lazy_init=True,
                **dict.fromkeys([k for k in ('proposal_file', ) if k in ds])))
        for t in ds.pipeline:
            TRANSFORMS.build(copy.deepcopy(t))


@pytest.mark.parametrize('path', fast_sample(PRETRAIN))
def test_pretrain_model_full_size(path):
    cfg = Config.fromfile(path)
    with torch.device('meta'):
        model = MODELS.build(cfg.model)
    published, enc, dec, patch, mlp = SIZES[osp.basename(path).split('-')[1]]
    encoder = sum(p.numel() for p in model.backbone.parameters())
    assert encoder / 1e6 == pytest.approx(published, abs=0.7)
    assert sum(p.numel() for p in model.neck.parameters()) == decoder_params(enc, dec, patch, mlp)
    # the masks take the model's patch and tubelet size
    for ds in dataset_configs(cfg):
        for t in ds.pipeline:
            if t.type in ('TubeMasking', 'RunningCellMasking'):
                assert (t.patch_size, t.tubelet_size) == (patch, 2)
    # the schedule follows the reference: AdamW (0.9, 0.95), no decay on
    # 1-D params and the mask token, lr scaled by total batch / 256
    assert cfg.optim_wrapper.optimizer.betas == (0.9, 0.95)
    assert cfg.optim_wrapper.paramwise_cfg.custom_keys['mask_token'].decay_mult == 0
    assert cfg.auto_scale_lr == dict(enable=True, base_batch_size=256)


@pytest.mark.parametrize('path', fast_sample(PRETRAIN))
def test_pretrain_one_step_reduced(path):
    cfg = Config.fromfile(path)
    patch = reduce_backbone(cfg)
    cfg.model.neck.num_layers = 1
    model, optim = model_and_fp32_optim_wrapper(cfg)
    video, enc, dec = model_inputs_from_config(cfg, model, (4, 2 * patch, 2 * patch), batch=2)
    before = model.backbone.blocks[0].attn.qkv.weight.detach().clone()
    masks = TokenMasks.from_masks(enc, dec)
    loss = model.head.loss(model._forward(video, masks), video, masks)
    optim.update_params(loss['loss'])
    assert torch.isfinite(loss['loss'])
    assert not torch.equal(before, model.backbone.blocks[0].attn.qkv.weight)


FINETUNE = [c for c in CONFIGS if '/finetune/' in c]
CLASSES = dict(k400=400, k600=600, k710=710, ssv2=174, ucf101=101, hmdb51=51)


@pytest.mark.parametrize('path', fast_sample(FINETUNE))
def test_finetune_model_full_size(path):
    cfg = Config.fromfile(path)
    with torch.device('meta'):  # (the preprocessor's Mixup cannot live there)
        backbone = MODELS.build(dict(cfg.model.backbone, init_cfg=None))
        head = MODELS.build(cfg.model.cls_head)
    size = osp.basename(path).split('-')[1]
    published, enc = SIZES[size][:2]
    params = sum(p.numel() for p in backbone.parameters())
    assert params / 1e6 == pytest.approx(published, abs=0.7)
    data = osp.splitext(osp.basename(path))[0].split('_')[-1]
    assert head.fc_cls.weight.shape == (CLASSES[data], enc)
    blending = cfg.model.data_preprocessor.get('blending')
    if blending:  # Mixup / CutMix over the head's classes, switched 50/50
        preprocessor = MODELS.build(
            with_blending_classes(cfg.model.data_preprocessor, cfg.model.cls_head.num_classes))
        assert [a.num_classes for a in preprocessor.blending.augments if a] == [CLASSES[data]] * 2
        assert blending.probs == [0.5, 0.5]
    if '/finetune/' in path and 'test-16x' not in path:
        assert cfg.optim_wrapper.constructor == 'LayerDecayOptimWrapperConstructor'
        assert cfg.model.backbone.init_cfg.type == 'VideoMAEv2Pretrained'
        flips = [t for t in cfg.train_dataloader.dataset.pipeline if t.type == 'Flip']
        assert (data == 'ssv2') == (not flips)  # no flip for SSv2


@pytest.mark.parametrize('path', fast_sample([p for p in FINETUNE if 'test-16x' not in p]))
def test_finetune_one_step_reduced(path):
    cfg = Config.fromfile(path)
    patch = reduce_backbone(cfg, init_cfg=None)
    cfg.model.cls_head.init_cfg = None  # checkpoints of real runs
    model, optim = model_and_fp32_optim_wrapper(cfg)
    from mmaction.structures import ActionDataSample
    samples = [ActionDataSample().set_gt_label(torch.tensor([i])) for i in range(2)]
    data = dict(
        inputs=[torch.randint(0, 256, (1, 3, 4, 2 * patch, 2 * patch)).float() for _ in range(2)],
        data_samples=samples)
    model.train()
    losses = model.train_step(data, optim)
    assert torch.isfinite(losses['loss_cls'])


DISTILL = [c for c in CONFIGS if '/distill/' in c]


@pytest.mark.parametrize('path', DISTILL, ids=osp.basename)
def test_distill_configs(path):
    cfg = Config.fromfile(path)
    model = cfg.model
    if model.type == 'TeacherStudentRecognizer':  # distillation on K710
        with torch.device('meta'):
            student = MODELS.build(dict(model.student.backbone, init_cfg=None))
            teacher = MODELS.build(model.teacher.backbone)
        size = osp.basename(path).split('-')[1]
        assert sum(p.numel() for p in student.parameters()) / 1e6 == pytest.approx(
            SIZES[size][0], abs=0.7)
        assert sum(p.numel() for p in teacher.parameters()) / 1e6 == pytest.approx(1011, abs=0.7)
        assert model.student.cls_head.num_classes == model.teacher.cls_head.num_classes == 710
        preprocessor = MODELS.build(with_blending_classes(model.data_preprocessor, 710))
        assert [a.num_classes for a in preprocessor.blending.augments if a] == [710] * 2
    elif '_test-16x' in path:  # testing the official or the further fine-tuned students
        data = osp.splitext(osp.basename(path))[0].split('_')[-1]
        views = osp.basename(path).split('_test-')[1].split('_')[0]
        head = MODELS.build(model.cls_head)
        assert head(torch.zeros(2, head.in_channels)).shape == (2, CLASSES[data])
        sample, = [t for t in cfg.test_dataloader.dataset.pipeline if t.type == 'SampleFrames']
        crops = [t for t in cfg.test_dataloader.dataset.pipeline if t.type == 'ThreeCrop']
        assert f'16x{sample.num_clips}x{3 * len(crops)}' == views
        if views == '16x5x3':  # the published checkpoints: 710-way heads
            assert head.num_classes == 710
            assert (head.index_map is None) == (data == 'k710')
        assert model.data_preprocessor.blending is None
    else:  # the follow-up fine-tuning from the exported student
        data = osp.splitext(osp.basename(path))[0].split('_')[-1]
        assert model.cls_head.num_classes == CLASSES[data]
        assert model.cls_head.init_cfg.index_map.endswith(f'710to{CLASSES[data]}.json')


DETECTION = [c for c in CONFIGS if '/detection/' in c]
DECAY = dict(small=0.6, base=0.75, large=0.8, huge=0.8, giant=0.8)


@pytest.mark.parametrize('path', fast_sample(DETECTION))
def test_detection_configs(path):
    """Full-size backbone in FastRCNN; RoIs at the patch stride; the per-size
    layer decay; one real step at reduced size."""
    cfg = Config.fromfile(path)
    size = osp.basename(path).split('-')[1]
    published, enc, _, patch, _ = SIZES[size]
    with torch.device('meta'):
        backbone = MODELS.build(dict(cfg.model.backbone, init_cfg=None))
    assert sum(p.numel() for p in backbone.parameters()) / 1e6 == pytest.approx(published, abs=0.7)
    assert backbone.out_type == 'featmap' and backbone.patch_size == patch
    roi = cfg.model.roi_head
    assert roi.bbox_roi_extractor.featmap_stride == patch
    assert roi.bbox_head.in_channels == enc and roi.bbox_head.num_classes == 81
    assert cfg.optim_wrapper.paramwise_cfg.layer_decay_rate == DECAY[size]
    assert cfg.optim_wrapper.clip_grad.max_norm == 40
    assert cfg.model.backbone.init_cfg.type == 'VideoMAEv2Pretrained'
    assert cfg.val_dataloader.dataset.ann_file.endswith('ava_val_v2.2.csv')
    # one step at reduced depth / resolution
    arch = dict(MODELS.get('VideoMAEv2ViT').arch_zoo[cfg.model.backbone.arch], num_layers=1)
    arch.pop('patch_size', None)
    cfg.model.backbone.update(
        arch=arch, patch_size=patch, img_size=4 * patch, num_frames=4, init_cfg=None, with_cp=False)
    model = MODELS.build(cfg.model)
    optim = build_optim_wrapper(model, copy.deepcopy(cfg.optim_wrapper))
    from mmaction.structures import ActionDataSample
    from mmengine.structures import InstanceData
    side = 4 * patch
    box = torch.tensor([[0., 0., side / 2, side - 1.]])
    sample = ActionDataSample(metainfo=dict(img_shape=(side, side)))
    sample.gt_instances = InstanceData(bboxes=box, labels=torch.eye(81)[[5]])
    sample.proposals = InstanceData(bboxes=box.clone())
    data = dict(inputs=[torch.randint(0, 256, (3, 4, side, side)).float()], data_samples=[sample])
    model.train()
    losses = model.train_step(data, optim)
    assert torch.isfinite(losses['loss'])


@pytest.mark.parametrize(
    'path', [c for c in CONFIGS if '/localization/' not in c], ids=lambda p: osp.relpath(p, ROOT))
def test_inference_reads_the_test_views(path):
    """MMAction2's inference_recognizer reads ``test_pipeline``: the same views
    as tools/test.py's ``test_dataloader``."""
    cfg = Config.fromfile(path)
    if cfg.get('test_dataloader') and cfg.model.type == 'VideoMAEv2Recognizer':
        assert cfg.test_pipeline == cfg.test_dataloader.dataset.pipeline
