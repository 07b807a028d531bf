from .config import load_config
from .distributed import CPUDistributedDataParallel, prepare_launcher

__all__ = ['load_config', 'prepare_launcher', 'CPUDistributedDataParallel']
