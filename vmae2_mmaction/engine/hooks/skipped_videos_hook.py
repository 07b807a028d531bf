"""How many unreadable videos training skipped, said at the end of every epoch."""
import os

from mmaction.registry import HOOKS
from mmengine.hooks import Hook


def logged_datasets(dataset):
    """``dataset`` and the datasets inside it (wrappers, concatenations) that
    log the videos they skip (``GuardedSamplesMixin.skipped_log``)."""
    if getattr(dataset, 'skipped_log', None):
        yield dataset
    for child in [getattr(dataset, 'dataset', None), *getattr(dataset, 'datasets', [])]:
        if child is not None:
            yield from logged_datasets(child)


@HOOKS.register_module()
class SkippedVideosHook(Hook):
    """At the end of every training epoch, one warning with the number and
    names of the videos skipped as unreadable (``on_corrupt='skip'``) during
    it; nothing when there were none."""

    def after_train_epoch(self, runner) -> None:
        skipped = []
        for dataset in logged_datasets(runner.train_dataloader.dataset):
            if os.path.isfile(dataset.skipped_log):
                with open(dataset.skipped_log, 'r+') as f:
                    skipped += f.read().split()
                    f.truncate(0)
        if skipped:
            names = ', '.join(skipped[:10]) + (', ...' if len(skipped) > 10 else '')
            runner.logger.warning(f'epoch {runner.epoch + 1}: {len(skipped)} unreadable videos '
                                  f'skipped (on_corrupt="skip"): {names}')

    def after_run(self, runner) -> None:
        loader = getattr(runner, '_train_dataloader', None)
        dataset = getattr(loader, 'dataset', None)
        for logged in logged_datasets(dataset) if dataset is not None else []:
            if os.path.isfile(logged.skipped_log):
                os.remove(logged.skipped_log)
