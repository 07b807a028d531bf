from .masking import RunningCellMasking, TubeMasking
from .rand_augment import VideoRandAugment

__all__ = ['TubeMasking', 'RunningCellMasking', 'VideoRandAugment']
