from .float_resize import FloatResizeNormalize
from .masking import RunningCellMasking, TubeMasking
from .pyav_decode import PyAVIndexedDecode, PyAVIndexedInit
from .rand_augment import VideoRandAugment, VideoRandAugmentCrop
from .stacked_resize import StackedResize

__all__ = [
    'TubeMasking', 'RunningCellMasking', 'PyAVIndexedInit', 'PyAVIndexedDecode', 'VideoRandAugment',
    'VideoRandAugmentCrop', 'FloatResizeNormalize', 'StackedResize'
]
