from .localization_metric import LocalizationMetric, read_results

__all__ = ['LocalizationMetric', 'read_results']
