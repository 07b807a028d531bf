from .ava_detection_metric import AVADetectionMetric, ava_frame_map

__all__ = ['AVADetectionMetric', 'ava_frame_map']
