"""Decode the frames a clip needs with PyAV, bit-identical to ``DecordDecode``.

MMAction2's ``PyAVDecode`` decodes every frame from the start of the video to
the last index and its ``DecordDecode`` lets decord seek, decode and convert
every frame between a key frame and the last index. These transforms index
the video's packets once at open (as decord does), then per group of needed
frames seek to the key frame before them and decode forward, asking the
decoder to skip the non-reference frames the clip does not need (nothing
depends on them: per packet, ``skip_frame='NONREF'``) and draining the frames
held back for reordering after the last needed packet. Only the needed frames
are converted to RGB, with the same conversion as decord's (equal frames,
tested on real videos and on a video with B-frames).

Frame ``i`` is the ``i``-th frame in presentation order (decord's numbering):
the packets' presentation timestamps, sorted.
"""
import bisect
import io
import os.path as osp
from typing import Dict, List, Optional

import av
import numpy as np
from av.video.reformatter import VideoReformatter
from mmaction.registry import TRANSFORMS
from mmcv.transforms import BaseTransform
from mmengine import fileio


class VideoIndex:
    """The packets of a video stream: presentation timestamps in order
    (frame ``i`` has ``pts[i]``) and the frame numbers of the key frames."""

    def __init__(self, container: 'av.container.InputContainer', filename: str):
        if not container.streams.video:
            raise av.error.InvalidDataError(0, f'no video stream in {filename}')
        stream = container.streams.video[0]
        pts, keys = [], []
        for packet in container.demux(stream):
            if packet.pts is None:  # the flush packet, or a stream without timestamps
                if packet.size:
                    raise av.error.InvalidDataError(
                        0, f'{filename}: a packet without a timestamp (raw stream?): '
                        'decode it with DecordDecode or remux it into mp4')
                continue
            pts.append(packet.pts)
            if packet.is_keyframe:
                keys.append(packet.pts)
        if not pts:
            raise av.error.InvalidDataError(0, f'no frames in {filename}')
        order = sorted(pts)
        self.pts = np.asarray(order, dtype=np.int64)
        frame_of_pts = {p: i for i, p in enumerate(order)}
        self.key_frames = sorted(frame_of_pts[p] for p in keys) or [0]

    def __len__(self) -> int:
        return len(self.pts)

    def key_frame_before(self, frame: int) -> int:
        """The last key frame at or before ``frame`` (frame 0 if none is)."""
        at = bisect.bisect_right(self.key_frames, frame) - 1
        return self.key_frames[at] if at >= 0 else 0


