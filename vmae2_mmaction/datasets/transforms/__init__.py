from .masking import RunningCellMasking, TubeMasking
from .rand_augment import VideoRandAugment
from .temporal_features import LoadTemporalFeatures, RandomTemporalTruncate, ResizeTemporalFeatures

__all__ = [
    'TubeMasking', 'RunningCellMasking', 'VideoRandAugment', 'LoadTemporalFeatures',
    'ResizeTemporalFeatures', 'RandomTemporalTruncate'
]
