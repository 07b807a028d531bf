"""What the tests, the demo and the data tools share to build inputs (as
``mmaction.testing``): synthetic action videos, small videos of a chosen codec."""
from .synthetic import CLASSES, make_split, render_video, sprite_clip, write_bgr_video
from .videos import moving_pattern_frames, write_video

__all__ = [
    'CLASSES', 'make_split', 'render_video', 'sprite_clip', 'write_bgr_video',
    'moving_pattern_frames', 'write_video'
]
