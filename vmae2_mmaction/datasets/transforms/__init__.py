from .float_resize import FloatResizeNormalize
from .masking import RunningCellMasking, TubeMasking
from .pyav_decode import PyAVIndexedDecode, PyAVIndexedInit
from .rand_augment import VideoRandAugment, VideoRandAugmentCrop

__all__ = [
    'TubeMasking', 'RunningCellMasking', 'PyAVIndexedInit', 'PyAVIndexedDecode', 'VideoRandAugment',
    'VideoRandAugmentCrop', 'FloatResizeNormalize'
]
