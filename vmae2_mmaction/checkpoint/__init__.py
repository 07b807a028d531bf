from .convert import (compare_keys, describe_mismatch, detect_format,
                      infer_backbone_arch, to_plugin, unwrap_state_dict)
from .loading import CheckpointMismatchError, load_weights

__all__ = ['compare_keys', 'describe_mismatch', 'detect_format',
           'infer_backbone_arch', 'to_plugin', 'unwrap_state_dict',
           'CheckpointMismatchError', 'load_weights']
