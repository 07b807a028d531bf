"""Masked mean-squared error over reconstructed tokens."""
import torch
import torch.nn as nn
from mmaction.registry import MODELS


@MODELS.register_module()
class PixelReconstructionLoss(nn.Module):
    """MSE averaged over features, then over the tokens selected by ``weight``.

    pred, target: [B, N, D]; weight: [B, N] (bool or 0/1), 1 = counted.
    """

    def __init__(self, loss_weight: float = 1.0):
        super().__init__()
        self.loss_weight = loss_weight

    def forward(self, pred: torch.Tensor, target: torch.Tensor,
                weight: torch.Tensor) -> torch.Tensor:
        per_token = (pred.float() - target.float()).pow(2).mean(dim=-1)
        weight = weight.to(per_token.dtype)
        return self.loss_weight * (per_token * weight).sum() / weight.sum().clamp(min=1)
