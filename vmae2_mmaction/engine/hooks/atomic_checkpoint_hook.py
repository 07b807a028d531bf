"""MMEngine's CheckpointHook made crash-safe: a kill at any moment costs at most the checkpoint
being written, and resuming skips a damaged one."""
import glob
import os
import os.path as osp
import re
import shutil

import torch
import torch.distributed as dist
from mmaction.registry import HOOKS
from mmengine.dist import is_main_process
from mmengine.hooks import CheckpointHook
from mmengine.logging import print_log
from mmengine.model import is_model_wrapper

from ...checkpoint import CheckpointError, read_checkpoint_file
from ..errors import NonFiniteError
from .non_finite_loss_hook import ADVICE

TMP_SUFFIX = '.tmp'


def fsync(path: str) -> None:
    """Flush a file, or a folder's entries, to the disk."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def replace_durably(tmp: str, final: str) -> None:
    """Put ``tmp`` (a file, or a folder of shards) in place of ``final``: its
    data flushed to the disk first, then one rename, then the folder's entry
    flushed, so ``final`` is at every moment the old version or the new one."""
    if osp.isdir(tmp):
        for root, _, files in os.walk(tmp):
            for name in files:
                fsync(osp.join(root, name))
        if osp.isdir(final):  # the same step saved again (rename cannot replace a folder)
            shutil.rmtree(final)
    else:
        fsync(tmp)
    os.replace(tmp, final)
    fsync(osp.dirname(osp.abspath(final)))


def write_text_durably(path: str, text: str) -> None:
    tmp = path + TMP_SUFFIX
    with open(tmp, 'w') as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
    fsync(osp.dirname(osp.abspath(path)))


def non_finite_parameters(model: torch.nn.Module) -> list:
    """Names of the parameters and buffers holding NaN or inf."""
    model = model.module if is_model_wrapper(model) else model
    tensors = list(model.named_parameters()) + list(model.named_buffers())
    return [name for name, t in tensors if t.is_floating_point() and not torch.isfinite(t).all()]


@HOOKS.register_module()
class AtomicCheckpointHook(CheckpointHook):
    """``CheckpointHook`` (same arguments) whose writes survive a kill at any moment:

    - every checkpoint, and ``last_checkpoint``, is written to ``NAME.tmp`` in
      the same folder, flushed to the disk (fsync) and renamed into place;
    - the checkpoints beyond ``max_keep_ckpts`` are removed only after the
      new one is in place (MMEngine removes the oldest first);
    - a model holding NaN or inf is never saved: ``NonFiniteError`` names
      the tensors and the last good checkpoint stays;
    - ``--resume`` (auto) reads the newest checkpoint first; a damaged or
      missing one is named and the newest one that reads is resumed instead;
      ``.tmp`` files of interrupted writes are removed.
    """

    def checkpoint_dir(self, runner) -> str:
        """Where the checkpoints go (``CheckpointHook.before_train``'s rule)."""
        if self.out_dir is None or self.out_dir == runner.work_dir:
            return runner.work_dir
        return osp.join(self.out_dir, osp.basename(runner.work_dir.rstrip(osp.sep)))

    def before_run(self, runner) -> None:
        super().before_run(runner)
        folder = self.checkpoint_dir(runner)
        if is_main_process():
            for tmp in glob.glob(osp.join(folder, '*' + TMP_SUFFIX)):
                (shutil.rmtree if osp.isdir(tmp) else os.remove)(tmp)
        if runner._resume and runner._load_from is None:
            runner._load_from = self.newest_readable(runner, folder)

    def newest_readable(self, runner, folder: str):
        """The newest checkpoint of ``folder`` that reads (``last_checkpoint``'s
        first, then by step), naming every one skipped; None if there is none."""
        pattern = re.compile(re.escape(self.filename_tmpl).replace(r'\{\}', r'(\d+)') + '$')
        found = sorted(((int(m[1]), osp.join(folder, name))
                        for name in os.listdir(folder) if (m := pattern.match(name))),
                       reverse=True) if osp.isdir(folder) else []
        candidates = [path for _, path in found]
        last = osp.join(runner.work_dir, 'last_checkpoint')
        if osp.isfile(last):
            with open(last) as f:
                named = f.read().strip()
            if named and named not in candidates:
                candidates.insert(0, named)
        for path in candidates:
            if osp.isdir(path):  # a sharded checkpoint: its strategy reads it
                return path
            try:
                read_checkpoint_file(path)
            except CheckpointError as e:
                print_log(
                    f'cannot resume from {path}, skipping it: {e}', logger='current', level=30)
                continue
            if path != candidates[0]:
                print_log(
                    f'resuming from {path}, the newest checkpoint that reads',
                    logger='current',
                    level=30)
            return path
        if candidates:
            raise CheckpointError(f'cannot resume: no checkpoint in {folder} reads '
                                  f'({", ".join(candidates)}; reasons above)')
        return None

    def save_atomically(self, runner, filename: str, **kwargs) -> None:
        """``runner.save_checkpoint`` into ``filename`` by way of ``filename.tmp``."""
        bad = non_finite_parameters(runner.model)
        if bad:
            raise NonFiniteError(
                f'not saving {filename}: {len(bad)} tensors of the model hold NaN or inf '
                f'({", ".join(bad[:5])}{", ..." if len(bad) > 5 else ""}); the run stops, '
                f'the last checkpoint stays the last good one: {self.last_ckpt or "none yet"}. '
                f'{ADVICE}')
        type(runner).save_checkpoint(runner, self.out_dir, filename + TMP_SUFFIX, **kwargs)
        if dist.is_available() and dist.is_initialized():
            dist.barrier()  # every rank's shards written
        if is_main_process():
            replace_durably(
                osp.join(self.out_dir, filename + TMP_SUFFIX), osp.join(self.out_dir, filename))
            print_log(f'checkpoint {filename} written', logger='current')

    def _save_checkpoint_with_step(self, runner, step, meta):
        outdated = None
        if self.max_keep_ckpts > 0 and not (self.keep_ckpt_ids and self.keep_ckpt_ids[-1] == step):
            if len(self.keep_ckpt_ids) == self.max_keep_ckpts:
                outdated = self.keep_ckpt_ids.popleft()
            self.keep_ckpt_ids.append(step)
            # The new checkpoint still lists the outdated one: were the run killed
            # before the removal below, resuming from it removes the outdated one
            # (CheckpointHook.before_train trims the list to max_keep_ckpts).
            pending = [outdated] if outdated is not None else []
            runner.message_hub.update_info('keep_ckpt_ids', pending + list(self.keep_ckpt_ids))
        filename = self.filename_tmpl.format(step)
        runner.message_hub.update_info('last_ckpt', osp.join(self.out_dir, filename))
        self.save_atomically(
            runner,
            filename,
            file_client_args=self.file_client_args,
            save_optimizer=self.save_optimizer,
            save_param_scheduler=self.save_param_scheduler,
            meta=meta,
            by_epoch=self.by_epoch,
            backend_args=self.backend_args,
            **self.args)
        self.last_ckpt = osp.join(self.out_dir, filename)
        if outdated is not None:
            runner.message_hub.update_info('keep_ckpt_ids', list(self.keep_ckpt_ids))
        if not is_main_process():
            return
        write_text_durably(osp.join(runner.work_dir, 'last_checkpoint'), self.last_ckpt)
        if outdated is not None:
            path = osp.join(self.out_dir, self.filename_tmpl.format(outdated))
            if osp.isdir(path):
                shutil.rmtree(path)
            elif osp.isfile(path):
                os.remove(path)

    def _save_best_checkpoint(self, runner, metrics) -> None:
        # MMEngine's logic, with its best checkpoint written atomically too
        runner.save_checkpoint = lambda out_dir, filename, **kw: self.save_atomically(
            runner, filename, **kw)
        try:
            super()._save_best_checkpoint(runner, metrics)
        finally:
            del runner.save_checkpoint
