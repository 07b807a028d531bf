"""Cosine annealing to a minimum lr written as the official scripts write it."""
from mmaction.registry import PARAM_SCHEDULERS
from mmengine.optim import CosineAnnealingLR


@PARAM_SCHEDULERS.register_module()
class CosineToMinLR(CosineAnnealingLR):
    """MMEngine's ``CosineAnnealingLR`` down to ``min_lr`` given beside the
    optimizer's lr, as the official scripts give ``--min_lr`` beside ``--lr``:
    both are scaled alike (``auto_scale_lr``: x total batch / 256) and, with
    layer decay, per parameter group. It is ``eta_min_ratio = min_lr / lr``
    with lr read from the optimizer's config, so a config that changes the
    lr does not restate the schedule.

    Args:
        min_lr (float): the minimum, at the optimizer's configured lr's scale.
        **kwargs: ``CosineAnnealingLR``'s (not ``eta_min`` / ``eta_min_ratio``).
    """

    def __init__(self, optimizer, min_lr: float, **kwargs):
        # OptimWrapper or torch optimizer; `defaults` keep the configured lr
        # (auto_scale_lr and layer decay change the parameter groups only)
        lr = getattr(optimizer, 'optimizer', optimizer).defaults['lr']
        super().__init__(optimizer, eta_min_ratio=min_lr / lr, **kwargs)
