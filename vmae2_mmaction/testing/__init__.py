"""What the tests and tools share to build inputs (as ``mmaction.testing``)."""
from .videos import moving_pattern_frames, write_video

__all__ = ['moving_pattern_frames', 'write_video']
