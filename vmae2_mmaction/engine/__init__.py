from .config import (build_runner, dataset_configs, fill_blending_classes, fill_mask_geometry,
                     load_config, mask_settings)
from .distributed import CPUDistributedDataParallel, prepare_launcher
from .hooks import ParamSyncCheckHook
from .optimizers import LayerDecayOptimWrapperConstructor, layered_modules
from .schedulers import CosineToMinLR

__all__ = [
    'build_runner', 'load_config', 'dataset_configs', 'fill_mask_geometry', 'fill_blending_classes',
    'mask_settings', 'prepare_launcher', 'CPUDistributedDataParallel', 'ParamSyncCheckHook',
    'LayerDecayOptimWrapperConstructor', 'layered_modules', 'CosineToMinLR'
]
