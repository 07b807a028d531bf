"""The pipelines' random draws are the sample's (seed, epoch, rank, index):
masks differ across epochs and ranks whatever the loader's workers, the same
epoch draws the same again, and a resumed run gives the uninterrupted run's
losses, on one process and on two."""
import os.path as osp

import pytest
import torch
from mmaction.registry import DATA_SAMPLERS, DATASETS
from mmengine.config import Config
from mmengine.dataset import pseudo_collate
from torch.utils.data import DataLoader

from tests.conftest import ROOT, killed_after_epoch, logged_losses, run_dist_tool, run_tool

SPRITES_PT = osp.join(ROOT,
                      'configs/demo/vit-tiny-p8_videomaev2-pt_8x1x1-375e_synthetic-sprites.py')


def masks_by_epoch(data_dir, epochs, rank=0, world_size=1, monkeypatch=None, **loader) -> list:
    """[{dataset index: encoder mask}] of the sprite pre-training dataset, one dict an epoch."""
    cfg = Config.fromfile(SPRITES_PT).train_dataloader
    dataset = DATASETS.build(
        dict(cfg.dataset, ann_file=f'{data_dir}/train.txt', data_prefix=dict(video=str(data_dir))))
    if monkeypatch is not None:
        monkeypatch.setattr('mmengine.dataset.sampler.get_dist_info', lambda: (rank, world_size))
    sampler = DATA_SAMPLERS.build(dict(cfg.sampler, seed=0), default_args=dict(dataset=dataset))
    out = []
    if loader.get('persistent_workers'):
        it_loader = DataLoader(
            dataset, batch_size=4, sampler=sampler, collate_fn=pseudo_collate, **loader)
    for epoch in epochs:
        sampler.set_epoch(epoch)
        if not loader.get('persistent_workers'):
            it_loader = DataLoader(
                dataset, batch_size=4, sampler=sampler, collate_fn=pseudo_collate, **loader)
        order = [int(i) for i in sampler]  # the loader's order this epoch
        drawn = [
            torch.as_tensor(sample.encoder_mask) for batch in it_loader
            for sample in batch['data_samples']
        ]
        out.append(dict(zip(order, drawn)))
    return out


def test_masks_differ_across_epochs_the_same_whatever_the_workers(synthetic_data):
    runs = [
        masks_by_epoch(synthetic_data, [0, 1, 0], num_workers=0),
        masks_by_epoch(synthetic_data, [0, 1, 0], num_workers=1, persistent_workers=False),
        masks_by_epoch(synthetic_data, [0, 1, 0], num_workers=2, persistent_workers=True),
    ]
    for epoch0, epoch1, epoch0_again in runs:
        assert len(epoch0) == 16
        # another epoch: other masks for (nearly) every video; the same epoch: the same
        assert sum(torch.equal(epoch0[v], epoch1[v]) for v in epoch0) <= 1
        assert all(torch.equal(epoch0[v], epoch0_again[v]) for v in epoch0)
    for other in runs[1:]:  # the draws are the sample's, not the process's
        for epoch in range(3):
            assert all(torch.equal(runs[0][epoch][v], other[epoch][v]) for v in runs[0][epoch])


def test_two_ranks_without_workers_draw_their_own_masks(synthetic_data, monkeypatch):
    rank0, = masks_by_epoch(synthetic_data, [0], 0, 2, monkeypatch, num_workers=0)
    rank1, = masks_by_epoch(synthetic_data, [0], 1, 2, monkeypatch, num_workers=0)
    assert len(rank0) == len(rank1) == 8 and not set(rank0) & set(rank1)
    pairs = list(zip(rank0.values(), rank1.values()))  # the same batch positions
    assert sum(torch.equal(a, b) for a, b in pairs) <= 1


@pytest.mark.slow
@pytest.mark.parametrize('processes', [1, 2])
def test_a_resumed_run_gives_the_uninterrupted_losses(synthetic_data, tmp_path, processes):
    options = [
        f'train_dataloader.dataset.ann_file={synthetic_data}/train.txt',
        f'train_dataloader.dataset.data_prefix.video={synthetic_data}',
        'train_dataloader.batch_size=4', 'default_hooks.logger.interval=1',
        'default_hooks.checkpoint.interval=1', 'default_hooks.checkpoint.max_keep_ckpts=-1',
        'randomness.seed=0'
    ]

    def train(work, epochs, *extra):
        args = [
            SPRITES_PT, *(['2'] if processes == 2 else []), '--work-dir',
            str(work), *extra, '--cfg-options', *options, f'train_cfg.max_epochs={epochs}'
        ]
        if processes == 2:
            run_dist_tool('dist_train.sh', *args)
        else:
            run_tool('tools/train.py', *args)

    train(tmp_path / 'whole', 4)
    killed_after_epoch(tmp_path / 'whole', 2, tmp_path / 'cut')
    train(tmp_path / 'cut', 4, '--resume')
    whole, resumed = logged_losses(tmp_path / 'whole'), logged_losses(tmp_path / 'cut')
    per_epoch = 16 // (4 * processes)
    assert sorted(resumed) == list(range(2 * per_epoch + 1, 4 * per_epoch + 1))
    for it, loss in resumed.items():
        assert abs(loss - whole[it]) <= 1e-6, (it, loss, whole[it])
