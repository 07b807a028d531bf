from .float_resize import FloatResizeNormalize
from .masking import RunningCellMasking, TubeMasking
from .pyav_decode import PyAVIndexedDecode, PyAVIndexedInit
from .rand_augment import VideoRandAugment, VideoRandAugmentCrop
from .random_erasing import ClipRandomErasing
from .stacked_resize import StackedResize

__all__ = [
    'TubeMasking', 'RunningCellMasking', 'PyAVIndexedInit', 'PyAVIndexedDecode', 'VideoRandAugment',
    'VideoRandAugmentCrop', 'FloatResizeNormalize', 'StackedResize', 'ClipRandomErasing'
]
