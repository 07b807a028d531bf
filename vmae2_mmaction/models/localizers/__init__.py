from .actionformer import ActionFormer
from .segment_ops import grid_to_seconds, seconds_to_grid, segment_iou, soft_nms

__all__ = ['ActionFormer', 'segment_iou', 'soft_nms', 'seconds_to_grid', 'grid_to_seconds']
