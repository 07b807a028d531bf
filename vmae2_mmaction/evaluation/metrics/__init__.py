from .ava_detection_metric import AVADetectionMetric, ava_frame_map
from .localization_metric import LocalizationMetric, read_results

__all__ = ['LocalizationMetric', 'read_results', 'AVADetectionMetric', 'ava_frame_map']
