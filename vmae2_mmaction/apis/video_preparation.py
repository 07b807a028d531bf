"""Re-encode a video once so that every later decode costs less: a smaller
short side, a key frame every few frames, no B-frames, optionally cut into
pieces of a fixed length. Frames keep their order and rate; the resize is the
only change besides the encoding (H.264, libx264, yuv420p)."""
import dataclasses
import os
import os.path as osp
from fractions import Fraction
from typing import List, Optional, Tuple

import av
import numpy as np
from av.video.frame import PictureType

from ..datasets.transforms.pyav_decode import VideoIndex


def output_size(width: int, height: int, short_side: Optional[int]) -> Tuple[int, int]:
    """(width, height) with the short side ``short_side`` (never enlarged,
    aspect kept, both even as yuv420p needs)."""
    if short_side and min(width, height) > short_side:
        scale = short_side / min(width, height)
        width, height = round(width * scale), round(height * scale)
    return width - width % 2, height - height % 2


def chunk_path(dst: str, chunk: int) -> str:
    stem, ext = osp.splitext(dst)
    return f'{stem}_{chunk:03d}{ext}'


class Encoder:
    """One output file written to ``path + '.tmp'`` and renamed when closed."""

    def __init__(self, path: str, rate: Fraction, size: Tuple[int, int], gop: int, bframes: int,
                 crf: int, preset: str):
        self.path, self.frames = path, 0
        os.makedirs(osp.dirname(osp.abspath(path)), exist_ok=True)
        self.container = av.open(path + '.tmp', 'w', format='mp4')
        self.stream = self.container.add_stream('libx264', rate=rate)
        self.stream.width, self.stream.height = size
        self.stream.pix_fmt = 'yuv420p'
        self.stream.options = {
            'crf': str(crf),
            'preset': preset,
            'g': str(gop),
            'bf': str(bframes),
            'x264-params': f'keyint={gop}:min-keyint={gop}:scenecut=0'
        }
        self.stream.codec_context.time_base = Fraction(1) / rate

    def write(self, frame: 'av.VideoFrame') -> None:
        frame.pts, frame.time_base = self.frames, self.stream.codec_context.time_base
        frame.pict_type = PictureType.NONE  # a source key frame would force one here
        for packet in self.stream.encode(frame):
            self.container.mux(packet)
        self.frames += 1

    def close(self) -> Tuple[str, int]:
        for packet in self.stream.encode():
            self.container.mux(packet)
        self.container.close()
        os.replace(self.path + '.tmp', self.path)
        return self.path, self.frames


def is_prepared(path: str, frames: Optional[int] = None) -> bool:
    """Whether ``path`` exists, opens, and holds ``frames`` frames (any
    number > 0 if None), its last frame decoding."""
    if not osp.isfile(path):
        return False
    try:
        with av.open(path) as container:
            index = VideoIndex(container, path)
            if frames is not None and len(index) != frames:
                return False
            stream = container.streams.video[0]
            container.seek(int(index.pts[index.key_frame_before(len(index) - 1)]), stream=stream)
            last = None
            for frame in container.decode(stream):
                last = frame.pts
            return last == int(index.pts[-1])
    except (av.FFmpegError, OSError):
        return False


