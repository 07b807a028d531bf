"""1-D segment operations: pairwise tIoU and per-class Gaussian Soft-NMS.

Segments are [N, 2] tensors of (start, end), in any unit (feature grid or
seconds). Neither mmcv nor torchvision has 1-D (temporal) NMS, and the
ActionFormer code base needs a compiled extension for it; this one is plain
vectorised torch.
"""
import torch


def segment_iou(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    """Pairwise temporal IoU of segments ``a`` [N, 2] and ``b`` [M, 2] -> [N, M]."""
    inter = (torch.minimum(a[:, None, 1], b[None, :, 1]) -
             torch.maximum(a[:, None, 0], b[None, :, 0])).clamp(min=0)
    union = (a[:, 1] - a[:, 0])[:, None] + (b[:, 1] - b[:, 0])[None, :] - inter
    return inter / union.clamp(min=1e-8)


def soft_nms(segments: torch.Tensor,
             scores: torch.Tensor,
             labels: torch.Tensor,
             sigma: float = 0.5,
             min_score: float = 0.001,
             max_num: int = 200) -> tuple:
    """Gaussian Soft-NMS within each class, then the ``max_num`` best overall.

    Each step takes, in every class at once, the segment with the highest
    current score, keeps it with that score, and decays the scores of the
    class's other segments by ``exp(-iou^2 / sigma)``; segments whose score
    falls below ``min_score`` are dropped. The Python loop runs at most
    ``max_num`` steps (one kept segment per class per step); all pairs are
    handled by tensor operations.

    Args:
        segments (Tensor): [N, 2] (start, end).
        scores (Tensor): [N] scores in [0, 1].
        labels (Tensor): [N] class indices.

    Returns:
        tuple: kept ``segments`` [K, 2], ``scores`` [K], ``labels`` [K], sorted
        by decreasing score, K <= max_num.
    """
    if segments.numel() == 0:
        return segments.new_zeros((0, 2)), scores.new_zeros(0), labels.new_zeros(0)
    classes, inverse = torch.unique(labels, return_inverse=True)
    # Lay the classes out as rows of a padded [C, M] table (empty slots: score 0).
    order = torch.argsort(inverse, stable=True)
    counts = torch.bincount(inverse, minlength=len(classes))
    starts = torch.cumsum(counts, 0) - counts
    column = torch.arange(len(labels), device=labels.device) - starts[inverse[order]]
    table_shape = (len(classes), int(counts.max()))
    seg_table = segments.new_zeros(table_shape + (2, ))
    seg_table[inverse[order], column] = segments[order]
    live = scores.new_zeros(table_shape)
    live[inverse[order], column] = scores[order]
    live[live < min_score] = 0
    rows = torch.arange(len(classes), device=labels.device)

    kept_segs, kept_scores = [], []
    for _ in range(min(max_num, table_shape[1])):
        best_score, best = live.max(dim=1)  # [C]
        if best_score.max() < min_score:
            break
        best_seg = seg_table[rows, best]  # [C, 2]
        kept_segs.append(best_seg)
        kept_scores.append(torch.where(best_score >= min_score, best_score, 0.))
        live[rows, best] = 0
        inter = (torch.minimum(seg_table[..., 1], best_seg[:, None, 1]) -
                 torch.maximum(seg_table[..., 0], best_seg[:, None, 0])).clamp(min=0)
        union = ((seg_table[..., 1] - seg_table[..., 0]) +
                 (best_seg[:, 1] - best_seg[:, 0])[:, None] - inter)
        iou = inter / union.clamp(min=1e-8)
        live = live * torch.exp(-iou.square() / sigma)
        live[live < min_score] = 0
    if not kept_segs:
        return segments.new_zeros((0, 2)), scores.new_zeros(0), labels.new_zeros(0)
    out_segs = torch.stack(kept_segs, 1).reshape(-1, 2)  # [C * steps, 2]
    out_scores = torch.stack(kept_scores, 1).reshape(-1)
    out_labels = classes[:, None].expand(-1, len(kept_segs)).reshape(-1)
    valid = out_scores > 0
    out_segs, out_scores, out_labels = out_segs[valid], out_scores[valid], out_labels[valid]
    top = torch.argsort(out_scores, descending=True, stable=True)[:max_num]
    return out_segs[top], out_scores[top], out_labels[top]
