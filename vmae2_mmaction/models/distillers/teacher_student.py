"""Logit (and feature) distillation from a frozen teacher recognizer."""
import copy
from typing import Dict, Optional

import torch
from mmaction.registry import MODELS
from mmaction.utils import OptSampleList
from mmengine.model import BaseModel

from ...checkpoint import load_checkpoint
from ..data_preprocessors.blending_classes import with_blending_classes


@MODELS.register_module()
class TeacherStudentRecognizer(BaseModel):
    """A student recognizer trained to match a frozen teacher's logits, as
    VideoMAE V2 distils ViT-g into ViT-S/B ("a good teacher is patient and
    consistent": the teacher sees exactly the student's input, Mixup/CutMix
    included, which the shared data preprocessor applies before both).

    The teacher is loaded from ``teacher_checkpoint`` (plugin, official or
    MMAction2 format; keys and shapes must fit the teacher config), kept in
    eval mode, run under ``no_grad``, and held outside the module tree: it has
    no place in the optimizer, in gradients, in DDP or in the checkpoints
    this model writes (which hold the student only; see
    ``tools/export_student.py``). Validation and testing use the student.

    Args:
        student (dict): a recognizer config (e.g. ``Recognizer3D``).
        teacher (dict): a recognizer config with the same classes.
        teacher_checkpoint (str): weights of the teacher.
        distill_loss (dict): the logit loss (``LogitDistillationLoss``).
        cls_loss_weight (float): weight of the student's own classification
            loss on the (hard or Mixup/CutMix soft) labels; 0 = pure distillation.
        feature_loss (dict, optional): ``FeatureDistillationLoss`` on the
            pooled features (student projected to the teacher's width).
        data_preprocessor (dict, optional): defaults to the student's; its
            Mixup / CutMix take the student head's ``num_classes``.
    """

    def __init__(self,
                 student: Dict,
                 teacher: Dict,
                 teacher_checkpoint: str,
                 distill_loss: Dict = dict(type='LogitDistillationLoss'),
                 cls_loss_weight: float = 1.0,
                 feature_loss: Optional[Dict] = None,
                 data_preprocessor: Optional[Dict] = None,
                 init_cfg: Optional[Dict] = None):
        student = copy.deepcopy(student)
        if data_preprocessor is None:
            data_preprocessor = student.get('data_preprocessor') or dict(
                type='ActionDataPreprocessor', format_shape='NCTHW')
        data_preprocessor = with_blending_classes(data_preprocessor,
                                                  student['cls_head']['num_classes'])
        super().__init__(data_preprocessor=data_preprocessor, init_cfg=init_cfg)
        self.student = MODELS.build(student)
        teacher_model = MODELS.build(teacher)
        num_s = self.student.cls_head.num_classes
        num_t = teacher_model.cls_head.num_classes
        if num_s != num_t:
            raise ValueError(
                f'student ({type(self.student.backbone).__name__}, cls_head '
                f'fc_cls {tuple(self.student.cls_head.fc_cls.weight.shape)}) and teacher '
                f'({type(teacher_model.backbone).__name__}, cls_head fc_cls '
                f'{tuple(teacher_model.cls_head.fc_cls.weight.shape)}) must have the '
                f'same classes: {num_s} vs {num_t}')
        load_checkpoint(teacher_model, teacher_checkpoint)
        teacher_model.requires_grad_(False)
        teacher_model.eval()
        self._teacher = [teacher_model]  # a list: not a submodule (see above)
        self.teacher_checkpoint = teacher_checkpoint
        self.distill_loss = MODELS.build(distill_loss)
        self.feature_loss = MODELS.build(feature_loss) if feature_loss else None
        self.cls_loss_weight = cls_loss_weight

    @property
    def teacher(self):
        return self._teacher[0]

    def _teacher_on(self, like: torch.Tensor):
        teacher = self.teacher
        if next(teacher.parameters()).device != like.device:
            teacher.to(like.device)
        return teacher.eval()

    def forward(self,
                inputs: torch.Tensor,
                data_samples: OptSampleList = None,
                mode: str = 'tensor'):
        if mode == 'loss':
            return self.loss(inputs, data_samples)
        return self.student(inputs, data_samples, mode=mode)  # student only

    def loss(self, inputs: torch.Tensor, data_samples) -> Dict[str, torch.Tensor]:
        """inputs: [B, num_clips, 3, T, H, W] after the data preprocessor."""
        feats, _ = self.student.extract_feat(inputs, data_samples=data_samples)
        logits = self.student.cls_head(feats)
        with torch.no_grad():
            teacher = self._teacher_on(inputs)
            teacher_feats, _ = teacher.extract_feat(inputs)
            teacher_logits = teacher.cls_head(teacher_feats)
        losses = dict(loss_kd=self.distill_loss(logits, teacher_logits))
        if self.cls_loss_weight:
            # fp32: MMAction2's accuracy logging goes through numpy, which
            # has no bfloat16
            cls_losses = self.student.cls_head.loss_by_feat(logits.float(), data_samples)
            cls_losses['loss_cls'] = cls_losses['loss_cls'] * self.cls_loss_weight
            losses.update(cls_losses)
        if self.feature_loss is not None:
            losses['loss_feat'] = self.feature_loss(feats, teacher_feats)
        return losses
