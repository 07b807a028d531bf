"""The reference's classification head: dropout + linear on pooled features."""
from mmaction.models.heads import TimeSformerHead
from mmaction.registry import MODELS
from mmengine.model import BaseModule
from mmengine.model.weight_init import trunc_normal_init


@MODELS.register_module()
class VideoMAEv2Head(TimeSformerHead):
    """MMAction2's ``TimeSformerHead`` ([N, C] -> dropout -> ``fc_cls``) with
    the reference's initialisation: truncated normal (std ``init_std``),
    weight and bias then multiplied by ``init_scale`` (0.001 in the official
    fine-tuning scripts).

    Args:
        num_classes, in_channels: as ``TimeSformerHead``.
        dropout_ratio (float): head dropout (reference ``--head_drop_rate``).
        init_scale (float): scale of the initial weights.
        **kwargs: ``TimeSformerHead``'s (loss, average_clips, ...).
    """

    def __init__(self, num_classes: int, in_channels: int,
                 dropout_ratio: float = 0., init_std: float = 0.02,
                 init_scale: float = 0.001, **kwargs):
        super().__init__(num_classes, in_channels, dropout_ratio=dropout_ratio,
                         init_std=init_std, **kwargs)
        self.init_scale = init_scale

    def init_weights(self) -> None:
        """The reference's init, then ``init_cfg`` (e.g. a sliced K710 head
        through ``VideoMAEv2Pretrained`` with an ``index_map``)."""
        trunc_normal_init(self.fc_cls, std=self.init_std, bias=0.)
        self.fc_cls.weight.data.mul_(self.init_scale)
        self.fc_cls.bias.data.mul_(self.init_scale)
        if self.init_cfg:
            BaseModule.init_weights(self)

    def extra_repr(self) -> str:
        return f'init_scale={self.init_scale}'
