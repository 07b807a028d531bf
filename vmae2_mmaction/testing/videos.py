"""Small generated videos with a chosen GOP structure."""
from fractions import Fraction
from typing import Iterable

import av
import numpy as np


def moving_pattern_frames(num_frames: int, height: int = 64, width: int = 96, seed: int = 0):
    """(H, W, 3) uint8 RGB frames of smooth gradients with a moving square,
    so that an encoder predicts across frames (P- and B-frames differ)."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[:height, :width]
    base = rng.integers(0, 256, size=3)
    for t in range(num_frames):
        frame = np.stack([(x * 2 + t * 3 + base[0]) % 256, (y * 3 + base[1]) % 256,
                          ((x + y) + t * 5 + base[2]) % 256], -1).astype(np.uint8)
        top, left = (t * 2) % (height - 16), (t * 3) % (width - 16)
        frame[top:top + 16, left:left + 16] = 255 - frame[top:top + 16, left:left + 16]
        yield frame


def codec_options(codec: str, gop: int, bframes: int) -> dict:
    """libavcodec options for a key frame every ``gop`` frames and up to
    ``bframes`` B-frames (H.264 and HEVC: a pyramid, some B-frames are
    references; VP9 has none)."""
    if codec == 'libx264':
        return {
            'g': str(gop),
            'bf': str(bframes),
            'x264-params': f'keyint={gop}:min-keyint={gop}:scenecut=0:b-pyramid=normal'
        }
    if codec == 'libx265':
        return {
            'x265-params':
            f'keyint={gop}:min-keyint={gop}:bframes={bframes}:'
            'scenecut=0:log-level=error'
        }
    if codec == 'libvpx-vp9':
        return {'g': str(gop)}
    return {'g': str(gop), 'bf': str(bframes)}


def write_video(path: str,
                frames: Iterable[np.ndarray],
                codec: str = 'libx264',
                fps: int = 25,
                gop: int = 12,
                bframes: int = 3) -> None:
    """Encode RGB frames with ``codec`` (libx264, libx265, libvpx-vp9,
    mpeg4, ...) into ``path`` (its extension picks the container)."""
    with av.open(path, 'w') as container:
        stream = None
        for frame in frames:
            if stream is None:
                stream = container.add_stream(codec, rate=fps)
                stream.width, stream.height = frame.shape[1], frame.shape[0]
                stream.pix_fmt = 'yuv420p'
                stream.options = codec_options(codec, gop, bframes)
                stream.codec_context.time_base = Fraction(1, fps)  # libvpx needs it set
            for packet in stream.encode(av.VideoFrame.from_ndarray(frame, format='rgb24')):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
