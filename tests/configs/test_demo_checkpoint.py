"""The pre-trained checkpoint `make demo` ships: made by the repository's config."""
import glob
import hashlib
import json
import os.path as osp

import torch

from tests.conftest import ROOT

CONFIG = osp.join(ROOT, 'configs/demo/vit-tiny-p8_videomaev2-pt_8x1x1-375e_synthetic-sprites.py')
NAME = osp.splitext(osp.basename(CONFIG))[0]
# the settings that decide what the weights learn (work_dir, launcher, hooks
# and the seed are the run's)
TRAINING_KEYS = ('model', 'train_dataloader', 'optim_wrapper', 'param_scheduler', 'train_cfg',
                 'auto_scale_lr')


def shipped_checkpoint() -> str:
    found = glob.glob(osp.join(ROOT, 'checkpoints', 'demo', f'{NAME}-*.pth'))
    assert len(found) == 1, found
    return found[0]


# The shipped run drew its pipeline's random choices from the loader worker's
# generator (MMAction2's VideoDataset, MMEngine's DefaultSampler); the config
# now draws them per sample (same recipe, other draws): the one difference.
SEEDED_SINCE = {'type': ('VideoDataset', 'SeededVideoDataset')}
SAMPLER_SINCE = {'type': ('DefaultSampler', 'SeededSampler')}


def test_shipped_checkpoint_comes_from_the_repository_config():
    """Its meta holds the run's config (as tools/train.py read it); every
    training setting equals the repository's, but for the seeded sampling."""
    from mmengine.config import Config
    path = shipped_checkpoint()
    with open(path, 'rb') as f:
        assert osp.basename(path) == f'{NAME}-{hashlib.sha256(f.read()).hexdigest()[:8]}.pth'
    assert osp.getsize(path) < 4 * 2**20
    checkpoint = torch.load(path)
    assert set(checkpoint) == {'state_dict', 'meta'}
    run = Config.fromstring(checkpoint['meta']['cfg'], '.py')
    repo = Config.fromfile(CONFIG)
    for key, (before, now) in SEEDED_SINCE.items():
        assert run.train_dataloader.dataset[key] == before
        assert repo.train_dataloader.dataset[key] == now
        run.train_dataloader.dataset[key] = now
    for key, (before, now) in SAMPLER_SINCE.items():
        assert run.train_dataloader.sampler[key] == before
        assert repo.train_dataloader.sampler[key] == now
        run.train_dataloader.sampler[key] = now
    for key in TRAINING_KEYS:
        assert run.get(key) == repo.get(key), key
    assert (checkpoint['meta']['epoch'], checkpoint['meta']['iter']) == (375, 24000)


def test_shipped_checkpoint_loads_into_the_config_model():
    from mmaction.registry import MODELS
    from mmengine.config import Config
    model = MODELS.build(Config.fromfile(CONFIG).model)
    state_dict = torch.load(shipped_checkpoint())['state_dict']
    model.load_state_dict(state_dict, strict=True)  # raises on any missing or unexpected key
    assert state_dict.keys() == model.state_dict().keys()


def test_shipped_run_continued_a_whole_run_of_the_recipe():
    """The weights are the recipe run twice: the second run (the checkpoint's)
    started from the first run's last checkpoint."""
    from mmengine.config import Config
    run = Config.fromstring(torch.load(shipped_checkpoint())['meta']['cfg'], '.py')
    assert osp.basename(run.load_from) == 'epoch_375.pth'
    assert not run.get('resume', False)  # new optimiser state and schedule


def test_shipped_training_logs_are_those_runs():
    """The scalars shipped beside it (the demo's loss plot), one file a run,
    each a whole run; the second ends where the checkpoint's run ended."""
    iters = []
    for run in ('run1', 'run2'):
        with open(osp.join(ROOT, 'checkpoints', 'demo', f'{NAME}.{run}.scalars.json')) as f:
            losses = [r for r in map(json.loads, f) if 'loss' in r]
        assert [r['epoch'] for r in losses] == list(range(1, 376)), run
        iters.append(losses[-1]['iter'])
    assert iters == [torch.load(shipped_checkpoint())['meta']['iter']] * 2
