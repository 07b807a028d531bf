from .param_sync_check_hook import ParamSyncCheckHook
from .plugin_keys_hook import PluginKeysHook

__all__ = ['ParamSyncCheckHook', 'PluginKeysHook']
