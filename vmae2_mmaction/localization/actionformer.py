"""ActionFormer-style temporal action localizer on pre-extracted features.

Stages (Zhang et al., ECCV 2022): ``pad_batch`` -> ``extract_feat`` (masked
conv embedding + local transformer pyramid, LayerNorm neck) -> ``forward_heads``
(shared classification / regression heads) -> ``loss`` (centre-sampled point
targets, sigmoid focal + DIoU loss normalised by an EMA of the positive count)
or ``predict`` (per-level top-k, per-class Gaussian Soft-NMS, seconds).

Inputs: a list of [C, T_i] feature sequences and data samples with
``gt_instances.gt_segments`` [N, 2] (feature-grid units of level 0, see
``vmae2_mmaction.localization.temporal_grid``) and ``gt_labels`` [N], and metainfo fps,
duration, feat_stride, feat_num_frames. Predictions leave as
``pred_instances`` (segments in seconds, scores, labels).
"""
import math
from typing import List, Optional

import torch
import torch.nn as nn
import torch.nn.functional as F
from mmaction.registry import MODELS
from mmengine.model import BaseModel
from mmengine.structures import InstanceData
from torchvision.ops import sigmoid_focal_loss

from .diou_loss_1d import diou_loss_1d
from .segment_ops import soft_nms
from .temporal_grid import grid_to_seconds

DEFAULT_TEST_CFG = dict(
    pre_nms_thresh=0.001,
    pre_nms_topk=2000,
    duration_thresh=0.05,
    nms_sigma=0.5,
    min_score=0.001,
    max_seg_num=200)


class Scale(nn.Module):
    """A learnable scalar (per pyramid level), initialised to 1."""

    def __init__(self):
        super().__init__()
        self.scale = nn.Parameter(torch.ones(()))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x * self.scale


