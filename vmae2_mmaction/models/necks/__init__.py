from .videomaev2_decoder import VideoMAEv2Decoder

__all__ = ['VideoMAEv2Decoder']
