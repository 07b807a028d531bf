from .flops import count_flops, model_inputs_from_config

__all__ = ['count_flops', 'model_inputs_from_config']
