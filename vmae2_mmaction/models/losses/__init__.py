from .pixel_reconstruction_loss import PixelReconstructionLoss

__all__ = ['PixelReconstructionLoss']
