from .convert import (compare_keys, describe_mismatch, detect_format, infer_backbone_arch,
                      to_mmaction2, to_plugin, unwrap_state_dict)
from .loading import (CheckpointError, CheckpointFileError, CheckpointMismatchError, check_fit,
                      load_checkpoint, load_state_dict_any, read_checkpoint_file)
from .pretrained_init import VideoMAEv2PretrainedInit

__all__ = [
    'compare_keys', 'describe_mismatch', 'detect_format', 'infer_backbone_arch', 'to_mmaction2',
    'to_plugin', 'unwrap_state_dict', 'CheckpointError', 'CheckpointFileError',
    'CheckpointMismatchError', 'check_fit', 'load_checkpoint', 'load_state_dict_any',
    'read_checkpoint_file', 'VideoMAEv2PretrainedInit'
]
