"""FLOPs with fvcore (one multiply-add = one FLOP), as the paper's tables.

fvcore has no rule for ``scaled_dot_product_attention``; we count it as the
two matrix products it replaces (q @ k^T and attn @ v), exactly what fvcore
counts for the reference's explicit attention. Softmax and scaling are not
counted, as fvcore does not count them in the reference either.
"""
from math import prod
from typing import Dict, Sequence, Tuple

import numpy as np
import torch
import torch.nn as nn
from fvcore.nn import FlopCountAnalysis
from fvcore.nn.jit_handles import get_shape

from ..engine import mask_settings
from ..masking import TokenMasks, running_cell_maps, tube_mask


def sdpa_flop_jit(inputs, outputs) -> int:
    q, k, v = (get_shape(x) for x in inputs[:3])  # [..., Nq, d], [..., Nk, d], [..., Nk, dv]
    batch_q = prod(q[:-1])
    return batch_q * k[-2] * q[-1] + batch_q * k[-2] * v[-1]


class _Forward(nn.Module):
    """Exposes the counted computation of a model as ``forward``."""

    def __init__(self, model: nn.Module):
        super().__init__()
        self.model = model

    def forward(self, *args):
        model = self.model
        if hasattr(model, 'neck') and hasattr(model, 'head') and len(args) == 3:
            video, enc, dec = args  # pre-training: video, bool masks
            return model._forward(video, TokenMasks.from_masks(enc, dec))
        if hasattr(model, 'cls_head'):  # recognizer: backbone + head
            return model.cls_head(model.backbone(*args))
        return model.backbone(*args)


def count_flops(model: nn.Module, inputs: Tuple) -> Tuple[int, Dict[str, int]]:
    """Total FLOPs and per-module FLOPs of ``model`` on ``inputs``."""
    analysis = FlopCountAnalysis(_Forward(model).eval(), inputs)
    analysis.set_op_handle('aten::scaled_dot_product_attention', sdpa_flop_jit)
    analysis.unsupported_ops_warnings(False).uncalled_modules_warnings(False)
    with torch.no_grad():
        return analysis.total(), dict(analysis.by_module())


def model_inputs_from_config(cfg,
                             model: nn.Module,
                             shape: Sequence[int],
                             batch: int = 1,
                             seed: int = 0) -> Tuple:
    """Random inputs for ``count_flops``: a video [batch, 3, T, H, W] and, for
    a pre-training model, masks with the config's ratios (``mask_settings``;
    ``cfg`` as ``load_config`` gives it)."""
    video = torch.randn(batch, 3, *shape)
    if not hasattr(model, 'neck') or not hasattr(model, 'head'):
        return (video, )
    grid = model.backbone.patch_embed.token_grid(video.shape)
    rng = np.random.RandomState(seed)
    masks = mask_settings(cfg)
    enc = np.stack([tube_mask(grid, masks['encoder']['mask_ratio'], rng) for _ in range(batch)])
    if masks['decoder'] is None:
        dec = ~enc
    else:
        maps = running_cell_maps(grid, masks['decoder']['mask_ratio']).reshape(4, -1)
        dec = maps[rng.randint(4, size=batch)]
    return video, torch.from_numpy(enc), torch.from_numpy(dec)
