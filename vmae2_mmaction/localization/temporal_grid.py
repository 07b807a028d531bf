"""The time convention of temporal localization, stated once.

Feature i of a video is the clip of ``num_frames`` frames starting at frame
``i * feat_stride`` and stands for the clip's centre, so feature index i is at
frame ``i * feat_stride + num_frames / 2``: seconds = (index x stride +
num_frames / 2) / fps. Segments are in that grid inside the localizer and in
seconds in annotations and predictions; the datasets (targets) and the models
(predictions) both convert with these two functions.
"""


def seconds_to_grid(segments, fps: float, feat_stride: float, num_frames: float):
    """Seconds -> feature index: feature i covers frames [i*stride, i*stride+num_frames).

    THE time convention of localization: a feature stands for the centre of
    its clip, so index i is at frame ``i * feat_stride + num_frames / 2``.
    Works on tensors and arrays.
    """
    return segments * (fps / feat_stride) - 0.5 * num_frames / feat_stride


def grid_to_seconds(segments, fps: float, feat_stride: float, num_frames: float):
    """Feature index -> seconds; the inverse of :func:`seconds_to_grid`."""
    return (segments * feat_stride + 0.5 * num_frames) / fps
