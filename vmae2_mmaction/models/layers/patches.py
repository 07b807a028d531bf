"""Tubelets of a video, as the embedding and the pixel target both cut them."""
import torch


def patchify(video: torch.Tensor, tubelet: int, patch: int, channels_last: bool) -> torch.Tensor:
    """[B, C, T, H, W] -> [B, N, C, t, p, p] (or [B, N, t, p, p, C] with
    ``channels_last``): the N = T/t * H/p * W/p tubelets in (t, h, w) token
    order, each as the patch embedding's kernel reads it (channels first) or
    as the pixel target lists it (channels last)."""
    B, C, T, H, W = video.shape
    x = video.reshape(B, C, T // tubelet, tubelet, H // patch, patch, W // patch, patch)
    order = (0, 2, 4, 6, 3, 5, 7, 1) if channels_last else (0, 2, 4, 6, 1, 3, 5, 7)
    x = x.permute(*order)  # B, T', H', W', then the tubelet's own axes
    return x.reshape(B, -1, *x.shape[4:])
