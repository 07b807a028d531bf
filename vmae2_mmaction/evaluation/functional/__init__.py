from .localization_map import ANET_TIOUS, THUMOS_TIOUS, localization_map

__all__ = ['localization_map', 'THUMOS_TIOUS', 'ANET_TIOUS']
