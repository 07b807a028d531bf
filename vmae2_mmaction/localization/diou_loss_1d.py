"""Distance-IoU loss of 1-D segments given as offsets from a common point.

mmdet's DIoULoss works on 2-D boxes (x1, y1, x2, y2); ActionFormer regresses
(left, right) distances from an anchor point, for which this is the 1-D form.
"""
import torch


def diou_loss_1d(pred: torch.Tensor, target: torch.Tensor, eps: float = 1e-8) -> torch.Tensor:
    """Per-pair DIoU loss ``1 - IoU + (centre distance / enclosing length)^2``.

    Args:
        pred, target (Tensor): [N, 2] non-negative (left, right) distances from
            the same points.

    Returns:
        Tensor: [N] losses in [0, 2].
    """
    pred, target = pred.float(), target.float()
    lp, rp = pred.unbind(-1)
    lg, rg = target.unbind(-1)
    inter = torch.minimum(lp, lg) + torch.minimum(rp, rg)
    union = (lp + rp) + (lg + rg) - inter
    iou = inter / union.clamp(min=eps)
    enclosing = torch.maximum(lp, lg) + torch.maximum(rp, rg)
    centre_gap = 0.5 * ((rp - lp) - (rg - lg))
    return 1.0 - iou + (centre_gap / enclosing.clamp(min=eps)).square()
