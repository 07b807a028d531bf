from .non_blocking_data_preprocessor import NonBlockingActionDataPreprocessor

__all__ = ['NonBlockingActionDataPreprocessor']
