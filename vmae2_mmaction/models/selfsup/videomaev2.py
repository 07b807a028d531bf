"""The VideoMAE V2 pre-training model: backbone -> decoder neck -> pixel head."""
from typing import Dict, List, Optional, Union

import torch
from mmaction.registry import MODELS
from mmaction.utils import OptSampleList
from mmengine.model import BaseModel

from ...checkpoint.state_dict_hooks import register_model_hook
from ...masking import TokenMasks


@MODELS.register_module()
class VideoMAEv2(BaseModel):
    """Dual-masking masked autoencoder (VideoMAE V2).

    Masks travel in the data samples (``encoder_mask`` and, optionally,
    ``decoder_mask``, bool [N] each, from ``TubeMasking`` and
    ``RunningCellMasking``); without a decoder mask the decoder reconstructs
    every encoder-masked token. See ``vmae2_mmaction.masking``.

    Args:
        backbone, neck, head: configs of the encoder, decoder and pixel head.
        decoder_masking (bool): use the samples' ``decoder_mask``; False
            ignores it (the paper's ablation without decoder masking).

    Modes: 'loss' -> dict of losses; 'tensor' -> predictions [B, N_keep, D];
    'predict' -> data samples with ``original``, ``masked_input`` and
    ``reconstruction`` pixel videos [3, T, H, W] in [0, 1].
    """

    def __init__(self,
                 backbone: Dict,
                 neck: Dict,
                 head: Dict,
                 decoder_masking: bool = True,
                 data_preprocessor: Optional[Dict] = None,
                 init_cfg: Optional[Union[Dict, List[Dict]]] = None):
        if data_preprocessor is None:
            data_preprocessor = dict(
                type='NonBlockingActionDataPreprocessor',
                mean=[123.675, 116.28, 103.53],
                std=[58.395, 57.12, 57.375],
                format_shape='NCTHW')
        super().__init__(data_preprocessor=data_preprocessor, init_cfg=init_cfg)
        self.backbone = MODELS.build(backbone)
        self.neck = MODELS.build(neck)
        self.head = MODELS.build(head)
        self.decoder_masking = decoder_masking
        register_model_hook(self)  # any checkpoint format; must fill the model

    def masks_from(self, data_samples, num_tokens: int, device) -> TokenMasks:
        """The samples' masks as ``TokenMasks`` on ``device``.

        Checked and turned into indices on the host (the masks arrive there
        from the data pipeline), then copied: the step never waits on the device.
        """
        if not data_samples or 'encoder_mask' not in data_samples[0]:
            raise KeyError('VideoMAEv2 needs `encoder_mask` in every data sample '
                           '(add TubeMasking to the pipeline and pack it with '
                           "PackActionInputs(algorithm_keys=('encoder_mask', ...)))")

        def stack(key):  # PackActionInputs keeps them as numpy arrays
            return torch.stack([torch.as_tensor(s.get(key)) for s in data_samples]).to(
                device='cpu', dtype=torch.bool)

        enc = stack('encoder_mask')
        if self.decoder_masking and 'decoder_mask' in data_samples[0]:
            dec = stack('decoder_mask')
        else:
            dec = ~enc  # reconstruct every encoder-masked token
        for name, m in (('encoder_mask', enc), ('decoder_mask', dec)):
            if m.shape[1] != num_tokens:
                raise ValueError(f'{name} has {m.shape[1]} tokens, the clip has '
                                 f'{num_tokens}: check patch_size / tubelet_size '
                                 'of the mask transforms against the backbone\'s')
        return TokenMasks.from_masks(enc, dec).to(device, non_blocking=True)

    def _forward(self, video: torch.Tensor, masks: TokenMasks) -> torch.Tensor:
        """video [B, 3, T, H, W] -> predictions [B, N_keep, D]."""
        x_vis = self.backbone(video, visible=masks.visible)
        return self.neck(x_vis, masks)

    def forward(self,
                inputs: torch.Tensor,
                data_samples: OptSampleList = None,
                mode: str = 'tensor'):
        # ActionDataPreprocessor gives [B, num_clips, 3, T, H, W]; one clip each.
        if inputs.dim() == 6:
            if inputs.shape[1] != 1:
                raise ValueError(f'pre-training takes one clip per sample, got '
                                 f'{inputs.shape[1]} (use num_clips=1)')
            inputs = inputs[:, 0]
        grid = self.backbone.patch_embed.token_grid(inputs.shape)
        masks = self.masks_from(data_samples, grid[0] * grid[1] * grid[2], inputs.device)
        pred = self._forward(inputs, masks)
        if mode == 'tensor':
            return pred
        if mode == 'loss':
            return self.head.loss(pred, inputs, masks)
        if mode == 'predict':
            videos = self.head.reconstruct(pred, inputs, masks)
            for i, sample in enumerate(data_samples):
                for key, value in videos.items():
                    sample.set_field(value[i], key)
            return data_samples
        raise ValueError(f'invalid mode {mode!r}: use loss, tensor or predict')
