"""Distillation losses: logits (KL with temperature) and features."""
import torch
import torch.nn as nn
import torch.nn.functional as F
from mmaction.registry import MODELS


@MODELS.register_module()
class LogitDistillationLoss(nn.Module):
    """KL(teacher || student) of temperature-softened class distributions,
    scaled by T^2 (Hinton et al.), averaged over the batch.

    student_logits, teacher_logits: [N, num_classes].
    """

    def __init__(self, temperature: float = 1.0, loss_weight: float = 1.0):
        super().__init__()
        if temperature <= 0:
            raise ValueError(f'temperature must be > 0, got {temperature}')
        self.temperature = temperature
        self.loss_weight = loss_weight

    def forward(self, student_logits: torch.Tensor, teacher_logits: torch.Tensor) -> torch.Tensor:
        T = self.temperature
        log_p_student = F.log_softmax(student_logits.float() / T, dim=-1)
        log_p_teacher = F.log_softmax(teacher_logits.float() / T, dim=-1)
        kl = F.kl_div(log_p_student, log_p_teacher, log_target=True, reduction='batchmean')
        return self.loss_weight * kl * T * T


@MODELS.register_module()
class FeatureDistillationLoss(nn.Module):
    """Match projected student features to the teacher's: 'cosine' (1 - cos)
    or 'smooth_l1'. student_feats: [N, C_s], teacher_feats: [N, C_t]; the
    projection C_s -> C_t is learned (part of this module)."""

    def __init__(self,
                 student_channels: int,
                 teacher_channels: int,
                 mode: str = 'cosine',
                 loss_weight: float = 1.0):
        super().__init__()
        if mode not in ('cosine', 'smooth_l1'):
            raise ValueError(f"mode must be 'cosine' or 'smooth_l1', got {mode!r}")
        self.proj = nn.Linear(student_channels, teacher_channels)
        self.mode = mode
        self.loss_weight = loss_weight

    def forward(self, student_feats: torch.Tensor, teacher_feats: torch.Tensor) -> torch.Tensor:
        pred = self.proj(student_feats).float()
        target = teacher_feats.float()
        if self.mode == 'cosine':
            loss = 1 - F.cosine_similarity(pred, target, dim=-1).mean()
        else:
            loss = F.smooth_l1_loss(pred, target)
        return self.loss_weight * loss
