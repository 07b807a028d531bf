from .config import build_runner, load_config
from .distributed import CPUDistributedDataParallel, prepare_launcher
from .hooks import ParamSyncCheckHook

__all__ = ['build_runner', 'load_config', 'prepare_launcher',
           'CPUDistributedDataParallel', 'ParamSyncCheckHook']
