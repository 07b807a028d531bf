"""Load plugin, reference or MMAction2 weights into a plugin model."""
import torch
import torch.nn as nn

from .convert import (compare_keys, describe_mismatch, to_plugin,
                      unwrap_state_dict)


class CheckpointMismatchError(ValueError):
    """A checkpoint's keys or shapes do not fit the model (names them all)."""


def load_state_dict_any(path: str):
    """(plugin-format state dict, source format) of any supported checkpoint.

    Memory-mapped where the file allows it, so a large checkpoint (a ViT-g
    teacher: 4 GB) is not held twice while it is copied into the model.
    """
    try:
        checkpoint = torch.load(path, map_location='cpu', weights_only=True, mmap=True)
    except RuntimeError:  # legacy (non-zip) files cannot be memory-mapped
        checkpoint = torch.load(path, map_location='cpu', weights_only=True)
    state_dict, fmt, _ = to_plugin(unwrap_state_dict(checkpoint))
    return state_dict, fmt


def load_weights(model: nn.Module, path: str, strict: bool = True) -> dict:
    """Load any supported checkpoint format into ``model``; return the report.

    With ``strict``, any missing, unexpected or mismatched key raises
    ``CheckpointMismatchError`` listing them with their shapes.
    """
    state_dict, fmt = load_state_dict_any(path)
    report = compare_keys(state_dict, model.state_dict())
    if strict and any(report.values()):
        raise CheckpointMismatchError(
            f'{path} ({fmt}) does not fit {type(model).__name__}:\n'
            + describe_mismatch(report))
    fitting = {k: v for k, v in state_dict.items()
               if k in model.state_dict() and
               v.shape == model.state_dict()[k].shape}
    model.load_state_dict(fitting, strict=False)
    return dict(report, format=fmt)
