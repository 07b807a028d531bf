"""Verify that data-parallel ranks hold identical weights."""
import hashlib
import json
import os
import os.path as osp

from mmaction.registry import HOOKS
from mmengine.dist import all_gather_object, get_rank, get_world_size
from mmengine.hooks import Hook
from mmengine.model import is_model_wrapper


@HOOKS.register_module()
class ParamSyncCheckHook(Hook):
    """At the end of training, hash every parameter on every rank, write the
    hashes to ``work_dir/param_hashes/rank{R}.json`` and raise if any rank
    differs from rank 0 (naming the parameters). A cheap guard against
    silently diverging replicas (e.g. a parameter left out of DDP's sync)."""

    priority = 'VERY_LOW'

    @staticmethod
    def param_hashes(model) -> dict:
        return {
            name: hashlib.sha256(p.detach().cpu().contiguous().numpy().tobytes()).hexdigest()
            for name, p in model.named_parameters()
        }

    def after_train(self, runner) -> None:
        model = runner.model.module if is_model_wrapper(runner.model) else runner.model
        hashes = self.param_hashes(model)
        out_dir = osp.join(runner.work_dir, 'param_hashes')
        os.makedirs(out_dir, exist_ok=True)
        with open(osp.join(out_dir, f'rank{get_rank()}.json'), 'w') as f:
            json.dump(hashes, f, indent=0, sort_keys=True)
        all_hashes = all_gather_object(hashes)
        differing = sorted({
            name
            for other in all_hashes[1:]
            for name, h in other.items() if all_hashes[0].get(name) != h
        })
        if differing:
            raise RuntimeError(f'parameters differ across ranks: {", ".join(differing)}')
        runner.logger.info(f'ParamSyncCheckHook: {len(hashes)} parameters identical '
                           f'on {get_world_size()} rank(s)')
