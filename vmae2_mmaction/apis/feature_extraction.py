"""Clip features of whole videos (temporal action localization's input):
``[T, C]`` per video, row ``i`` the backbone's ``fc_norm`` of the mean token of
the clip of ``clip_len`` consecutive frames starting at frame ``i * stride``."""
import copy

import numpy as np
import torch
from mmaction.registry import MODELS
from mmengine.dataset import Compose

from ..checkpoint import load_checkpoint
from ..datasets.video_dataset import DECODE_ERRORS, decode_error

# VideoMAE V2's feature extraction: frames / 255, no mean / std
REFERENCE_MEAN, REFERENCE_STD = (0., 0., 0.), (255., 255., 255.)


def build_backbone(cfg, checkpoint: str):
    """The config's backbone (``out_type='avg'``) with the checkpoint's weights."""
    backbone_cfg = dict(cfg.model.get('backbone', cfg.model), out_type='avg')
    backbone = MODELS.build(backbone_cfg).eval()
    load_checkpoint(backbone, checkpoint, prefix='backbone.')  # a recognizer's head: not used
    return backbone


def feature_pipeline(cfg, reference: bool = False) -> list:
    """The config's test pipeline made for whole videos: its open transform
    (e.g. ``PyAVIndexedInit``) and its decode transform, then the frames
    resized to the backbone's ``img_size`` square in float and normalised with
    the data preprocessor's mean / std (``reference``: VideoMAE V2's
    extraction preprocessing, frames / 255). The frame sampling and crops of
    the test pipeline are not used: the extractor slides over every frame."""
    steps = cfg.test_dataloader.dataset.pipeline
    opens = [t for t in steps if t['type'].endswith('Init')]
    decodes = [t for t in steps if t['type'].endswith('Decode')]
    if len(opens) != 1 or len(decodes) != 1:
        raise ValueError('feature extraction takes the open (...Init) and decode (...Decode) '
                         'transforms of the config\'s test pipeline; found '
                         f'{[t["type"] for t in steps]}')
    preprocessor = cfg.model.get('data_preprocessor', {})
    mean = REFERENCE_MEAN if reference else preprocessor.get('mean', (0., 0., 0.))
    std = REFERENCE_STD if reference else preprocessor.get('std', (1., 1., 1.))
    size = cfg.model.backbone.get('img_size', 224)
    return [
        copy.deepcopy(opens[0]),
        copy.deepcopy(decodes[0]),
        dict(type='FloatResizeNormalize', scale=(size, size), mean=mean, std=std)
    ]


class ClipFeatureExtractor:
    """Video path -> [T, C] features.

    Args:
        backbone: returns ``[N, C]`` for clips ``[N, 3, T, H, W]``.
        pipeline (list[dict]): an open transform, then the transforms that
            turn ``frame_inds`` into a float tensor ``imgs`` [F, 3, H, W]
            (``feature_pipeline``); run on windows of ``batch`` clips.
        clip_len, stride (int): clip length and the step between clip starts.
        batch (int): clips per forward pass.
        device, amp: where the backbone runs; amp 'bf16' / 'fp16' or None.
    """

    def __init__(self,
                 backbone,
                 pipeline: list,
                 clip_len: int,
                 stride: int,
                 batch: int,
                 device='cpu',
                 amp=None):
        self.backbone, self.device = backbone.to(device), torch.device(device)
        self.open, self.window = Compose(pipeline[:1]), Compose(pipeline[1:])
        self.clip_len, self.stride, self.batch = clip_len, stride, batch
        self.amp = dict(bf16=torch.bfloat16, fp16=torch.float16).get(amp)

    @classmethod
    def from_config(cls,
                    cfg,
                    backbone,
                    clip_len: int,
                    stride: int,
                    batch: int,
                    reference: bool = False,
                    **kwargs):
        return cls(backbone, feature_pipeline(cfg, reference), clip_len, stride, batch, **kwargs)

    def open_video(self, path: str) -> dict:
        """The open transform's results for ``path`` (``total_frames`` among
        them); ``VideoDecodeError`` naming a file that does not open."""
        try:
            return self.open(dict(filename=path, start_index=0, modality='RGB'))
        except DECODE_ERRORS as e:
            raise decode_error(path, e) from e

    def __call__(self, path: str) -> np.ndarray:
        video = self.open_video(path)
        num_frames = video['total_frames']
        starts = list(range(0, num_frames - self.clip_len + 1, self.stride))
        if not starts:
            raise ValueError(f'{path}: {num_frames} frames, shorter than one '
                             f'{self.clip_len}-frame clip')
        feats = []
        for i in range(0, len(starts), self.batch):
            chunk = starts[i:i + self.batch]
            window = dict(video, frame_inds=np.arange(chunk[0], chunk[-1] + self.clip_len))
            try:
                frames = self.window(window)['imgs'].to(self.device)  # [F, 3, H, W]
            except DECODE_ERRORS as e:
                raise decode_error(path, e) from e
            index = torch.tensor(chunk)[:, None] - chunk[0] + torch.arange(self.clip_len)
            clips = frames[index.to(self.device)].permute(0, 2, 1, 3, 4)  # [N, 3, T, H, W]
            with torch.inference_mode(), torch.autocast(
                    self.device.type, dtype=self.amp or torch.float32, enabled=self.amp
                    is not None):
                feats.append(self.backbone(clips).float().cpu())
        return torch.cat(feats).numpy().astype(np.float32)
