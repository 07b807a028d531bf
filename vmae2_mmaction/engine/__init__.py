from .config import dataset_configs, load_config, mask_settings
from .distributed import CPUDistributedDataParallel, prepare_launcher
from .errors import ConfigError, NonFiniteError
from .fsdp2_strategy import FSDP2Strategy
from .hooks import ParamSyncCheckHook
from .optimizers import LayerDecayOptimWrapperConstructor, layered_modules
from .runner import build_runner
from .schedulers import CosineToMinLR

__all__ = [
    'build_runner', 'load_config', 'ConfigError', 'NonFiniteError', 'dataset_configs',
    'mask_settings', 'prepare_launcher', 'CPUDistributedDataParallel', 'FSDP2Strategy',
    'ParamSyncCheckHook', 'LayerDecayOptimWrapperConstructor', 'layered_modules', 'CosineToMinLR'
]
