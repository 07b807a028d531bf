"""Checkpoint keys converted where weights meet a model.

Every way weights reach a model (MMAction2's ``init_recognizer``, MMEngine's
``load_from`` / ``--resume``, ``Module.load_state_dict``) ends in
``Module._load_from_state_dict``, which first runs the module's load pre-hooks.
The hooks below run there, so an official, MMAction2 or plugin checkpoint gives
the same weights through every entry point (as timm's checkpoint filters do
for its models):

- ``register_model_hook`` (the plugin's models): the model's part of the state
  dict, in any format (``convert.to_plugin``), renamed to the plugin's keys,
  then checked by ``check_fit``'s strict rule: a checkpoint loaded into a whole
  model must fill it (every key, every shape), or ``CheckpointMismatchError``
  names every misfit. Starting from part of a model (a pre-trained backbone,
  another dataset's head) is ``init_cfg``'s job (``VideoMAEv2Pretrained``).
- ``register_backbone_hook`` (``VideoMAEv2ViT``): MMAction2's module names
  under the backbone renamed, for models that are not the plugin's (e.g. an
  mmdet detector holding the backbone).
"""
from typing import Mapping

import torch.nn as nn

from .convert import rename_mmaction2_backbone, to_plugin, unwrap_state_dict
from .loading import check_fit

HINT = ('; to start from part of a model (a pre-trained backbone, another dataset\'s '
        "recognizer), give it as the backbone's init_cfg=dict(type='VideoMAEv2Pretrained', "
        'checkpoint=...) instead')


def _take(state_dict: dict, prefix: str) -> dict:
    """Remove and return the entries of ``state_dict`` under ``prefix``
    (prefix stripped)."""
    keys = [k for k in state_dict if k.startswith(prefix)]
    return {k[len(prefix):]: state_dict.pop(k) for k in keys}


def _convert_and_check(module: nn.Module, state_dict: dict, prefix: str, *args) -> None:
    own = _take(state_dict, prefix)
    if any(isinstance(v, Mapping) for v in own.values()):  # a whole checkpoint file
        own = unwrap_state_dict(own)
    own, fmt, _ = to_plugin(own)
    target = type(module).__name__ + (f' (at {prefix[:-1]})' if prefix else '')
    try:
        check_fit(own, module.state_dict(), f'the checkpoint ({fmt} keys)', target, strict=True)
    except ValueError as e:
        raise type(e)(f'{e}{HINT}') from None
    state_dict.update({prefix + k: v for k, v in own.items()})


def _rename_backbone(module: nn.Module, state_dict: dict, prefix: str, *args) -> None:
    own = _take(state_dict, prefix)
    state_dict.update({prefix + k: v for k, v in rename_mmaction2_backbone(own).items()})


def register_model_hook(model: nn.Module) -> None:
    """Convert and check every state dict loaded into ``model`` (see above)."""
    model.register_load_state_dict_pre_hook(_convert_and_check)


def register_backbone_hook(backbone: nn.Module) -> None:
    """Rename MMAction2's backbone keys in every state dict loaded into ``backbone``."""
    backbone.register_load_state_dict_pre_hook(_rename_backbone)
