from .pixel_reconstruction_head import PixelReconstructionHead
from .videomaev2_head import VideoMAEv2Head

__all__ = ['PixelReconstructionHead', 'VideoMAEv2Head']
