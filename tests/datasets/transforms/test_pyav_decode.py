"""PyAVIndexedInit / PyAVIndexedDecode: decord's frames for the same indices,
on the real videos and on generated H.264 (B-frames), HEVC and VP9 videos; the
frames of a sequential decode where decord's seeking is wrong (MPEG-4 Part 2
with B-frames in AVI); the approximate mode; errors."""
import subprocess
import sys

import decord
import numpy as np
import pytest
from mmaction.datasets.transforms import DecordDecode, DecordInit, SampleFrames

from tests.conftest import ROOT, real_video
from vmae2_mmaction.datasets import DECODE_ERRORS
from vmae2_mmaction.datasets.transforms import PyAVIndexedDecode, PyAVIndexedInit
from vmae2_mmaction.testing import moving_pattern_frames, write_video


def decode(init, decode_transform, path, inds):
    results = init(dict(filename=path, start_index=0, modality='RGB'))
    return results['total_frames'], decode_transform(dict(results, frame_inds=np.asarray(inds)))


GENERATED = {
    'h264-bframes': ('libx264', 'mp4'),
    'hevc': ('libx265', 'mp4'),
    'vp9': ('libvpx-vp9', 'webm'),
    'mpeg4-avi': ('mpeg4', 'avi')
}


@pytest.fixture(scope='module')
def generated(tmp_path_factory):
    """{name: path} of 90-frame videos, a key frame every 12, up to 3 B-frames."""
    folder = tmp_path_factory.mktemp('generated')
    paths = {}
    for name, (codec, ext) in GENERATED.items():
        paths[name] = str(folder / f'{name}.{ext}')
        if codec == 'libvpx-vp9':
            # in a process that loaded decord's libraries before PyAV's, libvpx's
            # encoder fails to open (EINVAL): encode in a fresh one, av first
            script = ('import runpy; videos = runpy.run_path("vmae2_mmaction/testing/videos.py"); '
                      f'videos["write_video"]({paths[name]!r}, '
                      f'videos["moving_pattern_frames"](90), {codec!r}, gop=12)')
            subprocess.run([sys.executable, '-c', script], cwd=ROOT, check=True)
        else:
            write_video(paths[name], moving_pattern_frames(90), codec, gop=12, bframes=3)
    return paths


@pytest.fixture(scope='module')
def bframe_video(generated):
    return generated['h264-bframes']


def clips(total, rng):
    """What a data pipeline asks for: random 16x4 and 16x2 clips, a clip at
    the end, unsorted indices with repeats, single frames."""
    sampler = SampleFrames(clip_len=16, frame_interval=4, num_clips=1)
    yield from (sampler(dict(total_frames=total, start_index=0))['frame_inds'] for _ in range(4))
    yield np.arange(total - 32, total, 2)
    yield rng.integers(0, total, size=12)
    yield np.array([total - 1])
    yield np.array([0])


@pytest.mark.parametrize(
    'video',
    ['bikes.mp4',
     pytest.param('bigbuckbunny.mp4', marks=pytest.mark.slow), 'h264-bframes', 'vp9'])
def test_frames_equal_decord_for_the_same_indices(video, generated):
    path = generated.get(video) or real_video(video)
    np.random.seed(0)
    total = len(decord.VideoReader(path))
    for inds in clips(total, np.random.default_rng(0)):
        n_ref, ref = decode(DecordInit(), DecordDecode(), path, inds)
        n, out = decode(PyAVIndexedInit(), PyAVIndexedDecode(), path, inds)
        assert n == n_ref == total
        assert len(out['imgs']) == len(ref['imgs']) == len(inds)
        for a, b in zip(out['imgs'], ref['imgs']):
            assert a.dtype == np.uint8 and np.array_equal(a, b)
        assert out['original_shape'] == ref['original_shape']
        assert out['video_reader'] is None


@pytest.mark.parametrize('video', ['hevc', 'mpeg4-avi'])
def test_frames_equal_a_sequential_decode_where_decord_seeks_wrong(video, generated):
    """HEVC with B-frames (open GOPs) and MPEG-4 Part 2 with B-frames in AVI:
    once it seeks, decord 0.6.0's get_batch returns other frames than a decode
    from the start (MPEG-4: frame 17 -> frame 7); PyAVIndexedDecode returns
    the frames of the decode from the start."""
    path = generated[video]
    sequential = decord.VideoReader(path).get_batch(list(range(90))).asnumpy()
    decord_wrong = 0
    for inds in clips(90, np.random.default_rng(1)):
        _, out = decode(PyAVIndexedInit(), PyAVIndexedDecode(), path, inds)
        _, ref = decode(DecordInit(), DecordDecode(), path, inds)
        for i, frame, decord_frame in zip(inds, out['imgs'], ref['imgs']):
            assert np.array_equal(frame, sequential[i])
            decord_wrong += not np.array_equal(decord_frame, sequential[i])
    assert decord_wrong > 0


def test_non_reference_frames_the_clip_does_not_need_are_not_decoded(bframe_video):
    video = PyAVIndexedInit()(dict(filename=bframe_video))['video_reader']
    frames = video.frames(np.array([31, 30]))
    _, ref = decode(DecordInit(), DecordDecode(), bframe_video, [31, 30])
    assert all(np.array_equal(a, b) for a, b in zip(frames, ref['imgs']))
    # from the key frame 24 to frame 31: the references and the two frames asked for,
    # not the other non-reference B-frames
    assert 2 <= video.frames_decoded < 8


def test_no_packet_after_the_last_needed_one_is_decoded(bframe_video):
    """The frames the decoder holds back for reordering are drained once the
    last needed packet is in, not pushed out by decoding later packets: a key
    frame alone is one packet."""
    video = PyAVIndexedInit()(dict(filename=bframe_video))['video_reader']
    for key in (24, 36):
        video.packets_sent = 0
        frame, = video.frames(np.array([key]))
        _, ref = decode(DecordInit(), DecordDecode(), bframe_video, [key])
        np.testing.assert_array_equal(frame, ref['imgs'][0])
        assert video.packets_sent == 1


def test_skip_loop_filter_is_close_not_equal():
    path = real_video('bikes.mp4')
    inds = np.arange(100, 164, 4)
    _, exact = decode(PyAVIndexedInit(), PyAVIndexedDecode(), path, inds)
    _, fast = decode(PyAVIndexedInit(skip_loop_filter=True), PyAVIndexedDecode(), path, inds)
    a, b = (np.stack(x['imgs']).astype(np.float64) for x in (exact, fast))
    psnr = 10 * np.log10(255**2 / np.mean((a - b)**2))
    assert 38 < psnr < 60


def test_errors_name_the_file(tmp_path):
    broken = tmp_path / 'broken.mp4'
    broken.write_bytes(open(real_video('bikes.mp4'), 'rb').read()[:3000])
    with pytest.raises(DECODE_ERRORS, match='broken.mp4'):
        decode(PyAVIndexedInit(), PyAVIndexedDecode(), str(broken), [0])
    path = real_video('bikes.mp4')
    with pytest.raises(
            IndexError, match=r'bikes.mp4: frame 250 is outside the video \(frames 0 to 249\)'):
        decode(PyAVIndexedInit(), PyAVIndexedDecode(), path, [3, 250])
