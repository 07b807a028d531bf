"""Random draws of the data pipeline that depend on the sample, not on the process.

A pipeline's random choices (frame sampling, crops, flips, RandAugment,
erasing, masks) come from the global ``random`` / NumPy / torch generators of
whatever process runs it: a loader worker reseeded to the same state every
epoch (``persistent_workers=False``), or the main process (``num_workers=0``,
where every rank would draw the same), and a resumed run draws other values
than the run it continues. Here the sampler, which knows the seed, the epoch
and the rank, hands every index a seed of its own, and the dataset runs the
pipeline under it:

    seed of sample idx = f(seed, epoch, rank, idx)   (repeats of a sample: in order)

so the draws differ across epochs, ranks and samples, whatever the loader's
workers, and a resumed run draws what the uninterrupted one did.
"""
import contextlib
import random
from typing import Iterator

import numpy as np
import torch
from mmaction.registry import DATA_SAMPLERS, DATASETS
from mmengine.dataset import ConcatDataset, DefaultSampler


class SeededIndex(int):
    """A dataset index carrying the seed of its sample's random draws."""

    def __new__(cls, index: int, seed: int):
        obj = super().__new__(cls, index)
        obj.seed = seed
        return obj

    def __reduce__(self):  # to the loader's workers, seed included
        return SeededIndex, (int(self), self.seed)


def sample_seed(seed: int, epoch: int, rank: int, index: int) -> int:
    """A 32-bit seed from the four numbers (NumPy's ``SeedSequence``)."""
    return int(np.random.SeedSequence([seed, epoch, rank, index]).generate_state(1)[0])


@DATA_SAMPLERS.register_module()
class SeededSampler(DefaultSampler):
    """MMEngine's ``DefaultSampler`` (same order, same arguments) whose
    indices carry their sample's seed (``SeededIndex``)."""

    def __iter__(self) -> Iterator[int]:
        for index in super().__iter__():
            yield SeededIndex(index, sample_seed(self.seed, self.epoch, self.rank, index))


@DATASETS.register_module()
class SeededConcatDataset(ConcatDataset):
    """MMEngine's ``ConcatDataset`` that passes a ``SeededIndex``'s seed on to
    the dataset it picks."""

    def __getitem__(self, idx):
        if not self._fully_initialized:
            self.full_init()
        dataset_idx, sample_idx = self._get_ori_dataset_idx(idx)
        seed = getattr(idx, 'seed', None)
        if seed is not None:
            sample_idx = SeededIndex(sample_idx, seed)
        return self.datasets[dataset_idx][sample_idx]


@contextlib.contextmanager
def seeded_random(seed):
    """Seed ``random``, NumPy and torch (CPU) with ``seed`` inside the block and
    give the process its own states back after it; nothing when ``seed`` is None."""
    if seed is None:
        yield
        return
    states = random.getstate(), np.random.get_state(), torch.random.get_rng_state()
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    try:
        yield
    finally:
        random.setstate(states[0])
        np.random.set_state(states[1])
        torch.random.set_rng_state(states[2])
