"""Stop a run at its first NaN or inf loss, before anything is saved from it."""
import math

import torch
from mmaction.registry import HOOKS
from mmengine.hooks import Hook

from ..errors import NonFiniteError

ADVICE = ('Try a lower lr (optim_wrapper.optimizer.lr), bf16 instead of fp16 '
          '(optim_wrapper.dtype=bfloat16), or gradient clipping '
          '(optim_wrapper.clip_grad=dict(max_norm=...))')


@HOOKS.register_module()
class NonFiniteLossHook(Hook):
    """Raises ``NonFiniteError`` after the first training iteration whose loss
    terms, or gradient norm (logged when ``clip_grad`` is set), are NaN or
    inf, naming the iteration, the terms and what to try. It runs before
    ``CheckpointHook`` in the same iteration, so no checkpoint is written
    after the failure and the last one written is the last good one.

    The gradient norm is not checked under a dynamic fp16 loss scaler
    (``AmpOptimWrapper``), which skips overflowing steps by design.
    """

    priority = 'ABOVE_NORMAL'

    def after_train_iter(self, runner, batch_idx, data_batch=None, outputs=None) -> None:
        terms = {
            k: float(v.detach()) if torch.is_tensor(v) else float(v)
            for k, v in (outputs or {}).items() if k.startswith('loss')
        }
        bad = {k: v for k, v in terms.items() if not math.isfinite(v)}
        scaler = getattr(runner.optim_wrapper, 'loss_scaler', None)
        scalars = runner.message_hub.log_scalars
        if not bad and scaler is None and 'train/grad_norm' in scalars:
            grad_norm = scalars['train/grad_norm'].current()
            if not math.isfinite(grad_norm):
                bad = {'grad_norm': grad_norm}
        if bad:
            last = runner.message_hub.get_info('last_ckpt', None)
            values = ', '.join(f'{k}={v}' for k, v in {**terms, **bad}.items())
            raise NonFiniteError(
                f'non-finite training loss at iteration {runner.iter + 1} (epoch '
                f'{runner.epoch + 1}): {values}; the run stops, the last checkpoint is '
                f'{last or "none (none written yet)"}. {ADVICE}')
