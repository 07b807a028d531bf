from .cosine_to_min_lr import CosineToMinLR

__all__ = ['CosineToMinLR']
