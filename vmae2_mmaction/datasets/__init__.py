from .ava_detection_dataset import AVADetectionDataset
from .ava_kinetics_detection_dataset import AVAKineticsDetectionDataset
from .repeat_aug_video_dataset import RepeatAugVideoDataset, VideoDecodeError
from .temporal_feature_dataset import AnnotationError, TemporalFeatureDataset
from .transforms import *  # noqa: F401,F403

__all__ = [
    'RepeatAugVideoDataset', 'VideoDecodeError', 'TemporalFeatureDataset', 'AnnotationError',
    'AVADetectionDataset', 'AVAKineticsDetectionDataset'
]
