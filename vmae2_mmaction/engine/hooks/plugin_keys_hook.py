"""MMEngine loads official and MMAction2 checkpoints as the plugin's own."""
from mmaction.registry import HOOKS
from mmengine.hooks import Hook

from ...checkpoint import to_plugin, unwrap_state_dict


@HOOKS.register_module()
class PluginKeysHook(Hook):
    """Renames the weights of a checkpoint MMEngine has just read (``load_from``,
    resuming) to the plugin's keys, in memory and on every rank, before they
    are loaded into the model (MMEngine's ``after_load_checkpoint`` point).
    Plugin checkpoints pass unchanged. ``vmae2_mmaction.engine.build_runner``
    adds it; it checks the weights first (``checkpoint.check_fit``)."""

    priority = 'VERY_HIGH'

    def after_load_checkpoint(self, runner, checkpoint: dict) -> None:
        checkpoint['state_dict'] = to_plugin(unwrap_state_dict(checkpoint))[0]
