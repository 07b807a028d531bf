from .masking import RunningCellMasking, TubeMasking
from .pyav_decode import PyAVIndexedDecode, PyAVIndexedInit
from .rand_augment import VideoRandAugment
from .temporal_features import LoadTemporalFeatures, RandomTemporalTruncate, ResizeTemporalFeatures

__all__ = [
    'TubeMasking', 'RunningCellMasking', 'PyAVIndexedInit', 'PyAVIndexedDecode', 'VideoRandAugment',
    'LoadTemporalFeatures', 'ResizeTemporalFeatures', 'RandomTemporalTruncate'
]
