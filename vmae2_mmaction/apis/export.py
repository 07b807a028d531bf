"""Recognizers as ONNX graphs: a clip of RGB frames in, class scores (or pooled features) out.

The graph holds the whole computation after the data pipeline: the data
preprocessor's normalisation, the backbone, and the head with softmax (the
scores ``inference_recognizer`` gives for one view), so a runtime feeds it
the pipeline's frames as they are.
"""
from typing import Sequence, Tuple

import numpy as np
import torch
import torch.nn as nn
from mmengine.dataset import Compose


class ExportedRecognizer(nn.Module):
    """video float [B, 3, T, H, W] (RGB 0-255) -> scores [B, num_classes]
    (softmax), or the backbone's pooled features [B, C] with ``features``."""

    def __init__(self, recognizer: nn.Module, features: bool = False):
        super().__init__()
        preprocessor = recognizer.data_preprocessor
        self.register_buffer('mean', preprocessor.mean.reshape(1, -1, 1, 1, 1).float())
        self.register_buffer('std', preprocessor.std.reshape(1, -1, 1, 1, 1).float())
        self.backbone = recognizer.backbone
        self.cls_head = None if features else recognizer.cls_head

    def forward(self, video: torch.Tensor) -> torch.Tensor:
        x = self.backbone((video - self.mean) / self.std)
        return x if self.cls_head is None else self.cls_head(x).softmax(-1)


def clip_shape(cfg) -> Tuple[int, int, int]:
    """(frames, height, width) of one view: the backbone's num_frames and img_size."""
    backbone = cfg.model.backbone
    return backbone.num_frames, backbone.img_size, backbone.img_size


def export_onnx(recognizer: nn.Module,
                path: str,
                shape: Sequence[int],
                features: bool = False,
                opset: int = 18) -> ExportedRecognizer:
    """Write ``recognizer`` (eval mode) as ONNX to ``path`` for clips of
    ``shape`` = (T, H, W), batch dimension dynamic (input ``video``, output
    ``scores`` or ``features``); returns the exported module."""
    module = ExportedRecognizer(recognizer.eval(), features).eval()
    example = torch.zeros(2, 3, *shape)
    batch = torch.export.Dim('batch', min=1, max=1024)
    torch.onnx.export(
        module,
        (example, ),
        path,
        dynamo=True,
        input_names=['video'],
        output_names=['features' if features else 'scores'],
        dynamic_shapes={'video': {
            0: batch
        }},
        opset_version=opset,
        # weights over protobuf's 2 GB (ViT-g) go to PATH.data beside the graph
        external_data=sum(p.numel() * p.element_size() for p in module.parameters()) > 1.5e9)
    return module


def pipeline_clip(cfg, video: str) -> torch.Tensor:
    """The first view of ``video`` through the config's test pipeline, as the
    exported graph takes it: float [1, 3, T, H, W], RGB 0-255."""
    data = Compose(cfg.test_pipeline)(dict(filename=video, label=-1, start_index=0, modality='RGB'))
    inputs = data['inputs']  # [views, 3, T, H, W] uint8
    return inputs[:1].float()


def onnx_runtime_outputs(path: str, video: torch.Tensor) -> np.ndarray:
    """Run the ONNX file on ``video`` with ONNX Runtime (CPU)."""
    import onnxruntime
    session = onnxruntime.InferenceSession(path, providers=['CPUExecutionProvider'])
    return session.run(None, {'video': video.numpy()})[0]
