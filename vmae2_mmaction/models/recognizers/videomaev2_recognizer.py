"""MMAction2's 3D recognizer, loading every checkpoint format."""
from typing import Optional

from mmaction.models.recognizers import Recognizer3D
from mmaction.registry import MODELS

from ...checkpoint.state_dict_hooks import register_model_hook
from ..data_preprocessors.blending_classes import with_blending_classes


@MODELS.register_module()
class VideoMAEv2Recognizer(Recognizer3D):
    """MMAction2's ``Recognizer3D`` (backbone -> head; test views averaged by
    the head) that

    - loads official, MMAction2 and plugin checkpoints alike and refuses one
      that does not fill it (``vmae2_mmaction.checkpoint.state_dict_hooks``),
      whichever tool loads it: ``init_recognizer``, ``load_from``, ``--resume``;
    - gives Mixup / CutMix of its data preprocessor the head's
      ``num_classes`` when they leave it unset.

    Args: those of ``Recognizer3D``.
    """

    def __init__(self,
                 backbone: dict,
                 cls_head: Optional[dict] = None,
                 neck: Optional[dict] = None,
                 train_cfg: Optional[dict] = None,
                 test_cfg: Optional[dict] = None,
                 data_preprocessor: Optional[dict] = None):
        if cls_head is not None:
            data_preprocessor = with_blending_classes(data_preprocessor, cls_head['num_classes'])
        super().__init__(
            backbone,
            cls_head=cls_head,
            neck=neck,
            train_cfg=train_cfg,
            test_cfg=test_cfg,
            data_preprocessor=data_preprocessor)
        register_model_hook(self)
