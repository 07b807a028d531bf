"""docs/custom_dataset.md end to end: its commands, run as written (with the
run shortened), on generated videos of 3 classes: fine-tune the example config
from a Kinetics-710 checkpoint in the official format on one process with
gradient accumulation, test it, classify a video with it."""
import glob
import os.path as osp
import re

import pytest
import torch

from tests.conftest import ROOT, run_tool

EXAMPLE = osp.join(ROOT,
                   'configs/custom/vit-small-p16_videomaev2-k710-dist_8xb8-16x4x1-30e_custom.py')


def documented_config(data_root: str) -> str:
    """The user config of docs/custom_dataset.md, with its base path and data folder."""
    with open(osp.join(ROOT, 'docs', 'custom_dataset.md')) as f:
        text = re.search(r'```python\n(# my_configs/my_videos.py.*?)```', f.read(), re.S)[1]
    text = text.replace("'../configs/custom/", f"'{osp.dirname(EXAMPLE)}/")
    return text.replace("'data/my_videos'", repr(data_root))


def official_k710_checkpoint(path) -> None:
    """A ViT-S with a 710-way head, saved as the official files are
    ({'module': official keys}); seeded random weights."""
    from mmaction.registry import MODELS
    from mmengine.config import Config
    cfg = Config.fromfile(EXAMPLE).model
    cfg.backbone.init_cfg = None
    cfg.cls_head.num_classes = 710
    torch.manual_seed(0)
    model = MODELS.build(cfg)
    model.init_weights()
    official = {}
    for key, value in model.state_dict().items():
        key = key.replace('cls_head.fc_cls.', 'head.').replace('backbone.', '')
        official[key] = value
    torch.save({'module': official}, path)


# A run shortened to CPU size (not part of the guide): 2 epochs, warm-up 1, one
# worker, clips of 4 frames at 112 px (the position table follows the token
# grid) instead of 16 at 224.
SHORT_RUN = ('train_cfg.max_epochs=2', 'train_cfg.val_interval=2', 'param_scheduler.0.end=1',
             'param_scheduler.1.begin=1', 'train_dataloader.num_workers=1',
             'val_dataloader.num_workers=1')


def small_clips(*splits) -> list:
    """--cfg-options for 4-frame 112 px clips in the pipelines of ``splits``
    (the example's pipelines: SampleFrames at 1; train VideoRandAugmentCrop,
    its resize, at 3; val Resize, CenterCrop at 3, 4; test Resize, ThreeCrop
    at 3, 4); for 'test' the top-level ``test_pipeline`` (what inference
    reads) too, last."""
    options = []
    for split in splits:
        options.append(f'{split}_dataloader.dataset.pipeline.1.clip_len=4')
        if split == 'train':
            options.append('train_dataloader.dataset.pipeline.3.scale=(112,112)')
        else:
            options += [
                f'{split}_dataloader.dataset.pipeline.3.scale=(-1,112)',
                f'{split}_dataloader.dataset.pipeline.4.crop_size=112'
            ]
    if 'test' in splits:
        options += [
            'test_pipeline.1.clip_len=4', 'test_pipeline.3.scale=(-1,112)',
            'test_pipeline.4.crop_size=112'
        ]
        options.append('test_dataloader.num_workers=1')
    return options


@pytest.mark.slow
def test_custom_dataset_guide_end_to_end(tmp_path):
    data = tmp_path / 'my_videos'
    run_tool('tools/data/make_synthetic.py', str(data), '--classes', '3', '--train', '6', '--val',
             '3', '--frames', '32', '--size', '64', '--seed', '0')
    checkpoint = tmp_path / 'vit_s_k710_dl_from_giant.pth'
    official_k710_checkpoint(checkpoint)
    config = tmp_path / 'my_videos.py'
    config.write_text(
        documented_config(str(data)).replace('checkpoints/vit_s_k710_dl_from_giant.pth',
                                             str(checkpoint)))
    work = tmp_path / 'work'
    # the guide's one-GPU command: 1 video a step here, 2 accumulated (its lr rule:
    # base_batch_size = 256 / accumulative_counts), shortened to CPU size
    run_tool('tools/train.py', str(config), '--no-amp', '--work-dir', str(work), '--cfg-options',
             'train_dataloader.batch_size=1', 'optim_wrapper.accumulative_counts=2',
             'auto_scale_lr.base_batch_size=128', *SHORT_RUN, *small_clips('train', 'val'))
    log = open(glob.glob(str(work / '*' / '*.log'))[0]).read()
    assert "into VideoMAEv2ViT (prefix 'backbone.'); left as initialised: none" in log
    assert "not loaded, outside 'backbone.': cls_head.fc_cls.weight (710, 384)" in log
    ratio = float(re.search(r'Scaling the original LR by ([0-9.e-]+[0-9])', log)[1])
    assert ratio == pytest.approx(1 * 2 / 256)  # GPUs x videos x accumulation / 256
    test = run_tool('tools/test.py', str(config), str(work / 'epoch_2.pth'), '--work-dir',
                    str(tmp_path / 'test'), '--cfg-options', *small_clips('test'))
    assert re.search(r'acc/top1: [0-9.]+', test.stdout + test.stderr)
    video = (data / 'val.txt').read_text().split()[0]
    demo = run_tool('demo/demo.py', str(config), str(work / 'epoch_2.pth'), str(data / video),
                    str(data / 'classes.txt'), '--device', 'cpu', '--cfg-options',
                    *small_clips('test')[:-1])
    names = (data / 'classes.txt').read_text().split()
    printed = re.findall(r'^(\S+): ([0-9.]+)$', demo.stdout, re.M)
    assert sorted(name for name, _ in printed) == sorted(names)
    assert sum(float(score) for _, score in printed) == pytest.approx(1, abs=1e-3)
