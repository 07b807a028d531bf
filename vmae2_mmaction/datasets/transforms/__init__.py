from .masking import RunningCellMasking, TubeMasking

__all__ = ['TubeMasking', 'RunningCellMasking']
