"""ActionFormer: target assignment, losses, inference, parameter groups."""
import pytest
import torch
from mmaction.registry import MODELS
from mmaction.structures import ActionDataSample
from mmengine.optim import build_optim_wrapper
from mmengine.structures import InstanceData

from vmae2_mmaction.localization import diou_loss_1d

TINY = dict(
    type='ActionFormer',
    backbone=dict(
        type='ConvTransformer1d',
        in_channels=8,
        embed_dims=32,
        num_heads=4,
        window_size=9,
        arch=(2, 2, 5),
        drop_path_rate=0.1),
    neck=dict(type='PyramidLayerNorm', in_channels=32, num_levels=6),
    cls_head=dict(type='PyramidConvHead', in_channels=32, out_channels=3, feat_channels=32),
    reg_head=dict(type='PyramidConvHead', in_channels=32, out_channels=2, feat_channels=32),
    max_seq_len=256)


def sample(segments, labels, duration=30., fps=10.):
    s = ActionDataSample(
        metainfo=dict(
            fps=fps, duration=duration, feat_stride=4., feat_num_frames=16., video_name='v'))
    s.gt_instances = InstanceData(
        gt_segments=torch.tensor(segments, dtype=torch.float32).reshape(-1, 2),
        gt_labels=torch.tensor(labels, dtype=torch.long))
    return s


