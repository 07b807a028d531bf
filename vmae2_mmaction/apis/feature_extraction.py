"""Clip features of whole videos (temporal action localization's input):
``[T, C]`` per video, row ``i`` the backbone's ``fc_norm`` of the mean token of
the clip starting at frame ``i * stride``."""
import decord
import numpy as np
import torch
import torch.nn.functional as F
from mmaction.registry import MODELS

from ..checkpoint import load_checkpoint


def build_backbone(cfg, checkpoint: str):
    """The config's backbone (``out_type='avg'``) with the checkpoint's weights."""
    backbone_cfg = dict(cfg.model.get('backbone', cfg.model), out_type='avg')
    backbone = MODELS.build(backbone_cfg).eval()
    load_checkpoint(backbone, checkpoint, prefix='backbone.')  # a recognizer's head: not used
    return backbone


class ClipFeatureExtractor:
    """Video path -> [T, C] features; decodes in windows of ``batch`` clips."""

    def __init__(self,
                 backbone,
                 img_size: int,
                 clip_len: int,
                 stride: int,
                 batch: int,
                 mean=None,
                 std=None,
                 reference: bool = False,
                 device='cpu',
                 amp=None):
        self.backbone, self.img_size = backbone.to(device), img_size
        self.clip_len, self.stride, self.batch = clip_len, stride, batch
        self.reference, self.device = reference, torch.device(device)
        self.mean = torch.tensor(mean, device=device).view(1, 3, 1, 1)
        self.std = torch.tensor(std, device=device).view(1, 3, 1, 1)
        self.amp = dict(bf16=torch.bfloat16, fp16=torch.float16).get(amp)

    @classmethod
    def from_config(cls, cfg, backbone, clip_len: int, stride: int, batch: int, **kwargs):
        """Frame size from the config's backbone, mean / std from its data
        preprocessor (none when it has no preprocessor)."""
        preprocessor = cfg.model.get('data_preprocessor', {})
        return cls(backbone, cfg.model.backbone.get('img_size', 224), clip_len, stride, batch,
                   preprocessor.get('mean', (0., 0., 0.)), preprocessor.get('std', (1., 1., 1.)),
                   **kwargs)

    def frames(self, vr, start: int, stop: int):
        """Frames [start, stop) -> [F, 3, S, S] float, preprocessed."""
        x = torch.from_numpy(vr.get_batch(list(range(start, stop))).asnumpy())
        x = x.to(self.device).permute(0, 3, 1, 2).float()  # [F, 3, H, W]
        size = (self.img_size, self.img_size)
        if self.reference:  # the reference script: /255, resize, no mean/std
            return F.interpolate(x / 255, size=size, mode='bilinear', align_corners=False)
        x = F.interpolate(x, size=size, mode='bilinear', align_corners=False)
        return (x - self.mean) / self.std

    def __call__(self, path: str):
        vr = decord.VideoReader(path, num_threads=1)
        num_frames = len(vr)
        starts = list(range(0, num_frames - self.clip_len + 1, self.stride))
        if not starts:
            raise ValueError(f'{num_frames} frames, shorter than one {self.clip_len}-frame clip')
        feats = []
        for i in range(0, len(starts), self.batch):
            chunk = starts[i:i + self.batch]
            frames = self.frames(vr, chunk[0], chunk[-1] + self.clip_len)
            index = torch.tensor(chunk)[:, None] - chunk[0] + torch.arange(self.clip_len)
            clips = frames[index.to(self.device)].permute(0, 2, 1, 3, 4)  # [N, 3, T, S, S]
            with torch.inference_mode(), torch.autocast(
                    self.device.type, dtype=self.amp or torch.float32, enabled=self.amp
                    is not None):
                feats.append(self.backbone(clips).float().cpu())
        return torch.cat(feats).numpy().astype(np.float32)
