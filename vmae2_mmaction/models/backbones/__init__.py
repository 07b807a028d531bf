from .vit_videomaev2 import VideoMAEv2ViT

__all__ = ['VideoMAEv2ViT']
