"""FSDP2Strategy on 2 CPU processes (gloo): the model sharded, training,
full-state checkpoints that load into an unsharded model, and a resumed run
with the uninterrupted run's losses; the command a GPU cluster runs."""
import os.path as osp
import re

import pytest
import torch

from tests.conftest import ROOT, killed_after_epoch, logged_losses, run_dist_tool

SPRITES_PT = osp.join(ROOT,
                      'configs/demo/vit-tiny-p8_videomaev2-pt_8x1x1-375e_synthetic-sprites.py')


@pytest.mark.slow
def test_fsdp2_shards_trains_and_resumes_with_the_same_losses(synthetic_data, tmp_path):
    options = [
        'runner_type=FlexibleRunner', 'strategy.type=FSDP2Strategy',
        f'train_dataloader.dataset.ann_file={synthetic_data}/train.txt',
        f'train_dataloader.dataset.data_prefix.video={synthetic_data}',
        'train_dataloader.batch_size=4', 'default_hooks.logger.interval=1',
        'default_hooks.checkpoint.interval=1', 'default_hooks.checkpoint.max_keep_ckpts=-1',
        'randomness.seed=0'
    ]

    def train(work, epochs, *extra):
        return run_dist_tool('dist_train.sh', SPRITES_PT, '2', '--work-dir', str(work), *extra,
                             '--cfg-options', *options, f'train_cfg.max_epochs={epochs}')

    whole = train(tmp_path / 'whole', 4)
    held, total = map(
        int,
        re.search(r'this rank holds (\d+) of (\d+) parameters',
                  whole.stdout + whole.stderr).groups())
    assert held < 0.6 * total  # about half on each of the 2 ranks
    killed_after_epoch(tmp_path / 'whole', 2, tmp_path / 'cut')
    resumed = train(tmp_path / 'cut', 4, '--resume')
    assert 'resumed epoch: 2' in resumed.stdout + resumed.stderr
    expected, got = logged_losses(tmp_path / 'whole'), logged_losses(tmp_path / 'cut')
    assert sorted(got) == [5, 6, 7, 8]
    for it, loss in got.items():
        assert abs(loss - expected[it]) <= 1e-6, (it, loss, expected[it])
    # the checkpoint holds the full state: it loads into an unsharded model
    from mmaction.registry import MODELS
    from mmengine.config import Config
    model = MODELS.build(Config.fromfile(SPRITES_PT).model)
    state = torch.load(tmp_path / 'cut' / 'epoch_4.pth', weights_only=True)['state_dict']
    model.load_state_dict(state)
    assert torch.equal(model.state_dict()['backbone.blocks.0.attn.qkv.weight'],
                       state['backbone.blocks.0.attn.qkv.weight'])