@MODELS.register_module()
class ActionFormer(BaseModel):
    """Anchor-free single-stage temporal localizer, assembled from registered
    parts: backbone -> neck -> classification and regression heads.

    Args:
        backbone (dict): a feature pyramid, ``forward(x [B, C, T], mask [B, T])
            -> (list of [B, C, T_l], list of masks)`` with ``num_levels`` and
            ``embed_dims`` (``ConvTransformer1d``).
        neck (dict): per-level features -> per-level features (``PyramidLayerNorm``).
        cls_head (dict): ``forward(x, mask) -> [B, K, T_l]``, its
            ``out_channels`` the action classes, no background (``PyramidConvHead``).
        reg_head (dict): the same with 2 outputs (distances to the start and the
            end), scaled per level by a learnable scalar and kept >= 0.
        max_seq_len (int): longest training sequence (training inputs are
            truncated to it by the dataset pipeline).
        regression_ranges (list): per level, the (min, max) of the larger
            distance from a point to its segment's ends, in level-0 units.
        center_sample_radius (float): positives lie within radius * level
            stride of a segment's centre.
        loss_weight (float): weight of the regression loss.
        label_smoothing (float): classification target smoothing.
        cls_prior_prob (float): initial probability of every class (focal loss).
        init_loss_norm, loss_norm_momentum: EMA of the number of positives.
        test_cfg (dict): ``pre_nms_thresh``, ``pre_nms_topk``,
            ``duration_thresh`` (grid units), ``nms_sigma``, ``min_score``,
            ``max_seg_num``.
    """

    def __init__(self,
                 backbone: dict,
                 neck: dict,
                 cls_head: dict,
                 reg_head: dict,
                 max_seq_len: int = 2304,
                 regression_ranges: Optional[list] = None,
                 center_sample_radius: float = 1.5,
                 loss_weight: float = 1.0,
                 label_smoothing: float = 0.0,
                 cls_prior_prob: float = 0.01,
                 init_loss_norm: float = 100.,
                 loss_norm_momentum: float = 0.9,
                 test_cfg: Optional[dict] = None,
                 data_preprocessor: Optional[dict] = None,
                 init_cfg=None):
        super().__init__(data_preprocessor=data_preprocessor, init_cfg=init_cfg)
        self.backbone = MODELS.build(backbone)
        self.neck = MODELS.build(neck)
        self.cls_head = MODELS.build(cls_head)
        self.reg_head = MODELS.build(reg_head)
        num_levels, channels = self.backbone.num_levels, self.backbone.embed_dims
        if len(self.neck) != num_levels:
            raise ValueError(f'the backbone gives {num_levels} pyramid levels, the neck '
                             f'normalises {len(self.neck)}: set neck.num_levels={num_levels}')
        for name in ('neck', 'cls_head', 'reg_head'):
            if getattr(self, name).in_channels != channels:
                raise ValueError(f'{name}.in_channels={getattr(self, name).in_channels}, but '
                                 f'the backbone gives {channels} channels')
        if self.reg_head.out_channels != 2:
            raise ValueError(f'reg_head.out_channels must be 2 (start, end), got '
                             f'{self.reg_head.out_channels}')
        if regression_ranges is None:
            regression_ranges = [(0, 4), (4, 8), (8, 16), (16, 32), (32, 64),
                                 (64, float('inf'))][:num_levels]
        if len(regression_ranges) != num_levels:
            raise ValueError(f'{num_levels} pyramid levels need as many regression '
                             f'ranges, got {len(regression_ranges)}')
        self.num_classes, self.max_seq_len = self.cls_head.out_channels, max_seq_len
        self.strides = [2**i for i in range(num_levels)]
        self.regression_ranges = [tuple(map(float, r)) for r in regression_ranges]
        self.center_sample_radius, self.loss_weight = center_sample_radius, loss_weight
        self.label_smoothing, self.loss_norm_momentum = label_smoothing, loss_norm_momentum
        unknown = set(test_cfg or {}) - set(DEFAULT_TEST_CFG)
        if unknown:
            raise ValueError(f'unknown test_cfg keys {sorted(unknown)}; '
                             f'known: {sorted(DEFAULT_TEST_CFG)}')
        self.test_cfg = {**DEFAULT_TEST_CFG, **(test_cfg or {})}
        self.reg_scales = nn.ModuleList(Scale() for _ in range(num_levels))
        self.register_buffer('loss_normalizer', torch.tensor(float(init_loss_norm)))
        self._init_biases(cls_prior_prob)

    def _init_biases(self, prior_prob: float):
        """Zero conv/linear biases; classification bias at the prior (focal loss)."""
        for m in self.modules():
            if isinstance(m, (nn.Conv1d, nn.Linear)) and m.bias is not None:
                nn.init.zeros_(m.bias)
        nn.init.constant_(self.cls_head.out.bias, -math.log((1 - prior_prob) / prior_prob))

    # ----------------------------------------------------------------- stages
    def pad_batch(self, inputs: List[torch.Tensor]) -> tuple:
        """[C, T_i] sequences -> zero-padded [B, C, T] and a [B, T] bool mask.

        T is the longest length rounded up to the coarsest stride; padding does
        not change outputs at valid positions.
        """
        lengths = torch.tensor([x.shape[-1] for x in inputs], device=inputs[0].device)
        if self.training and int(lengths.max()) > self.max_seq_len:
            raise ValueError(f'training sequence of length {int(lengths.max())} exceeds '
                             f'max_seq_len={self.max_seq_len}; truncate it in the pipeline')
        div = self.strides[-1]
        total = -(-int(lengths.max()) // div) * div
        feats = torch.stack([F.pad(x, (0, total - x.shape[-1])) for x in inputs])
        mask = torch.arange(total, device=feats.device)[None] < lengths[:, None]
        return feats, mask

    def extract_feat(self, feats: torch.Tensor, mask: torch.Tensor) -> tuple:
        """-> per-level features [B, C, T_l] (LayerNorm neck) and masks [B, T_l]."""
        levels, masks = self.backbone(feats, mask)
        return self.neck(levels), masks

    def forward_heads(self, levels: list, masks: list) -> tuple:
        """-> concatenated logits [B, P, K] and offsets [B, P, 2] (>= 0, level units)."""
        logits, offsets = [], []
        for x, mask, scale in zip(levels, masks, self.reg_scales):
            logits.append(self.cls_head(x, mask).transpose(1, 2))
            offsets.append(F.relu(scale(self.reg_head(x, mask))).transpose(1, 2))
        return torch.cat(logits, 1), torch.cat(offsets, 1)

    def points(self, masks: list) -> torch.Tensor:
        """[P, 4] rows (position, range min, range max, stride) over all levels."""
        rows = []
        for mask, stride, (lo, hi) in zip(masks, self.strides, self.regression_ranges):
            pos = torch.arange(mask.shape[1], device=mask.device, dtype=torch.float32) * stride
            rows.append(
                torch.stack([
                    pos,
                    torch.full_like(pos, lo),
                    torch.full_like(pos, hi),
                    torch.full_like(pos, stride)
                ], 1))
        return torch.cat(rows)

    def assign_targets(self, points: torch.Tensor, segments: torch.Tensor,
                       labels: torch.Tensor) -> tuple:
        """Targets of one video: cls [P, K] in {0, 1}, reg [P, 2] in level units.

        A point is positive for a segment when it lies within the segment's
        centre region (radius * stride) and the segment's larger distance fits
        the level's regression range; among several, the shortest segment wins
        (all equally short ones give their class).
        """
        num_points = points.shape[0]
        if segments.numel() == 0:
            return points.new_zeros(num_points, self.num_classes), points.new_zeros(num_points, 2)
        pos, stride = points[:, :1], points[:, 3:]
        left = pos - segments[None, :, 0]  # [P, N]
        right = segments[None, :, 1] - pos
        centre = 0.5 * (segments[:, 0] + segments[:, 1])[None]
        radius = stride * self.center_sample_radius
        inside = torch.minimum(pos - torch.maximum(centre - radius, segments[None, :, 0]),
                               torch.minimum(centre + radius, segments[None, :, 1]) - pos) > 0
        reach = torch.maximum(left, right)
        in_range = (reach >= points[:, 1:2]) & (reach <= points[:, 2:3])
        lengths = (segments[:, 1] - segments[:, 0])[None].expand(num_points, -1)
        lengths = lengths.masked_fill(~(inside & in_range), float('inf'))
        min_len, best = lengths.min(dim=1)
        winners = (lengths <= min_len[:, None] + 1e-3) & torch.isfinite(lengths)
        cls = (winners.float() @ F.one_hot(labels, self.num_classes).float()).clamp(max=1)
        reg = torch.stack([left, right], -1)[torch.arange(num_points), best] / stride
        return cls, reg

    # ------------------------------------------------------------- BaseModel
    def forward(self, inputs: List[torch.Tensor], data_samples=None, mode: str = 'tensor'):
        feats, mask = self.pad_batch(inputs)
        levels, masks = self.extract_feat(feats, mask)
        logits, offsets = self.forward_heads(levels, masks)
        if mode == 'tensor':
            return logits, offsets, torch.cat(masks, 1)
        if mode == 'loss':
            return self.loss(logits, offsets, masks, data_samples)
        if mode == 'predict':
            return self.predict(logits, offsets, masks, data_samples)
        raise ValueError(f'invalid mode {mode!r}: use tensor, loss or predict')

    def loss(self, logits, offsets, masks, data_samples) -> dict:
        """Focal loss on valid points, DIoU on positives, both / EMA(#positives)."""
        points = self.points(masks)
        targets = [
            self.assign_targets(points, s.gt_instances.gt_segments.to(points),
                                s.gt_instances.gt_labels.to(points.device)) for s in data_samples
        ]
        gt_cls = torch.stack([t[0] for t in targets])  # [B, P, K]
        gt_reg = torch.stack([t[1] for t in targets])  # [B, P, 2]
        valid = torch.cat(masks, 1)
        positive = valid & (gt_cls.sum(-1) > 0)
        num_pos = int(positive.sum())
        with torch.no_grad():
            m = self.loss_norm_momentum
            self.loss_normalizer.mul_(m).add_((1 - m) * max(num_pos, 1))
        target = gt_cls[valid] * (1 - self.label_smoothing) \
            + self.label_smoothing / (self.num_classes + 1)
        loss_cls = sigmoid_focal_loss(logits[valid].float(), target, reduction='sum')
        if num_pos:
            loss_reg = diou_loss_1d(offsets[positive], gt_reg[positive]).sum()
        else:
            loss_reg = offsets.sum() * 0
        return dict(
            loss_cls=loss_cls / self.loss_normalizer,
            loss_reg=self.loss_weight * loss_reg / self.loss_normalizer)

    def predict(self, logits, offsets, masks, data_samples) -> list:
        """Fill ``pred_instances`` (segments in seconds, scores, labels) of each sample."""
        cfg = self.test_cfg
        points = self.points(masks)
        level = torch.cat(
            [torch.full((m.shape[1], ), i, device=points.device) for i, m in enumerate(masks)])
        valid_all = torch.cat(masks, 1)
        for b, sample in enumerate(data_samples):
            segs, scores, labels = [], [], []
            for lv in range(len(masks)):
                sel = (level == lv) & valid_all[b]
                prob = logits[b, sel].float().sigmoid().flatten()  # [T_l * K]
                keep = torch.nonzero(prob > cfg['pre_nms_thresh']).squeeze(1)
                top = prob[keep].argsort(descending=True)[:cfg['pre_nms_topk']]
                keep = keep[top]
                pt = points[sel][keep // self.num_classes]
                off = offsets[b, sel][keep // self.num_classes].float()
                seg = torch.stack(
                    [pt[:, 0] - off[:, 0] * pt[:, 3], pt[:, 0] + off[:, 1] * pt[:, 3]], 1)
                long_enough = (seg[:, 1] - seg[:, 0]) > cfg['duration_thresh']
                segs.append(seg[long_enough])
                scores.append(prob[keep][long_enough])
                labels.append((keep % self.num_classes)[long_enough])
            seg, score, label = soft_nms(
                torch.cat(segs), torch.cat(scores), torch.cat(labels), cfg['nms_sigma'],
                cfg['min_score'], cfg['max_seg_num'])
            meta = sample.metainfo
            seg = grid_to_seconds(seg, meta['fps'], meta['feat_stride'], meta['feat_num_frames'])
            seg = seg.clamp(min=0, max=meta['duration'])
            sample.pred_instances = InstanceData(segments=seg, scores=score, labels=label)
        return data_samples
