from .param_sync_check_hook import ParamSyncCheckHook

__all__ = ['ParamSyncCheckHook']
