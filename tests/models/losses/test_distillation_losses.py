"""LogitDistillationLoss and FeatureDistillationLoss."""
import pytest
import torch
import torch.nn.functional as F
from mmaction.registry import MODELS


def test_logit_loss_is_temperature_scaled_kl():
    s, t = torch.randn(3, 5), torch.randn(3, 5)
    loss = MODELS.build(dict(type='LogitDistillationLoss', temperature=2.0))(s, t)
    p_t = F.softmax(t / 2, -1)
    expected = (p_t * (p_t.log() - F.log_softmax(s / 2, -1))).sum(-1).mean() * 4
    torch.testing.assert_close(loss, expected)
    assert MODELS.build(dict(type='LogitDistillationLoss'))(t, t).abs() < 1e-6


@pytest.mark.parametrize('mode', ['cosine', 'smooth_l1'])
def test_feature_loss(mode):
    loss = MODELS.build(
        dict(type='FeatureDistillationLoss', student_channels=8, teacher_channels=16, mode=mode))
    value = loss(torch.randn(4, 8), torch.randn(4, 16))
    assert value.ndim == 0 and value > 0
    value.backward()
    assert loss.proj.weight.grad is not None
