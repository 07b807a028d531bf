"""Pixel reconstruction head: builds the reference's target and applies the loss."""
from typing import Dict, Sequence

import torch
from mmaction.registry import MODELS
from mmengine.model import BaseModule

from ...masking import TokenMasks, gather_tokens
from ..layers.patches import patchify

IMAGENET_MEAN = (0.485, 0.456, 0.406)
IMAGENET_STD = (0.229, 0.224, 0.225)


@MODELS.register_module()
class PixelReconstructionHead(BaseModule):
    """Normalised-pixel target and masked reconstruction loss of VideoMAE V2.

    Args:
        patch_size (int): spatial patch size p.
        tubelet_size (int): frames per token t.
        norm_pix (bool): normalise each patch per channel (reference default).
        mean, std: the normalisation of the model input, on a [0, 1] pixel
            scale (ImageNet); used to recover pixels from the input.
        loss (dict): the loss module config.
    """

    def __init__(self,
                 patch_size: int = 16,
                 tubelet_size: int = 2,
                 norm_pix: bool = True,
                 mean: Sequence[float] = IMAGENET_MEAN,
                 std: Sequence[float] = IMAGENET_STD,
                 loss: Dict = dict(type='PixelReconstructionLoss'),
                 init_cfg=None):
        super().__init__(init_cfg=init_cfg)
        self.patch_size = patch_size
        self.tubelet_size = tubelet_size
        self.norm_pix = norm_pix
        self.register_buffer('mean', torch.tensor(mean).view(1, 3, 1, 1, 1), persistent=False)
        self.register_buffer('std', torch.tensor(std).view(1, 3, 1, 1, 1), persistent=False)
        self.loss_module = MODELS.build(loss)

    def unnormalize(self, video: torch.Tensor) -> torch.Tensor:
        """Model input [B, 3, T, H, W] -> pixels in [0, 1]."""
        return video * self.std.to(video) + self.mean.to(video)

    def patchify(self, pixels: torch.Tensor) -> torch.Tensor:
        """[B, 3, T, H, W] -> [B, N, t*p*p, 3], tokens in (t, h, w) order."""
        t, p = self.tubelet_size, self.patch_size
        x = patchify(pixels, t, p, channels_last=True)  # [B, N, t, p, p, 3]
        return x.reshape(*x.shape[:2], t * p * p, x.shape[-1])

    def unpatchify(self, patches: torch.Tensor, shape: Sequence[int]) -> torch.Tensor:
        """[B, N, t*p*p, 3] -> [B, 3, T, H, W] (inverse of ``patchify``)."""
        B, C, T, H, W = shape
        t, p = self.tubelet_size, self.patch_size
        x = patches.reshape(B, T // t, H // p, W // p, t, p, p, C)
        x = x.permute(0, 7, 1, 4, 2, 5, 3, 6)
        return x.reshape(B, C, T, H, W)

    def patch_stats(self, patches: torch.Tensor):
        """Per-token, per-channel mean and (unbiased std + 1e-6)."""
        mean = patches.mean(dim=-2, keepdim=True)
        std = patches.var(dim=-2, unbiased=True, keepdim=True).sqrt() + 1e-6
        return mean, std

    def target(self, video: torch.Tensor) -> torch.Tensor:
        """Reconstruction target for every token, [B, N, t*p*p*3].

        Pixels are unnormalised, split into t x p x p patches and, with
        ``norm_pix``, normalised per channel; features in (pixel, channel) order.
        """
        patches = self.patchify(self.unnormalize(video))
        if self.norm_pix:
            mean, std = self.patch_stats(patches)
            patches = (patches - mean) / std
        return patches.flatten(2)

    def loss(self, pred: torch.Tensor, video: torch.Tensor, masks: TokenMasks) -> Dict:
        """pred: [B, N_keep, D] for the decoder-kept tokens (``masks.kept``)."""
        with torch.no_grad():
            target = gather_tokens(self.target(video), masks.kept)  # [B, N_keep, D]
        return dict(loss=self.loss_module(pred, target, masks.loss_weight))

    def reconstruct(self, pred: torch.Tensor, video: torch.Tensor,
                    masks: TokenMasks) -> Dict[str, torch.Tensor]:
        """Pixel videos in [0, 1], each [B, 3, T, H, W], for visualisation.

        'original'; 'masked_input' (encoder-hidden tokens greyed out);
        'reconstruction' (visible tokens from the input, hidden tokens that the
        decoder predicted from ``pred``, un-normalised with the true patch
        statistics as MAE visualisations do; hidden, undecoded tokens grey).
        """
        pixels = self.unnormalize(video).float().clamp(0, 1)
        patches = self.patchify(pixels)  # [B, N, P, 3]
        B, N, P, C = patches.shape
        grey = torch.full_like(patches, 0.5)
        hidden = masks.encoder[..., None, None]
        masked_input = torch.where(hidden, grey, patches)
        predicted = torch.zeros_like(patches)
        rows = torch.arange(B, device=pred.device)[:, None]
        predicted[rows, masks.kept] = pred.float().reshape(B, -1, P, C)
        keep = torch.zeros_like(masks.encoder)
        keep[rows, masks.kept] = True
        if self.norm_pix:
            mean, std = self.patch_stats(patches)
            predicted = predicted * std + mean
        predicted = predicted.clamp(0, 1)
        recon = torch.where(hidden & keep[..., None, None], predicted, masked_input)
        shape = pixels.shape
        return dict(
            original=pixels,
            masked_input=self.unpatchify(masked_input, shape),
            reconstruction=self.unpatchify(recon, shape))
