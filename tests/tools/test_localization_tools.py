"""Localization end to end: extract_features.py (single / 2 processes, bad
videos, reference preprocessing), train.py / test.py with the localizer on
synthetic features, and videos -> features -> localizer."""
import os
import os.path as osp
import re

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from mmaction.registry import MODELS
from mmengine.config import Config

from tests.conftest import ROOT, run_dist_tool, run_tool

pytestmark = pytest.mark.slow  # make test-fast leaves these out

FT_CONFIG = osp.join(ROOT, 'configs/demo/vit-tiny-p8_videomaev2-ft_16x2x1-30e_synthetic.py')
LOC_CONFIG = osp.join(ROOT, 'configs/demo/actionformer-tiny_1xb4-20e_synthetic-feature.py')


def data_options(root):
    """--cfg-options pointing every data loader of the demo config at ``root``."""
    loaders = ('train_dataloader', 'val_dataloader', 'test_dataloader')
    return [
        f'{loader}.dataset.{key}' for loader in loaders
        for key in (f'ann_file={root}/annotations.json', f'data_prefix.feats={root}/features')
    ]


@pytest.fixture(scope='module')
def tiny_checkpoint(tmp_path_factory):
    """A randomly initialised tiny recognizer (plugin format)."""
    torch.manual_seed(0)
    model = MODELS.build(Config.fromfile(FT_CONFIG).model)
    path = tmp_path_factory.mktemp('ckpt') / 'tiny.pth'
    torch.save(dict(state_dict=model.state_dict()), path)
    return str(path), model.backbone.eval()


@pytest.fixture(scope='module')
def video_features(tmp_path_factory, tiny_checkpoint):
    """Synthetic long videos (24 train / 8 test) and their tiny-ViT features."""
    root = tmp_path_factory.mktemp('loc_videos')
    run_tool('tools/data/make_synthetic_localization.py', str(root), '--mode', 'videos', '--train',
             '24', '--test', '8', '--min-duration', '20', '--max-duration', '30')
    proc = run_tool('tools/extract_features.py', FT_CONFIG, tiny_checkpoint[0], '--video-list',
                    str(root / 'video_list.txt'), '--video-root', str(root / 'videos'), '--out-dir',
                    str(root / 'features'), '--batch', '64')
    assert 'extracted 32, already done 0, failed 0' in proc.stdout
    return root


def mean_ap_at_05(stdout):
    return float(re.search(r'localization/mAP@0.5: ([\d.]+)', stdout).group(1))


def test_localizer_trains_and_tests_on_synthetic_features(synthetic_localization, tmp_path):
    opts = data_options(synthetic_localization)
    run_tool('tools/train.py', LOC_CONFIG, '--work-dir', str(tmp_path), '--cfg-options', *opts)
    trained = run_tool('tools/test.py', LOC_CONFIG, str(tmp_path / 'epoch_20.pth'), '--work-dir',
                       str(tmp_path), '--cfg-options', *opts)
    # the same architecture untrained (its initial weights) for comparison
    torch.manual_seed(0)
    untrained_path = tmp_path / 'untrained.pth'
    torch.save(
        dict(state_dict=MODELS.build(Config.fromfile(LOC_CONFIG).model).state_dict()),
        untrained_path)
    untrained = run_tool('tools/test.py', LOC_CONFIG, str(untrained_path), '--work-dir',
                         str(tmp_path / 'u'), '--cfg-options', *opts)
    assert mean_ap_at_05(trained.stdout) > 85
    assert mean_ap_at_05(untrained.stdout) < 15


