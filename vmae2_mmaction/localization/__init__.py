"""Temporal action localization on clip features (THUMOS14, FineAction): the
ActionFormer localizer and its parts, the 1-D DIoU loss, the feature dataset and
transforms, the mAP metric, and the time grid they share."""
from .actionformer import ActionFormer
from .diou_loss_1d import diou_loss_1d
from .localization_map import ANET_TIOUS, THUMOS_TIOUS, localization_map
from .localization_metric import LocalizationMetric, read_results
from .pyramid_head import PyramidConvHead
from .pyramid_neck import PyramidLayerNorm
from .segment_ops import segment_iou, soft_nms
from .temporal_feature_dataset import AnnotationError, TemporalFeatureDataset
from .temporal_features import LoadTemporalFeatures, RandomTemporalTruncate, ResizeTemporalFeatures
from .temporal_grid import grid_to_seconds, seconds_to_grid
from .temporal_transformer import ConvTransformer1d

__all__ = [
    'ActionFormer', 'ConvTransformer1d', 'PyramidLayerNorm', 'PyramidConvHead', 'diou_loss_1d',
    'localization_map', 'THUMOS_TIOUS', 'ANET_TIOUS', 'LocalizationMetric', 'read_results',
    'segment_iou', 'soft_nms', 'TemporalFeatureDataset', 'AnnotationError', 'LoadTemporalFeatures',
    'ResizeTemporalFeatures', 'RandomTemporalTruncate', 'grid_to_seconds', 'seconds_to_grid'
]
