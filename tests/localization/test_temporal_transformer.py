"""Local-window attention and the padding-invariant temporal backbone."""
import pytest
import torch
import torch.nn.functional as F

from vmae2_mmaction.localization.temporal_transformer import (ConvTransformer1d, MaskedConv1d,
                                                              local_attention)


@pytest.mark.parametrize('T,window,block', [(150, 19, 64), (37, 9, 8), (5, 19, 64)])
def test_local_attention_equals_banded_dense_attention(T, window, block):
    gen = torch.Generator().manual_seed(0)
    q, k, v = torch.randn(3, 2, 4, T, 16, generator=gen, dtype=torch.float64).unbind(0)
    mask = torch.ones(2, T, dtype=torch.bool)
    mask[1, T * 2 // 3:] = False
    out = local_attention(q, k, v, mask, window, block=block)
    i = torch.arange(T)
    allowed = ((i[:, None] - i[None]).abs() <= window // 2) & mask[:, None, None, :]
    scores = (q @ k.transpose(-1, -2) / 16**0.5).masked_fill(~allowed, float('-inf'))
    dense = scores.softmax(-1) @ v
    torch.testing.assert_close(out[0], dense[0])
    valid = mask[1]
    torch.testing.assert_close(out[1][:, valid], dense[1][:, valid])
    assert torch.isfinite(out).all()


def test_backbone_outputs_do_not_depend_on_padding():
    torch.manual_seed(0)
    model = ConvTransformer1d(8, 32, 4, 9, (2, 2, 3), drop_path_rate=0.1).eval()
    x = torch.randn(1, 8, 50)

    def run(total):
        feats, masks = model(F.pad(x, (0, total - 50)), torch.arange(total)[None] < 50)
        return feats, masks

    short, masks = run(56)
    long, _ = run(120)
    assert [f.shape[-1] for f in short] == [56, 28, 14, 7]
    for level, (a, b, m) in enumerate(zip(short, long, masks)):
        valid = m[0]
        torch.testing.assert_close(
            a[..., valid], b[..., :a.shape[-1]][..., valid], atol=1e-5, rtol=1e-5)
        assert (a[..., ~valid] == 0).all()  # padded positions stay zero


def test_masked_conv_rejects_indivisible_length():
    conv = MaskedConv1d(4, 4, 3, stride=2)
    with pytest.raises(ValueError, match='not divisible by the stride 2'):
        conv(torch.randn(1, 4, 7), torch.ones(1, 7, dtype=torch.bool))
