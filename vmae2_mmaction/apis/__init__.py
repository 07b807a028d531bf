"""What users and tools call (as ``mmaction.apis``)."""
from .feature_extraction import ClipFeatureExtractor, build_backbone
from .inference import (InferenceInputError, classify_video, load_recognizer, read_label_file,
                        sliding_window_scores, top_k)
from .official_models import official_finetune_model_cfg, official_pretrain_model_cfg

__all__ = [
    'ClipFeatureExtractor', 'build_backbone', 'InferenceInputError', 'classify_video',
    'load_recognizer', 'read_label_file', 'sliding_window_scores', 'top_k',
    'official_finetune_model_cfg', 'official_pretrain_model_cfg'
]
