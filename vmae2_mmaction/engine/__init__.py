from .config import build_runner, load_config
from .distributed import CPUDistributedDataParallel, prepare_launcher
from .hooks import ParamSyncCheckHook
from .optimizers import LayerDecayOptimWrapperConstructor, layered_modules

__all__ = ['build_runner', 'load_config', 'prepare_launcher',
           'CPUDistributedDataParallel', 'ParamSyncCheckHook',
           'LayerDecayOptimWrapperConstructor', 'layered_modules']
