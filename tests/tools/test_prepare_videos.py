"""tools/data/prepare_videos.py on a real video: resized, short GOPs without
B-frames, chunked with the list rewritten, checked, resumable; a video that
cannot be read is named and left out."""
import json
import os
import shutil

import av
import numpy as np
import pytest

from tests.conftest import real_video, run_tool
from vmae2_mmaction.datasets.transforms.pyav_decode import VideoIndex

pytestmark = pytest.mark.slow


def packets(path):
    """(pts in decode order, key frame numbers, (width, height)) of ``path``."""
    with av.open(path) as container:
        stream = container.streams.video[0]
        pts = [p.pts for p in container.demux(stream) if p.pts is not None]
        container.seek(0)
        index = VideoIndex(container, path)
        return pts, index.key_frames, (stream.width, stream.height)


def test_prepare_resumes_and_names_what_fails(tmp_path):
    src = tmp_path / 'src'
    (src / 'cls').mkdir(parents=True)
    shutil.copy(real_video('bikes.mp4'), src / 'cls' / 'bikes.mp4')
    (src / 'cls' / 'broken.mp4').write_bytes(b'\0' * 5000)
    listing = tmp_path / 'train.txt'
    listing.write_text('cls/bikes.mp4 3\ncls/broken.mp4 1\n')
    dst = tmp_path / 'dst'
    args = ('tools/data/prepare_videos.py', str(listing), str(src), str(dst), '--short-side', '136',
            '--gop', '8', '--chunk-seconds', '4', '--workers', '1')

    first = run_tool(*args, '--psnr', check=False)
    assert first.returncode == 1
    assert 'error: 1 videos failed and are not in the list' in first.stderr
    assert 'cls/broken.mp4' in (dst / 'failed.txt').read_text()
    psnr = float(first.stdout.split('mean ')[1].split(' dB')[0])
    assert psnr > 30
    # 250 frames at 25 fps in pieces of 4 s: 100 + 100 + 50, each with the video's label
    assert (dst / 'train.txt').read_text().splitlines() == [
        'cls/bikes_000.mp4 3', 'cls/bikes_001.mp4 3', 'cls/bikes_002.mp4 3'
    ]
    record = json.loads((dst / '.prepared.jsonl').read_text())
    assert record['outputs'] == [['cls/bikes_000.mp4', 100], ['cls/bikes_001.mp4', 100],
                                 ['cls/bikes_002.mp4', 50]]
    for name, frames in record['outputs']:
        pts, keys, size = packets(str(dst / name))
        assert size == (320, 136)  # 640x272 with the short side 136
        assert keys == list(range(0, frames, 8))  # a key frame every 8 frames
        assert pts == sorted(pts)  # no B-frames: decode order is display order
    assert not list(dst.rglob('*.tmp'))

    listing.write_text('cls/bikes.mp4 3\n')
    mtime = os.path.getmtime(dst / 'cls' / 'bikes_001.mp4')
    second = run_tool(*args)
    assert '1 videos listed, 1 already prepared, 0 to do' in second.stdout
    assert os.path.getmtime(dst / 'cls' / 'bikes_001.mp4') == mtime

    damaged = dst / 'cls' / 'bikes_001.mp4'
    damaged.write_bytes(damaged.read_bytes()[:20000])  # a kill, a full disk
    third = run_tool(*args)
    assert '1 videos listed, 0 already prepared, 1 to do' in third.stdout
    pts, keys, _ = packets(str(damaged))
    assert len(pts) == 100 and keys == list(range(0, 100, 8))
    assert np.all(np.diff(pts) > 0)
