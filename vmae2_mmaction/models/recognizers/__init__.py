from .videomaev2_recognizer import VideoMAEv2Recognizer

__all__ = ['VideoMAEv2Recognizer']
