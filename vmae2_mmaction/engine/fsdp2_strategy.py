"""Fully sharded data parallel training with torch's FSDP2 (``fully_shard``) for FlexibleRunner.

MMEngine's ``FSDPStrategy`` wraps FSDP1 and on torch 2.13 cannot resume:
it calls ``FSDP.optim_state_dict_to_load`` with the argument order of torch
< 2.1, and its sharded checkpoints hold objects the safe loader refuses. This
strategy shards with FSDP2 instead (the transformer blocks, then the rest of
the model, each over every rank) and writes checkpoints that hold the full,
unsharded state (``torch.distributed.checkpoint.state_dict``): the same file
as a DDP run's, which every loader of the plugin reads, written by rank 0.
It runs on GPUs (NCCL) and on CPUs (gloo).
"""
import time
from typing import Callable, Optional, Sequence

import mmengine
import torch.nn as nn
from mmengine._strategy import DDPStrategy
from mmengine.device import get_device
from mmengine.dist import is_main_process
from mmengine.registry import STRATEGIES
from torch.distributed.checkpoint.state_dict import (StateDictOptions, get_model_state_dict,
                                                     get_optimizer_state_dict, set_model_state_dict,
                                                     set_optimizer_state_dict)
from torch.distributed.fsdp import fully_shard

FULL = StateDictOptions(full_state_dict=True, cpu_offload=True)


# Registered in MMEngine's root registry: FlexibleRunner builds its strategy
# there (MMAction2 has no strategy registry of its own).
@STRATEGIES.register_module()
class FSDP2Strategy(DDPStrategy):
    """``DDPStrategy`` with the model sharded by FSDP2 instead of replicated.

    Every module whose class name is in ``shard_modules`` (by default the
    transformer blocks of the encoder and decoder) is one shard unit, the
    model's remaining parameters another. Parameters, gradients and optimizer
    states are split over the ranks; the forward and backward gather a unit's
    parameters while it runs.

    Args:
        shard_modules (Sequence[str]): class names of the shard units.
        reshard_after_forward (bool): free a unit's gathered parameters after
            its forward (less memory, one more gather in the backward).
        **kwargs: ``DDPStrategy``'s (``model_wrapper`` is not used).

    Checkpoints hold the full state (model and optimizer keyed by parameter
    name), so a run can resume on another number of ranks, and its weights
    load anywhere a DDP run's do.
    """

    def __init__(self,
                 *,
                 shard_modules: Sequence[str] = ('Block', ),
                 reshard_after_forward: bool = True,
                 **kwargs):
        super().__init__(**kwargs)
        self.shard_modules = tuple(shard_modules)
        self.reshard_after_forward = reshard_after_forward

    def _wrap_model(self, model: nn.Module) -> nn.Module:
        model = model.to(get_device())
        units = [m for m in model.modules() if type(m).__name__ in self.shard_modules]
        if not units:
            raise ValueError(f'FSDP2Strategy: no module of {self.shard_modules} (shard_modules) '
                             f'in {type(model).__name__}')
        for unit in units:
            fully_shard(unit, reshard_after_forward=self.reshard_after_forward)
        fully_shard(model, reshard_after_forward=self.reshard_after_forward)
        local = sum(p.to_local().numel() for p in model.parameters())
        total = sum(p.numel() for p in model.parameters())
        self.logger.info(f'FSDP2Strategy: {len(units) + 1} shard units over {self.world_size} '
                         f'ranks, this rank holds {local} of {total} parameters')
        return model

    def model_state_dict(self) -> dict:
        """The full model state on rank 0 (an empty dict elsewhere); every
        rank must call it."""
        return get_model_state_dict(self.model, options=FULL)

    def optim_state_dict(self) -> dict:
        """The full optimizer state, keyed by parameter name, on rank 0."""
        return get_optimizer_state_dict(self.model, self.optim_wrapper.optimizer, options=FULL)

    def load_model_state_dict(self,
                              state_dict: dict,
                              *,
                              strict: bool = False,
                              revise_keys: list = ()) -> None:
        """Load a full state dict (every rank reads the file); the plugin's
        models convert and check it as they load it."""
        set_model_state_dict(
            self.model, state_dict, options=StateDictOptions(full_state_dict=True, strict=strict))

    def load_optim_state_dict(self, state_dict: dict) -> None:
        set_optimizer_state_dict(
            self.model,
            self.optim_wrapper.optimizer,
            state_dict,
            options=StateDictOptions(full_state_dict=True))

    def save_checkpoint(self,
                        filename: str,
                        *,
                        save_optimizer: bool = True,
                        save_param_scheduler: bool = True,
                        extra_ckpt: Optional[dict] = None,
                        callback: Optional[Callable] = None) -> None:
        """Gather the full state on every rank (a collective), then write it
        from rank 0 as ``DDPStrategy`` does."""
        from mmengine.runner.checkpoint import save_checkpoint
        checkpoint = dict(state_dict=self.model_state_dict())
        if save_optimizer and hasattr(self, 'optim_wrapper'):
            checkpoint['optimizer'] = self.optim_state_dict()
        if not is_main_process():
            return
        if save_param_scheduler and hasattr(self, 'param_schedulers'):
            checkpoint['param_schedulers'] = self.scheduler_state_dict()
        extra_ckpt = dict(extra_ckpt or {})
        extra_ckpt['meta'] = dict(
            extra_ckpt.get('meta') or {},
            seed=self.seed,
            time=time.strftime('%Y%m%d_%H%M%S', time.localtime()),
            mmengine=mmengine.__version__)
        checkpoint.update(extra_ckpt)
        if callback is not None:
            callback(checkpoint)
        save_checkpoint(checkpoint, filename)
