from .videomaev2 import VideoMAEv2

__all__ = ['VideoMAEv2']
