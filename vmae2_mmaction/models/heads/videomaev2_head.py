"""The reference's classification head: dropout + linear on pooled features."""
import json
from typing import Optional

import torch
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
        index_map (str, optional): a JSON list of row indices of ``fc_cls``;
            the scores are those rows in that order, e.g. a 710-way Kinetics-710
            head read in the Kinetics-400 class order
            (``tools/data/kinetics/label_710to400.json``): [N, len(index_map)].
        **kwargs: ``TimeSformerHead``'s (loss, average_clips, ...).
    """

    def __init__(self,
                 num_classes: int,
                 in_channels: int,
                 dropout_ratio: float = 0.,
                 init_std: float = 0.02,
                 init_scale: float = 0.001,
                 index_map: Optional[str] = None,
                 **kwargs):
        super().__init__(
            num_classes, in_channels, dropout_ratio=dropout_ratio, init_std=init_std, **kwargs)
        self.init_scale = init_scale
        self.index_map = index_map
        if index_map is not None:
            with open(index_map) as f:
                index = json.load(f)
            if not (isinstance(index, list) and index and all(type(i) is int for i in index)
                    and 0 <= min(index) <= max(index) < num_classes):
                raise ValueError(f'{index_map}: expected a JSON list of row indices '
                                 f'in [0, {num_classes}) (num_classes)')
            self.register_buffer(
                'out_index', torch.tensor(index, dtype=torch.long), persistent=False)

    def init_weights(self) -> None:
        """The reference's init, then ``init_cfg`` (e.g. a sliced K710 head
        through ``VideoMAEv2Pretrained`` with an ``index_map``)."""
        trunc_normal_init(self.fc_cls, std=self.init_std, bias=0.)
        self.fc_cls.weight.data.mul_(self.init_scale)
        self.fc_cls.bias.data.mul_(self.init_scale)
        if self.init_cfg:
            BaseModule.init_weights(self)

    def forward(self, x: torch.Tensor, **kwargs) -> torch.Tensor:
        """[N, in_channels] -> [N, num_classes] (or [N, len(index_map)])."""
        scores = super().forward(x, **kwargs)
        return scores if self.index_map is None else scores[:, self.out_index]

    def extra_repr(self) -> str:
        extra = f', index_map={self.index_map!r}' if self.index_map else ''
        return f'init_scale={self.init_scale}{extra}'
