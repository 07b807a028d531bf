"""What users and tools call (as ``mmaction.apis``)."""
from .feature_extraction import ClipFeatureExtractor, build_backbone
from .inference import (InferenceInputError, classify_video, load_recognizer, read_label_file,
                        sliding_window_scores, top_k)
from .official_models import official_finetune_model_cfg, official_pretrain_model_cfg
from .probes import knn_top1, linear_top1, probe_top1

__all__ = [
    'ClipFeatureExtractor', 'build_backbone', 'InferenceInputError', 'classify_video',
    'load_recognizer', 'read_label_file', 'sliding_window_scores', 'top_k', 'knn_top1',
    'linear_top1', 'probe_top1', 'official_finetune_model_cfg', 'official_pretrain_model_cfg'
]
