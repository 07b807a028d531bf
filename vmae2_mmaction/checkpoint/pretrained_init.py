"""``init_cfg`` that loads plugin, official or MMAction2 weights into a module."""
from typing import Optional

from mmaction.registry import WEIGHT_INITIALIZERS

from .loading import load_checkpoint

# The backbone's final norm depends on its output: `norm` of the tokens
# (pre-training, detection feature maps) or `fc_norm` of the token mean
# (recognition, as the reference's fine-tuning). Moving between them, the
# source's final norm is not used and the target's starts fresh (as MMAction2
# does when its AVA detector starts from a recognizer).
FINAL_NORMS = ('norm.weight', 'norm.bias', 'fc_norm.weight', 'fc_norm.bias')


@WEIGHT_INITIALIZERS.register_module(name='VideoMAEv2Pretrained')
class VideoMAEv2PretrainedInit:
    """Load weights of any supported format (see ``checkpoint.convert``) into
    the module that holds this ``init_cfg``.

    Registered as ``'VideoMAEv2Pretrained'``, named as MMEngine names every
    weight initializer: the class ``XInit`` under the config type ``'X'``
    (``PretrainedInit`` is ``type='Pretrained'``).

    Args:
        checkpoint (str): path of the checkpoint.
        prefix (str): the part of the (converted) state dict for this module,
            e.g. 'backbone.' for a backbone; '' for a whole model.
        strict (bool): keys must match but for the final norms
            (``checkpoint.check_fit``'s rule); shapes must always match.
        index_map (str, optional): a JSON list of class indices; the rows of
            ``fc_cls`` are taken in that order (e.g. a K710 head sliced to the
            K400 classes: use with ``prefix='cls_head.'`` on the head).
    """

    def __init__(self,
                 checkpoint: str,
                 prefix: str = 'backbone.',
                 strict: bool = True,
                 index_map: Optional[str] = None):
        self.checkpoint, self.prefix, self.strict = checkpoint, prefix, strict
        self.index_map = index_map

    def __call__(self, module) -> None:
        load_checkpoint(
            module,
            self.checkpoint,
            self.prefix,
            self.strict,
            may_differ=FINAL_NORMS,
            index_map=self.index_map)
