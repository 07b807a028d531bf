"""Layer-wise learning-rate decay for any model whose layered part says so."""
import logging
from typing import List, Optional, Tuple

import torch.nn as nn
from mmaction.registry import OPTIM_WRAPPER_CONSTRUCTORS
from mmengine.logging import print_log
from mmengine.optim import DefaultOptimWrapperConstructor


def layered_modules(model: nn.Module) -> List[Tuple[str, nn.Module]]:
    """(prefix, module) of the submodules that define ``get_layer_id`` and
    ``num_layers`` (e.g. ``VideoMAEv2ViT``), wherever they sit in the model
    (a recognizer's ``backbone``, a detector's ``backbone``, a distiller's
    ``student.backbone``...)."""
    found = []
    for name, module in model.named_modules():
        if hasattr(module, 'get_layer_id') and hasattr(module, 'num_layers'):
            if not any(name.startswith(p + '.') for p, _ in found):
                found.append((name, module))
    return found


@OPTIM_WRAPPER_CONSTRUCTORS.register_module()
class LayerDecayOptimWrapperConstructor(DefaultOptimWrapperConstructor):
    """lr x ``layer_decay_rate`` ^ (L + 1 - layer_id) per parameter.

    ``layer_id`` comes from the owning module's ``get_layer_id(name)`` (patch
    embedding 0, block k -> k + 1, final norms L + 1); parameters outside
    any layered module (heads, necks) get L + 1, i.e. the full lr. 1-D
    parameters (biases, norms) and the names a module lists in
    ``no_weight_decay()`` get no weight decay, as the reference does.
    MMAction2's own constructor recognises backbones by class name; this one
    works for any module that provides the two methods.

    paramwise_cfg:
        layer_decay_rate (float): the decay per layer (e.g. 0.75).
    """

    def add_params(self,
                   params: List[dict],
                   module: nn.Module,
                   prefix: str = '',
                   is_dcn_module: Optional[int] = None) -> None:
        decay_rate = self.paramwise_cfg.get('layer_decay_rate', 1.0)
        owners = layered_modules(module)
        if not owners:
            raise ValueError('LayerDecayOptimWrapperConstructor: no submodule defines '
                             'get_layer_id() and num_layers (e.g. VideoMAEv2ViT)')
        max_layers = max(m.num_layers for _, m in owners) + 1
        no_decay = {
            f'{p}.{n}' if p else n
            for p, m in owners
            for n in getattr(m, 'no_weight_decay', lambda: set())()
        }
        groups = {}
        for name, param in module.named_parameters():
            if not param.requires_grad:
                continue
            layer_id = max_layers
            for owner_prefix, owner in owners:
                if owner_prefix == '' or name.startswith(owner_prefix + '.'):
                    local = name[len(owner_prefix) + 1:] if owner_prefix else name
                    layer_id = owner.get_layer_id(local)
                    break
            skip_wd = param.ndim == 1 or name in no_decay or name.endswith(".bias")
            key = (layer_id, skip_wd)
            if key not in groups:
                groups[key] = dict(
                    params=[],
                    param_names=[],
                    lr=self.base_lr * decay_rate**(max_layers - layer_id),
                    weight_decay=0. if skip_wd else self.base_wd)
            groups[key]['params'].append(param)
            groups[key]['param_names'].append(name)
        for (layer_id, _), group in sorted(groups.items(), key=lambda kv: kv[0]):
            print_log(
                f'layer {layer_id}: lr {group["lr"]:.3e}, weight decay '
                f'{group["weight_decay"]}, {len(group["params"])} tensors',
                logger='current',
                level=logging.DEBUG)
            params.append(group)
