"""MMAction2's data preprocessor with MMEngine's asynchronous host-to-device copy."""
from mmaction.models import ActionDataPreprocessor
from mmaction.registry import MODELS


@MODELS.register_module()
class NonBlockingActionDataPreprocessor(ActionDataPreprocessor):
    """``ActionDataPreprocessor`` whose copy to the device does not block.

    The loader delivers uint8 clips (4x less to copy than float32); with its
    ``pin_memory=True`` they are copied asynchronously (``non_blocking``), then
    stacked, cast and normalised on the device. MMEngine's
    ``BaseDataPreprocessor`` has the option; MMAction2's subclass does not pass
    it on, hence this class. Arguments: those of ``ActionDataPreprocessor``
    plus ``non_blocking`` (bool).
    """

    def __init__(self, non_blocking: bool = True, **kwargs):
        super().__init__(**kwargs)
        self._non_blocking = non_blocking
