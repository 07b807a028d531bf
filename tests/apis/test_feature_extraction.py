"""ClipFeatureExtractor on the config's test pipeline: the same features
with decord and PyAV, window by window, as the reference computation."""
import numpy as np
import pytest
import torch
import torch.nn.functional as F
from mmengine.config import Config

from tests.conftest import ROOT, real_video
from vmae2_mmaction.apis.feature_extraction import ClipFeatureExtractor, feature_pipeline
from vmae2_mmaction.datasets.video_dataset import VideoDecodeError

FT_CONFIG = f'{ROOT}/configs/demo/vit-tiny-p8_videomaev2-ft_16x2x1-30e_synthetic.py'
MEAN = torch.tensor([123.675, 116.28, 103.53]).view(3, 1, 1, 1)
STD = torch.tensor([58.395, 57.12, 57.375]).view(3, 1, 1, 1)


class PooledClip(torch.nn.Module):
    """[N, 3, T, H, W] -> [N, 3 * T]: every frame's channel means (a backbone
    whose features show each frame of each clip)."""

    def forward(self, x):
        return x.mean((3, 4)).flatten(1)


def config(decoder: str):
    cfg = Config.fromfile(FT_CONFIG)
    for t in cfg.test_dataloader.dataset.pipeline:
        if t['type'] in ('DecordInit', 'DecordDecode'):
            t['type'] = t['type'].replace('Decord', decoder)
    return cfg


@pytest.mark.parametrize('reference', [False, True])
def test_pyav_and_decord_pipelines_give_the_reference_features(reference):
    import decord
    video = real_video('bikes.mp4')  # 250 frames, B-frames, several GOPs
    feats = {}
    for decoder in ('Decord', 'PyAVIndexed'):
        extractor = ClipFeatureExtractor.from_config(
            config(decoder), PooledClip(), clip_len=16, stride=4, batch=9, reference=reference)
        feats[decoder] = extractor(video)  # 7 windows: PyAV opens the video again for each
    assert feats['Decord'].shape == ((250 - 16) // 4 + 1, 3 * 16)
    np.testing.assert_array_equal(feats['Decord'], feats['PyAVIndexed'])  # exact frames
    frames = decord.VideoReader(video).get_batch(list(range(250))).asnumpy()
    size = Config.fromfile(FT_CONFIG).model.backbone.img_size
    for i in (0, 8, 9, 58):  # the reference computation, clip by clip, across windows
        clip = torch.from_numpy(frames[4 * i:4 * i + 16]).permute(3, 0, 1, 2).float()
        if reference:
            clip = F.interpolate(
                clip / 255, size=(size, size), mode='bilinear', align_corners=False)
        else:
            clip = (F.interpolate(clip, size=(size, size), mode='bilinear', align_corners=False) -
                    MEAN) / STD
        np.testing.assert_allclose(feats['PyAVIndexed'][i], PooledClip()(clip[None])[0], atol=1e-5)


def test_pipeline_comes_from_the_test_pipeline():
    steps = feature_pipeline(config('PyAVIndexed'))
    assert [t['type']
            for t in steps] == ['PyAVIndexedInit', 'PyAVIndexedDecode', 'FloatResizeNormalize']
    cfg = config('PyAVIndexed')
    cfg.test_dataloader.dataset.pipeline = [dict(type='Resize', scale=(-1, 64))]
    with pytest.raises(ValueError, match='open .*Init.* and decode'):
        feature_pipeline(cfg)


def test_bad_and_short_videos_are_named(tmp_path):
    extractor = ClipFeatureExtractor.from_config(config('PyAVIndexed'), PooledClip(), 16, 4, 8)
    bad = tmp_path / 'bad.mp4'
    bad.write_bytes(b'not a video' * 100)
    with pytest.raises(VideoDecodeError, match='bad.mp4'):
        extractor(str(bad))
    with pytest.raises(ValueError, match='shorter than one 300-frame clip'):
        ClipFeatureExtractor.from_config(config('PyAVIndexed'), PooledClip(), 300, 4, 8)(
            real_video('bikes.mp4'))
