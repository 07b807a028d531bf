"""The VideoMAE V2 pre-training decoder (a neck, as mmpretrain's MAE decoder)."""
from functools import partial
from typing import Optional

import numpy as np
import torch
import torch.nn as nn
from mmaction.registry import MODELS
from mmengine.model import BaseModule
from timm.models.beit import Block

from ...masking import TokenMasks
from ..layers.init import reference_init_
from ..layers.position_encoding import sinusoid_table


@MODELS.register_module()
class VideoMAEv2Decoder(BaseModule):
    """Encoder tokens + mask tokens -> pixel predictions for decoder-kept tokens.

    The visible tokens are projected to the decoder width (no bias) and get the
    decoder's own sinusoid table; one learned mask token, plus the table, is
    appended for EVERY decoder-kept position (visible ones included, as the
    reference does); the prediction layer runs on those appended tokens only.

    Args:
        in_channels (int): encoder width.
        embed_dims (int): decoder width.
        num_layers (int): decoder depth (reference 4).
        num_heads (int): decoder heads.
        out_channels (int): predicted values per token, 3 * tubelet * p * p.
        mlp_ratio (float): MLP ratio of the decoder blocks.
        norm_eps (float): LayerNorm epsilon.
    """

    def __init__(self,
                 in_channels: int = 768,
                 embed_dims: int = 384,
                 num_layers: int = 4,
                 num_heads: int = 6,
                 out_channels: int = 1536,
                 mlp_ratio: float = 4.,
                 qkv_bias: bool = True,
                 drop_path_rate: float = 0.,
                 init_values: float = 0.,
                 norm_eps: float = 1e-6,
                 init_cfg: Optional[dict] = None):
        super().__init__(init_cfg=init_cfg)
        norm_layer = partial(nn.LayerNorm, eps=norm_eps)
        self.encoder_to_decoder = nn.Linear(in_channels, embed_dims, bias=False)
        self.mask_token = nn.Parameter(torch.zeros(1, 1, embed_dims))
        dpr = np.linspace(0, drop_path_rate, num_layers).tolist()
        self.blocks = nn.ModuleList([
            Block(
                dim=embed_dims,
                num_heads=num_heads,
                qkv_bias=qkv_bias,
                mlp_ratio=mlp_ratio,
                drop_path=dpr[i],
                init_values=init_values or None,
                norm_layer=norm_layer) for i in range(num_layers)
        ])
        self.norm = norm_layer(embed_dims)
        self.head = nn.Linear(embed_dims, out_channels)
        self._tables = {}

    def init_weights(self):
        """The reference's init (mask token: truncated normal, std 0.02),
        then ``init_cfg``."""
        reference_init_(self)
        nn.init.trunc_normal_(self.mask_token, std=.02)
        super().init_weights()

    def no_weight_decay(self) -> set:
        return {'mask_token'}

    def pos_table(self, num_tokens: int, like: torch.Tensor) -> torch.Tensor:
        key = (num_tokens, like.device, like.dtype)
        if key not in self._tables:
            self._tables[key] = sinusoid_table(num_tokens, self.mask_token.shape[-1]).to(like)
        return self._tables[key]

    def forward(self, x_vis: torch.Tensor, masks: TokenMasks) -> torch.Tensor:
        """x_vis: [B, N_vis, C_enc]; masks: ``TokenMasks`` (see ``masking``).

        Returns predictions [B, N_keep, out_channels] for the decoder-kept
        tokens, in token order.
        """
        x_vis = self.encoder_to_decoder(x_vis)  # [B, N_vis, C]
        pos = self.pos_table(masks.encoder.shape[1], x_vis)  # [N, C]
        x = torch.cat([x_vis + pos[masks.visible], self.mask_token + pos[masks.kept]], dim=1)
        for blk in self.blocks:
            x = blk(x)
        x = x[:, -masks.kept.shape[1]:]  # the mask-token positions
        return self.head(self.norm(x))