@pytest.mark.parametrize('reference', [True, False])
def test_extracted_features_equal_the_reference_computation(sample_video, tiny_checkpoint, tmp_path,
                                                            reference):
    import decord
    (tmp_path / 'list.txt').write_text(f'{sample_video}\n')
    args = [
        '--video-list',
        str(tmp_path / 'list.txt'), '--out-dir',
        str(tmp_path / 'out'), '--batch', '7'
    ]
    run_tool('tools/extract_features.py', FT_CONFIG, tiny_checkpoint[0], *args,
             *(['--reference-preprocessing'] if reference else []))
    feats = np.load(tmp_path / 'out' / 'bigbuckbunny.npy')
    frames = decord.VideoReader(sample_video).get_batch(list(range(132))).asnumpy()
    assert feats.shape == ((132 - 16) // 4 + 1, 128)
    backbone = tiny_checkpoint[1]
    mean = torch.tensor([123.675, 116.28, 103.53]).view(3, 1, 1, 1)
    std = torch.tensor([58.395, 57.12, 57.375]).view(3, 1, 1, 1)
    for i in (0, 13, 29):  # the reference script, clip by clip
        clip = torch.from_numpy(frames[4 * i:4 * i + 16]).permute(3, 0, 1, 2).float()
        if reference:
            clip = F.interpolate(clip / 255, size=(64, 64), mode='bilinear', align_corners=False)
        else:
            clip = (F.interpolate(clip, size=(64, 64), mode='bilinear', align_corners=False) -
                    mean) / std
        with torch.no_grad():
            expected = backbone(clip[None])[0].numpy()
        np.testing.assert_allclose(feats[i], expected, atol=1e-5, rtol=1e-5)


def test_extraction_lists_bad_videos_and_resumes(sample_video, tiny_checkpoint, tmp_path):
    from vmae2_mmaction.testing.synthetic import write_bgr_video
    write_bgr_video(str(tmp_path / 'short.mp4'), np.zeros((8, 32, 32, 3), np.uint8))
    (tmp_path / 'corrupt.mp4').write_bytes(os.urandom(4096))
    (tmp_path / 'list.txt').write_text(
        f'{sample_video}\n{tmp_path}/corrupt.mp4\n{tmp_path}/short.mp4\n{tmp_path}/gone.mp4\n')
    args = [
        FT_CONFIG, tiny_checkpoint[0], '--video-list',
        str(tmp_path / 'list.txt'), '--out-dir',
        str(tmp_path / 'out')
    ]
    first = run_tool('tools/extract_features.py', *args, check=False)
    assert first.returncode == 1
    assert 'extracted 1, already done 0, failed 3' in first.stdout
    for name in ('corrupt.mp4', 'gone.mp4'):
        assert f'failed: {tmp_path}/{name}' in first.stdout
    assert 'short.mp4: 8 frames, shorter than one 16-frame clip' in first.stdout
    assert sorted(os.listdir(tmp_path / 'out')) == ['bigbuckbunny.npy']
    second = run_tool('tools/extract_features.py', *args, check=False)
    assert 'extracted 0, already done 1, failed 3' in second.stdout


def test_dist_extraction_shards_videos(video_features, tiny_checkpoint, tmp_path):
    names = sorted(os.listdir(video_features / 'videos'))[:3]
    (tmp_path / 'list.txt').write_text('\n'.join(names) + '\n')
    # NPROC last, as the issue writes it (CONFIG CHECKPOINT NPROC [args] works too)
    proc = run_dist_tool('dist_extract_features.sh', FT_CONFIG, tiny_checkpoint[0], '--video-list',
                         str(tmp_path / 'list.txt'), '--video-root', str(video_features / 'videos'),
                         '--out-dir', str(tmp_path / 'out'), '--batch', '64', '2')
    assert 'extracted 3, already done 0, failed 0' in proc.stdout
    for name in names:
        stem = osp.splitext(name)[0] + '.npy'
        np.testing.assert_allclose(
            np.load(tmp_path / 'out' / stem),
            np.load(video_features / 'features' / stem),
            atol=1e-5)


def test_videos_to_features_to_localizer(video_features, tmp_path):
    opts = data_options(video_features) + ['model.backbone.in_channels=128']
    run_tool('tools/train.py', LOC_CONFIG, '--work-dir', str(tmp_path), '--cfg-options', *opts)
    proc = run_tool('tools/test.py', LOC_CONFIG, str(tmp_path / 'epoch_20.pth'), '--work-dir',
                    str(tmp_path), '--cfg-options', *opts)
    assert mean_ap_at_05(proc.stdout) > 50
