from .distillation_losses import FeatureDistillationLoss, LogitDistillationLoss
from .pixel_reconstruction_loss import PixelReconstructionLoss

__all__ = ['PixelReconstructionLoss', 'LogitDistillationLoss', 'FeatureDistillationLoss']
