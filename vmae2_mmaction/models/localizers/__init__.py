from .actionformer import ActionFormer
from .segment_ops import segment_iou, soft_nms

__all__ = ['ActionFormer', 'segment_iou', 'soft_nms']
