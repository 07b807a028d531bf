from .layer_decay_optim_wrapper_constructor import (LayerDecayOptimWrapperConstructor,
                                                    layered_modules)

__all__ = ['LayerDecayOptimWrapperConstructor', 'layered_modules']