class PyAVVideo:
    """An open video and its index; ``frames(indices)`` decodes them and
    counts the packets sent to the decoder in ``packets_sent`` and the frames it
    produced in ``frames_decoded``. ``close()``
    releases the file; a later ``frames`` opens it again (the index kept)."""

    def __init__(self, source, filename: str, skip_loop_filter: bool = False):
        self.source, self.filename, self.skip_loop_filter = source, filename, skip_loop_filter
        self.container = self.open_container()
        try:
            self.index = VideoIndex(self.container, filename)
        except BaseException:  # a file that does not index is closed, not left to the GC
            self.close()
            raise
        self.stream = self.video_stream()
        self.avg_fps = float(self.stream.average_rate or self.stream.guessed_rate or 30)
        self.packets_sent = self.frames_decoded = 0
        # one conversion context for the video (``to_ndarray`` makes one a frame)
        self.to_rgb = VideoReformatter()

    def open_container(self) -> 'av.container.InputContainer':
        if hasattr(self.source, 'seek'):  # bytes read by a file backend
            self.source.seek(0)
        # no probing: av.open would decode frames to learn what the header
        # already says (18 of its 20 ms at 720p); the decoder needs none of it
        return av.open(self.source, options=dict(probesize='32', analyzeduration='0'))

    def video_stream(self) -> 'av.video.stream.VideoStream':
        stream = self.container.streams.video[0]
        # one core per loader process: threads cost more than they save here
        stream.thread_type = 'NONE'
        stream.thread_count = 1
        if self.skip_loop_filter:
            stream.codec_context.options = {'skip_loop_filter': 'all'}
        return stream

    def __len__(self) -> int:
        return len(self.index)

    def frames(self, indices: np.ndarray) -> List[np.ndarray]:
        """RGB frames (H, W, 3) uint8 for ``indices`` (in their order,
        repeats allowed); each distinct frame is decoded once."""
        if self.container is None:  # closed: opened again, the index kept
            self.container = self.open_container()
            self.stream = self.video_stream()
        wanted = np.unique(indices)
        if wanted[0] < 0 or wanted[-1] >= len(self.index):
            outside = wanted[0] if wanted[0] < 0 else wanted[-1]
            raise IndexError(f'{self.filename}: frame {outside} is outside the video '
                             f'(frames 0 to {len(self.index) - 1})')
        decoded: Dict[int, np.ndarray] = {}
        for group in self.seek_groups(wanted):
            decoded.update(self.decode_group(group))
        missing = [int(i) for i in wanted if int(i) not in decoded]
        if missing:
            raise av.error.InvalidDataError(
                0, f'{self.filename}: frames {missing[:5]} could not be decoded')
        return [decoded[int(i)] for i in indices]

    def seek_groups(self, wanted: np.ndarray) -> List[List[int]]:
        """``wanted`` (sorted) split where a later key frame lies between two
        wanted frames: decoding forward through it would cost more than a seek."""
        groups = [[int(wanted[0])]]
        for frame in wanted[1:]:
            if self.index.key_frame_before(int(frame)) > groups[-1][-1]:
                groups.append([])
            groups[-1].append(int(frame))
        return groups

    def decode_group(self, group: List[int]) -> Dict[int, np.ndarray]:
        key = self.index.key_frame_before(group[0])
        self.container.seek(int(self.index.pts[key]), stream=self.stream, backward=True)
        needed = {int(self.index.pts[i]): i for i in group}
        unsent = set(needed)
        out = {}
        codec = self.stream.codec_context
        for packet in self.container.demux(self.stream):
            if packet.pts is not None:
                codec.skip_frame = 'DEFAULT' if packet.pts in needed else 'NONREF'
                unsent.discard(packet.pts)
                self.packets_sent += 1
            frames = codec.decode(packet if packet.size else None)
            if not unsent and packet.size:  # the frames still held back for reordering:
                frames += codec.decode(None)  # drained, not pushed out by later packets
            for frame in frames:
                self.frames_decoded += 1
                i = needed.get(frame.pts)
                if i is not None and i not in out:
                    out[i] = self.to_rgb.reformat(frame, format='rgb24').to_ndarray()
            if not unsent:  # every needed packet sent and the decoder drained
                break
        codec.skip_frame = 'DEFAULT'
        return out

    def close(self) -> None:
        if self.container is not None:
            self.container.close()
            self.container = None


@TRANSFORMS.register_module()
class PyAVIndexedInit(BaseTransform):
    """Open a video with PyAV and index its packets (``DecordInit``'s place).

    Added keys: ``video_reader`` (``PyAVVideo``), ``total_frames``, ``avg_fps``.

    Args:
        skip_loop_filter (bool): decode without the deblocking filter: faster
            and approximate (docs/data_loading.md gives the PSNR). Default False.
        backend_args (dict, optional): MMEngine file backend for the bytes
            (read whole, as ``DecordInit`` does); None opens local paths directly.
    """

    def __init__(self, skip_loop_filter: bool = False, backend_args: Optional[dict] = None):
        self.skip_loop_filter = skip_loop_filter
        self.backend_args = backend_args

    def transform(self, results: Dict) -> Dict:
        filename = results['filename']
        if osp.splitext(filename)[0] == filename:
            filename = filename + '.mp4'  # DecordInit's rule
        source = filename if self.backend_args is None else io.BytesIO(
            fileio.get(filename, backend_args=self.backend_args))
        video = PyAVVideo(source, filename, self.skip_loop_filter)
        results['video_reader'] = video
        results['total_frames'] = len(video)
        results['avg_fps'] = video.avg_fps
        return results

    def __repr__(self) -> str:
        return f'{type(self).__name__}(skip_loop_filter={self.skip_loop_filter})'


@TRANSFORMS.register_module()
class PyAVIndexedDecode(BaseTransform):
    """Decode ``frame_inds`` from a ``PyAVIndexedInit`` video (``DecordDecode``'s
    place: same keys out, ``imgs`` a list of (H, W, 3) uint8 RGB frames), then
    close it."""

    def transform(self, results: Dict) -> Dict:
        video = results['video_reader']
        frame_inds = results['frame_inds']
        if frame_inds.ndim != 1:
            frame_inds = results['frame_inds'] = np.squeeze(frame_inds)
        try:
            imgs = video.frames(frame_inds)
        finally:
            video.close()
        results['video_reader'] = None
        results['imgs'] = imgs
        results['original_shape'] = results['img_shape'] = imgs[0].shape[:2]
        return results