def prepare_video(src: str,
                  dst: str,
                  short_side: Optional[int] = 320,
                  gop: int = 16,
                  bframes: int = 0,
                  crf: int = 23,
                  preset: str = 'veryfast',
                  chunk_seconds: Optional[float] = None) -> List[Tuple[str, int]]:
    """Re-encode ``src`` into ``dst`` (or ``dst``'s ``_000``, ``_001``, ...
    pieces of ``chunk_seconds`` at the video's frame rate; the last may be
    shorter) and return [(path, frames)]. Each file appears whole or not at
    all (written to ``.tmp``, then renamed)."""
    written = []
    with av.open(src) as container:
        if not container.streams.video:
            raise av.error.InvalidDataError(0, f'no video stream in {src}')
        stream = container.streams.video[0]
        stream.thread_type = 'AUTO'
        rate = stream.average_rate or stream.guessed_rate or Fraction(25)
        chunk_frames = max(1, round(chunk_seconds * rate)) if chunk_seconds else None
        size = output_size(stream.width, stream.height, short_side)
        encoder = None
        for frame in container.decode(stream):
            if encoder is None or (chunk_frames and encoder.frames == chunk_frames):
                if encoder is not None:
                    written.append(encoder.close())
                path = chunk_path(dst, len(written)) if chunk_frames else dst
                encoder = Encoder(path, rate, size, gop, bframes, crf, preset)
            encoder.write(
                frame.reformat(
                    width=size[0], height=size[1], format='yuv420p', interpolation='AREA'))
        if encoder is None:
            raise av.error.InvalidDataError(0, f'no frames decoded from {src}')
        written.append(encoder.close())
    return written


def rgb_frames(path: str, size: Optional[Tuple[int, int]] = None):
    """The frames of ``path`` in order as (H, W, 3) uint8 RGB, resized to
    ``size`` (width, height) with ``prepare_video``'s filter if given."""
    with av.open(path) as container:
        for frame in container.decode(container.streams.video[0]):
            if size is not None:
                frame = frame.reformat(width=size[0], height=size[1], interpolation='AREA')
            yield frame.to_ndarray(format='rgb24')


def encoding_psnr(src: str, outputs: List[str]) -> float:
    """PSNR (dB) of the prepared frames (``outputs`` in order) against the
    source's frames resized to their size with the same filter: what the
    re-encoding alone changed."""
    with av.open(outputs[0]) as container:
        stream = container.streams.video[0]
        size = stream.width, stream.height
    prepared = (f for path in outputs for f in rgb_frames(path))
    errors = [
        np.mean((a.astype(np.float64) - b)**2) for a, b in zip(rgb_frames(src, size), prepared)
    ]
    mse = float(np.mean(errors))
    return float('inf') if mse == 0 else 10 * np.log10(255**2 / mse)


@dataclasses.dataclass
class Preparation:
    """How a dataset is prepared: where from and to, and ``prepare_video``'s
    settings."""
    src_root: str
    dst_root: str
    short_side: Optional[int] = 320
    gop: int = 16
    bframes: int = 0
    crf: int = 23
    preset: str = 'veryfast'
    chunk_seconds: Optional[float] = None
    psnr: bool = False

    def __call__(self, name: str) -> Tuple[str, Optional[dict], Optional[str]]:
        """Prepare the video ``name`` (relative to ``src_root``) and check
        every file written: (name, record, None) with record ``{'source':
        name, 'outputs': [[output relative to dst_root, frames], ...]}`` (and
        ``'psnr_db'`` if ``psnr``: ``encoding_psnr``), or (name, None, the
        reason it failed)."""
        src = osp.join(self.src_root, name)
        dst = osp.join(self.dst_root, osp.splitext(name)[0] + '.mp4')
        try:
            written = prepare_video(src, dst, self.short_side, self.gop, self.bframes, self.crf,
                                    self.preset, self.chunk_seconds)
        except (av.FFmpegError, OSError, IndexError) as e:
            return name, None, f'{type(e).__name__}: {str(e).strip()[:300]}'
        for path, frames in written:
            if not is_prepared(path, frames):
                return name, None, f'{path} does not decode to its {frames} frames'
        record = dict(source=name, outputs=[[osp.relpath(p, self.dst_root), n] for p, n in written])
        if self.psnr:
            record['psnr_db'] = round(encoding_psnr(src, [p for p, _ in written]), 2)
        return name, record, None

    def still_prepared(self, record: dict) -> bool:
        """Whether every output of a finished video's ``record`` is still
        there, whole (``is_prepared`` with its recorded frames)."""
        return all(is_prepared(osp.join(self.dst_root, p), n) for p, n in record['outputs'])
