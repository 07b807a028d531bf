"""Distributed runs on machines without a GPU (gloo on CPU).

MMEngine's runner assumes one GPU per process: it calls
``torch.cuda.set_device`` and gives DDP ``device_ids=[LOCAL_RANK]``. On a CPU
machine we initialise the gloo process group before the runner does (it then
skips its own initialisation) and wrap the model in a DDP that leaves
``device_ids`` unset for a CPU module.
"""
import datetime
import os

import torch
import torch.distributed as torch_dist
from mmengine.model import MMDistributedDataParallel
from mmengine.registry import MODEL_WRAPPERS

from .errors import ConfigError


# Registered in MMEngine's root registry: the runner looks wrappers up there
# with `MODEL_WRAPPERS.get`, which does not search child (mmaction) registries.
@MODEL_WRAPPERS.register_module()
class CPUDistributedDataParallel(MMDistributedDataParallel):
    """``MMDistributedDataParallel`` for a model on CPU (no ``device_ids``)."""

    def __init__(self, module, device_ids=None, **kwargs):
        super().__init__(module=module, device_ids=None, **kwargs)


# MMEngine strategies that shard or offload through CUDA-only code paths.
GPU_ONLY_STRATEGIES = ('FSDPStrategy', 'DeepSpeedStrategy', 'ColossalAIStrategy')

# Strategies that wrap the model in a process group the launcher must start.
PROCESS_GROUP_STRATEGIES = ('DDPStrategy', 'FSDPStrategy', 'FSDP2Strategy')


def prepare_launcher(cfg) -> None:
    """Make ``cfg`` run under its launcher on this machine (``Runner``, or
    ``FlexibleRunner`` with its DDP strategy)."""
    launcher = cfg.get('launcher', 'none')
    flexible = cfg.get('runner_type', 'Runner') != 'Runner'
    strategy = (cfg.get('strategy') or {}).get('type')
    if launcher == 'none' and flexible and strategy in PROCESS_GROUP_STRATEGIES:
        raise ConfigError(f'strategy {strategy} needs a distributed launch: '
                          'start it with tools/dist_train.sh / dist_test.sh (or '
                          '--launcher pytorch|slurm|mpi)')
    if launcher == 'none' or torch.cuda.is_available():
        return
    # (Config.setdefault returns a copy of what it inserts: assign, then read)
    cfg.env_cfg = cfg.get('env_cfg') or {}
    cfg.env_cfg.dist_cfg = dict(cfg.env_cfg.get('dist_cfg') or {}, backend='gloo')
    if not flexible:
        owner, key = cfg, 'model_wrapper_cfg'
    else:  # FlexibleRunner: the strategy wraps the model
        cfg.strategy = cfg.get('strategy') or dict(type='DDPStrategy')
        owner, key = cfg.strategy, 'model_wrapper'
        if owner.get('type') in GPU_ONLY_STRATEGIES:
            raise ConfigError(f"strategy {owner['type']} needs CUDA GPUs and "
                              'this machine has none; use FSDP2Strategy (sharded, runs on CPU '
                              'too) or DDPStrategy')
    wrapper = owner.get(key) or {}
    if wrapper.get('type', 'MMDistributedDataParallel') == 'MMDistributedDataParallel':
        owner[key] = dict(
            wrapper,
            type='CPUDistributedDataParallel',
            broadcast_buffers=False,
            find_unused_parameters=cfg.get('find_unused_parameters', False))
    if cfg.launcher == 'pytorch' and not torch_dist.is_initialized():
        timeout = cfg.env_cfg.dist_cfg.get('timeout', 1800)
        torch_dist.init_process_group(
            backend='gloo',
            rank=int(os.environ['RANK']),
            world_size=int(os.environ['WORLD_SIZE']),
            timeout=datetime.timedelta(seconds=timeout))
