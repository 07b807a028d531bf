from .atomic_checkpoint_hook import AtomicCheckpointHook
from .non_finite_loss_hook import NonFiniteLossHook
from .param_sync_check_hook import ParamSyncCheckHook

__all__ = ['AtomicCheckpointHook', 'NonFiniteLossHook', 'ParamSyncCheckHook']
