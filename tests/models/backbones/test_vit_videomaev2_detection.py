"""The plugin ViT as an AVA detector inside mmdet's FastRCNN: feature maps
equal MMAction2's VisionTransformer, stride-14 RoIs, layer decay inside the
detector, initialisation from recognizers of all three checkpoint formats."""
import os.path as osp

import pytest
import torch
import torch.nn.functional as F
from mmaction.registry import MODELS
from mmaction.structures import ActionDataSample
from mmengine.config import Config
from mmengine.optim import build_optim_wrapper
from mmengine.structures import InstanceData

from tests.conftest import GOLDEN, ROOT
from tests.models.mmaction2_peer import mmaction2_tiny_vit
from vmae2_mmaction.checkpoint import to_mmaction2, to_plugin

BASE = osp.join(ROOT, 'configs/_base_/models/videomaev2_vit-base-p16_fast-rcnn.py')
TINY = dict(embed_dims=64, num_layers=2, num_heads=4)


def detector(patch=16, dims=64, init_cfg=None, num_classes=81):
    cfg = Config.fromfile(BASE).model
    cfg.backbone.update(arch=TINY, img_size=6 * patch, patch_size=patch, init_cfg=init_cfg)
    cfg.roi_head.bbox_roi_extractor.featmap_stride = patch
    cfg.roi_head.bbox_head.update(in_channels=dims, num_classes=num_classes)
    return MODELS.build(cfg)


def golden_finetune():
    fx = torch.load(osp.join(GOLDEN, 'finetune_p16_tiny.pt'), weights_only=True)
    return fx, {k: v.float() for k, v in to_plugin(fx['state_dict'])[0].items()}


def test_feature_map_equals_mmaction2_vit_on_a_non_square_frame():
    fx, plugin_sd = golden_finetune()
    model = detector()
    backbone = model.backbone.eval()
    torch.nn.init.normal_(backbone.norm.weight)
    torch.nn.init.normal_(backbone.norm.bias)
    sd = {
        k[len('backbone.'):]: v
        for k, v in plugin_sd.items() if k.startswith('backbone.') and 'fc_norm' not in k
    }
    sd.update({f'norm.{k}': v for k, v in backbone.norm.state_dict().items()})
    backbone.load_state_dict(sd)
    theirs = mmaction2_tiny_vit(sd, use_mean_pooling=False, return_feat_map=True)
    video = F.interpolate(fx['video'].float()[0], size=(112, 144), mode='bilinear')[None]
    with torch.no_grad():
        ours, ref = backbone(video), theirs(video)
    assert ours.shape == (1, 64, 8, 7, 9)  # position table interpolated to 7 x 9
    torch.testing.assert_close(ours, ref, atol=1e-5, rtol=0)


def sample(h, w, boxes, labels, num_classes=81):
    s = ActionDataSample(metainfo=dict(img_shape=(h, w)))
    onehot = torch.zeros(len(labels), num_classes)
    onehot[torch.arange(len(labels)), torch.tensor(labels)] = 1
    s.gt_instances = InstanceData(bboxes=torch.tensor(boxes), labels=onehot)
    s.proposals = InstanceData(bboxes=torch.tensor(boxes))
    return s


@pytest.mark.parametrize('patch', [16, 14])
def test_detector_trains_and_predicts_at_the_backbone_stride(patch):
    torch.manual_seed(0)
    model = detector(patch)
    h, w = 8 * patch, 10 * patch  # not square, not the configured 6 x 6
    video = torch.randint(0, 256, (3, 16, h, w)).float()  # packed with collapse=True
    boxes = [[0., 0., w / 2, h], [w / 2, h / 4, w - 1., h - 1.]]
    data = model.data_preprocessor(
        dict(
            inputs=[video, video.clone()],
            data_samples=[sample(h, w, boxes, [3, 7]),
                          sample(h, w, boxes, [1, 2])]),
        training=True)
    feats = model.extract_feat(data['inputs'])
    assert feats[0].shape[-2:] == (8, 10)
    losses = model.loss(data['inputs'], data['data_samples'])
    sum(v for k, v in losses.items() if 'loss' in k).backward()
    assert model.backbone.blocks[0].attn.qkv.weight.grad.abs().sum() > 0
    model.eval()
    test = model.data_preprocessor(dict(inputs=[video], data_samples=[sample(h, w, boxes, [3, 7])]))
    with torch.no_grad():  # (mmdet's loss consumed the proposals: fresh samples)
        pred = model.predict(test['inputs'], test['data_samples'])[0].pred_instances
    assert pred.bboxes.shape == (2, 4) and pred.scores.shape == (2, 81)


def test_layer_decay_inside_fast_rcnn():
    model = detector()
    optim = build_optim_wrapper(
        model,
        dict(
            optimizer=dict(type='AdamW', lr=1.0, weight_decay=0.05),
            constructor='LayerDecayOptimWrapperConstructor',
            paramwise_cfg=dict(layer_decay_rate=0.5)))
    lrs = {n: g['lr'] for g in optim.optimizer.param_groups for n in g['param_names']}
    assert lrs['backbone.patch_embed.proj.weight'] == 0.5**3
    assert lrs['backbone.blocks.1.mlp.fc1.weight'] == 0.5
    assert lrs['backbone.norm.weight'] == 1.0
    assert lrs['roi_head.bbox_head.fc_cls.weight'] == 1.0
    assert len(lrs) == len(list(model.parameters()))


@pytest.mark.parametrize('fmt', ['plugin', 'official', 'mmaction2'])
def test_init_from_recognition_checkpoints(tmp_path, fmt):
    fx, plugin_sd = golden_finetune()
    state = dict(
        plugin=plugin_sd, official=fx['state_dict'], mmaction2=to_mmaction2(plugin_sd))[fmt]
    path = tmp_path / f'{fmt}.pth'
    torch.save(dict(state_dict=state), path)
    model = detector(
        init_cfg=dict(type='VideoMAEv2Pretrained', checkpoint=str(path), prefix='backbone.'))
    norm_before = model.backbone.norm.weight.clone()
    model.init_weights()
    for key in ('blocks.1.mlp.fc2.weight', 'patch_embed.proj.weight', 'blocks.0.attn.q_bias'):
        torch.testing.assert_close(model.backbone.state_dict()[key], plugin_sd[f'backbone.{key}'])
    # the recognizer's fc_norm is not used; the feature-map norm starts fresh
    assert torch.equal(model.backbone.norm.weight.detach(), norm_before)
