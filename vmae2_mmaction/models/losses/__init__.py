from .diou_loss_1d import diou_loss_1d
from .distillation_losses import FeatureDistillationLoss, LogitDistillationLoss
from .pixel_reconstruction_loss import PixelReconstructionLoss

__all__ = [
    'PixelReconstructionLoss', 'LogitDistillationLoss', 'FeatureDistillationLoss', 'diou_loss_1d'
]
