"""``init_cfg`` that loads plugin, official or MMAction2 weights into a module."""
import json
from typing import Optional

import torch
from mmaction.registry import WEIGHT_INITIALIZERS
from mmengine.logging import print_log

from .convert import compare_keys, describe_mismatch
from .loading import CheckpointMismatchError, load_state_dict_any

# The backbone's final norm depends on its output: `norm` of the tokens
# (pre-training, detection feature maps) or `fc_norm` of the token mean
# (recognition, as the reference's fine-tuning). Moving between them, the
# source's final norm is not used and the target's starts fresh (as MMAction2
# does when its AVA detector starts from a recognizer).
FINAL_NORMS = ('norm.weight', 'norm.bias', 'fc_norm.weight', 'fc_norm.bias')


@WEIGHT_INITIALIZERS.register_module(name='VideoMAEv2Pretrained')
class VideoMAEv2PretrainedInit:
    """Load weights of any supported format (see ``checkpoint.convert``) into
    the module that holds this ``init_cfg``.

    Args:
        checkpoint (str): path of the checkpoint.
        prefix (str): the part of the (converted) state dict for this module,
            e.g. 'backbone.' for a backbone; '' for a whole model.
        strict (bool): fail on any key that neither matches nor is an expected
            difference between pre-training and recognition (decoder, ``norm``
            vs ``fc_norm``, a missing head); shape mismatches always fail.
        index_map (str, optional): a JSON list of class indices; the rows of
            ``fc_cls`` are taken in that order (e.g. a K710 head sliced to the
            K400 classes: use with ``prefix='cls_head.'`` on the head).
    """

    def __init__(self, checkpoint: str, prefix: str = 'backbone.',
                 strict: bool = True, index_map: Optional[str] = None):
        self.checkpoint, self.prefix, self.strict = checkpoint, prefix, strict
        self.index_map = index_map

    def __call__(self, module) -> None:
        state_dict, fmt = load_state_dict_any(self.checkpoint)
        state_dict = {k[len(self.prefix):]: v for k, v in state_dict.items()
                      if k.startswith(self.prefix)}
        if self.index_map is not None:
            with open(self.index_map) as f:
                index = torch.tensor(json.load(f), dtype=torch.long)
            for key in ('fc_cls.weight', 'fc_cls.bias'):
                if key not in state_dict:
                    raise CheckpointMismatchError(
                        f'{self.checkpoint}: index_map given but no {self.prefix}{key}')
                if int(index.max()) >= state_dict[key].shape[0]:
                    raise CheckpointMismatchError(
                        f'{self.index_map}: index {int(index.max())} out of range for '
                        f'{self.prefix}{key} of {state_dict[key].shape[0]} classes')
                state_dict[key] = state_dict[key][index]
        report = compare_keys(state_dict, module.state_dict())
        unexpected = [k for k in report['unexpected'] if k not in FINAL_NORMS]
        missing = [k for k in report['missing'] if k not in FINAL_NORMS]
        if report['mismatched'] or (self.strict and (unexpected or missing)):
            raise CheckpointMismatchError(
                f'{self.checkpoint} ({fmt}) does not fit {type(module).__name__} '
                f'(prefix {self.prefix!r}):\n' + describe_mismatch(
                    dict(missing=missing, unexpected=unexpected,
                         mismatched=report['mismatched'])))
        fitting = {k: v for k, v in state_dict.items() if k in module.state_dict()}
        module.load_state_dict(fitting, strict=False)
        print_log(f'loaded {len(fitting)} tensors from {self.checkpoint} ({fmt}); '
                  f'left as initialised: {report["missing"] or "none"}; '
                  f'not used: {report["unexpected"] or "none"}', logger='current')
