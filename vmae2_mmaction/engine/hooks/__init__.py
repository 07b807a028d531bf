from .atomic_checkpoint_hook import AtomicCheckpointHook
from .non_finite_loss_hook import NonFiniteLossHook
from .param_sync_check_hook import ParamSyncCheckHook
from .skipped_videos_hook import SkippedVideosHook

__all__ = ['AtomicCheckpointHook', 'NonFiniteLossHook', 'ParamSyncCheckHook', 'SkippedVideosHook']
