"""Segment IoU, Soft-NMS and the seconds <-> feature-grid convention."""
import math

import numpy as np
import pytest
import torch
from mmaction.evaluation.functional import pairwise_temporal_iou

from vmae2_mmaction.localization import grid_to_seconds, seconds_to_grid, segment_iou, soft_nms


def random_segments(n, gen, scale=100.):
    start = torch.rand(n, generator=gen, dtype=torch.float64) * scale
    return torch.stack(
        [start, start + 0.5 + torch.rand(n, generator=gen, dtype=torch.float64) * 20], 1)


def test_segment_iou_matches_mmaction2():
    gen = torch.Generator().manual_seed(0)
    a, b = random_segments(7, gen), random_segments(5, gen)
    ours = segment_iou(a, b).numpy()
    theirs = pairwise_temporal_iou(a.numpy(), b.numpy()).T  # theirs: [len(b), len(a)]
    np.testing.assert_allclose(ours, theirs, atol=1e-6)
    assert segment_iou(a, a).diagonal().allclose(torch.ones(7, dtype=torch.float64))


def sequential_soft_nms(segments, scores, labels, sigma, min_score, max_num):
    """Gaussian Soft-NMS as ActionFormer's C++ op does it: one class at a time,
    pick the best, decay the rest pair by pair, drop those below min_score."""
    out = []
    for c in sorted(set(labels.tolist())):
        idx = [i for i in range(len(labels)) if labels[i] == c]
        segs = [segments[i].tolist() for i in idx]
        sc = [float(scores[i]) for i in idx if True]
        live = [j for j in range(len(segs)) if sc[j] >= min_score]
        kept = 0
        while live and kept < max_num:
            best = max(live, key=lambda j: (sc[j], -j))
            out.append((sc[best], segs[best], c))
            kept += 1
            live.remove(best)
            for j in list(live):
                inter = max(0., min(segs[j][1], segs[best][1]) - max(segs[j][0], segs[best][0]))
                union = (segs[j][1] - segs[j][0]) + (segs[best][1] - segs[best][0]) - inter
                sc[j] *= math.exp(-(inter / union)**2 / sigma)
                if sc[j] < min_score:
                    live.remove(j)
    out.sort(key=lambda r: -r[0])
    return out[:max_num]


@pytest.mark.parametrize('max_num', [5, 200])
def test_soft_nms_matches_sequential_reference(max_num):
    gen = torch.Generator().manual_seed(1)
    segments = random_segments(300, gen)
    scores = torch.rand(300, generator=gen, dtype=torch.float64)
    labels = torch.randint(0, 4, (300, ), generator=gen)
    segs, sc, lab = soft_nms(segments, scores, labels, 0.5, 0.001, max_num)
    ref = sequential_soft_nms(segments, scores, labels, 0.5, 0.001, max_num)
    assert len(sc) == len(ref) == min(max_num, len(sc))
    np.testing.assert_allclose(sc.numpy(), [r[0] for r in ref], rtol=1e-9)
    np.testing.assert_allclose(segs.numpy(), [r[1] for r in ref])
    assert lab.tolist() == [r[2] for r in ref]


def test_soft_nms_keeps_classes_apart_and_handles_empty():
    seg = torch.tensor([[0., 10.], [0., 10.]])
    _, scores, labels = soft_nms(seg, torch.tensor([0.9, 0.8]), torch.tensor([0, 1]))
    assert scores.tolist() == pytest.approx([0.9, 0.8])  # other class: no decay
    _, scores, _ = soft_nms(seg, torch.tensor([0.9, 0.8]), torch.tensor([0, 0]))
    assert scores.tolist() == pytest.approx([0.9, 0.8 * math.exp(-1 / 0.5)])
    segs, scores, labels = soft_nms(torch.zeros(0, 2), torch.zeros(0), torch.zeros(0).long())
    assert segs.shape == (0, 2) and scores.numel() == 0


def test_grid_convention_half_clip_offset():
    # 30 fps, a feature every 4 frames of 16-frame clips: feature 0 stands for
    # frame 8 (its clip's centre), feature 10 for frame 48.
    grid = seconds_to_grid(np.array([8 / 30, 48 / 30]), 30., 4, 16)
    np.testing.assert_allclose(grid, [0., 10.], atol=1e-12)
    np.testing.assert_allclose(grid_to_seconds(grid, 30., 4, 16), [8 / 30, 48 / 30])