def test_target_assignment_rules():
    model = MODELS.build(TINY)
    masks = [torch.ones(1, 64 // 2**i, dtype=torch.bool) for i in range(6)]
    points = model.points(masks)
    assert points.shape == (64 + 32 + 16 + 8 + 4 + 2, 4)
    # a segment [10, 16] (centre 13). Level 0 (stride 1): the centre region
    # 13 +- 1.5 holds 12, 13, 14, whose larger reach (4, 3, 4) is in [0, 4].
    # Level 1 (stride 2, positions 0, 2, ...): 13 +- 3 holds 12 and 14 (10 is
    # on the boundary), reach 4 in [4, 8]. Level 2 (stride 4): 12 only, but
    # reach 4 is not in [8, 16].
    cls, reg = model.assign_targets(points, torch.tensor([[10., 16.]]), torch.tensor([2]))
    pos = torch.nonzero(cls[:, 2]).squeeze(1)
    assert pos[pos < 64].tolist() == [12, 13, 14]
    assert ((pos[(pos >= 64) & (pos < 96)] - 64) * 2).tolist() == [12, 14]
    assert len(pos) == 5 and cls[:, :2].sum() == 0
    assert reg[12].tolist() == [2., 4.]
    assert reg[64 + 7].tolist() == [2., 1.]  # position 14, stride 2
    # the shorter of two overlapping segments wins a shared point
    cls, _ = model.assign_targets(points, torch.tensor([[10., 16.], [11., 15.]]),
                                  torch.tensor([0, 1]))
    assert cls[13].tolist() == [0., 1., 0.]


def test_loss_is_finite_and_normaliser_tracks_positives():
    torch.manual_seed(0)
    model = MODELS.build(TINY)
    inputs = [torch.randn(8, 100), torch.randn(8, 70)]
    samples = [sample([[10., 30.], [50., 60.]], [0, 2]), sample([[5., 40.]], [1])]
    losses = model(inputs, samples, mode='loss')
    assert set(losses) == {'loss_cls', 'loss_reg'}
    total = sum(losses.values())
    assert torch.isfinite(total)
    total.backward()
    assert model.cls_head.out.weight.grad.abs().sum() > 0
    assert 0.9 * 100 < float(model.loss_normalizer) < 100  # EMA moved towards #pos
    losses = model(inputs, [sample([], []), samples[1]], mode='loss')
    assert torch.isfinite(sum(losses.values()))  # a video without segments is fine


def test_too_long_training_input_is_refused():
    model = MODELS.build(TINY).train()
    with pytest.raises(ValueError, match='exceeds max_seq_len=256'):
        model([torch.randn(8, 300)], [sample([[1., 2.]], [0])], mode='loss')


def test_batched_prediction_equals_single_and_is_in_seconds():
    torch.manual_seed(0)
    model = MODELS.build(TINY).eval()
    inputs = [torch.randn(8, 100), torch.randn(8, 37)]
    with torch.no_grad():
        batched = model(inputs, [sample([], [], 40.), sample([], [], 15.)], mode='predict')
        single = [
            model([x], [sample([], [], d)], mode='predict')[0] for x, d in zip(inputs, (40., 15.))
        ]
    for b, s in zip(batched, single):
        pb, ps = b.pred_instances, s.pred_instances
        assert len(pb) == len(ps) <= 200 and len(pb) > 0
        torch.testing.assert_close(pb.scores, ps.scores, atol=1e-5, rtol=1e-4)
        torch.testing.assert_close(pb.segments, ps.segments, atol=1e-4, rtol=1e-4)
        assert (pb.segments >= 0).all() and (pb.segments <= b.duration).all()
        assert (pb.scores[:-1] >= pb.scores[1:]).all()


def test_unknown_test_cfg_key_is_named():
    with pytest.raises(ValueError, match="unknown test_cfg keys \\['iou_thr'\\]"):
        MODELS.build(dict(TINY, test_cfg=dict(iou_thr=0.5)))


def test_diou_loss_1d_values():
    t = torch.tensor([[2., 3.]])
    assert diou_loss_1d(t, t).item() == pytest.approx(0.)
    # pred [p-1, p+1], target [p-2, p+3]: IoU 2/5, centres 0 and 0.5, enclosing 5
    loss = diou_loss_1d(torch.tensor([[1., 1.]]), t)
    assert loss.item() == pytest.approx(1 - 2 / 5 + (0.5 / 5)**2)


def test_weight_decay_only_on_conv_and_linear_weights():
    """ActionFormer's rule through MMEngine's paramwise_cfg of the schedule."""
    from mmengine.config import Config
    schedule = Config.fromfile('configs/_base_/schedules/actionformer_adamw.py')
    model = MODELS.build(TINY)
    wrapper = build_optim_wrapper(model, schedule.optim_wrapper)
    decayed = {
        id(p)
        for g in wrapper.optimizer.param_groups if g['weight_decay'] > 0 for p in g['params']
    }
    expected = {
        id(m.weight)
        for m in model.modules() if isinstance(m, (torch.nn.Conv1d, torch.nn.Linear))
    }
    assert decayed == expected


def test_parts_that_do_not_fit_are_named():
    with pytest.raises(ValueError, match='neck.num_levels=6'):
        MODELS.build(dict(TINY, neck=dict(TINY['neck'], num_levels=5)))
    with pytest.raises(ValueError, match='cls_head.in_channels=16, but the backbone gives 32'):
        MODELS.build(dict(TINY, cls_head=dict(TINY['cls_head'], in_channels=16)))
    with pytest.raises(ValueError, match='reg_head.out_channels must be 2'):
        MODELS.build(dict(TINY, reg_head=dict(TINY['reg_head'], out_channels=3)))


def test_state_dict_keys_are_those_of_the_one_piece_model():
    """Checkpoints of the model before it was assembled from registered parts load."""
    keys = set(MODELS.build(TINY).state_dict())
    assert len(keys) == 230  # as many as the one-piece model had (checked against it)
    assert {
        'neck.0.weight', 'neck.5.bias', 'cls_head.convs.0.weight', 'cls_head.norms.1.weight',
        'cls_head.out.bias', 'reg_head.out.weight', 'reg_scales.5.scale', 'backbone.embed.0.weight',
        'backbone.branch.4.attn.query_conv.weight', 'backbone.branch.4.scale_mlp.scale',
        'loss_normalizer'
    } <= keys, sorted(keys)
