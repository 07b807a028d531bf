from .config import load_config
from .distributed import CPUDistributedDataParallel, prepare_launcher
from .hooks import ParamSyncCheckHook

__all__ = ['load_config', 'prepare_launcher', 'CPUDistributedDataParallel',
           'ParamSyncCheckHook']
