from .ava_detection_dataset import AVADetectionDataset
from .ava_kinetics_detection_dataset import AVAKineticsDetectionDataset
from .repeat_aug_video_dataset import RepeatAugVideoDataset
from .seeded_sampling import SeededConcatDataset, SeededIndex, SeededSampler, seeded_random
from .transforms import *  # noqa: F401,F403
from .video_dataset import DECODE_ERRORS, GuardedSamplesMixin, SeededVideoDataset, VideoDecodeError

__all__ = [
    'RepeatAugVideoDataset', 'SeededVideoDataset', 'DECODE_ERRORS', 'GuardedSamplesMixin',
    'VideoDecodeError', 'SeededSampler', 'SeededIndex', 'SeededConcatDataset', 'seeded_random',
    'AVADetectionDataset', 'AVAKineticsDetectionDataset'
]
