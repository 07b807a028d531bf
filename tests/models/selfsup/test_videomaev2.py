import numpy as np
import pytest
import torch
from mmaction.registry import MODELS
from mmaction.structures import ActionDataSample

from vmae2_mmaction.masking import TokenMasks, running_cell_maps, tube_mask

GRID = (2, 4, 4)


def tiny_model():
    torch.manual_seed(0)
    model = MODELS.build(
        dict(
            type='VideoMAEv2',
            backbone=dict(
                type='VideoMAEv2ViT',
                arch=dict(embed_dims=32, num_layers=2, num_heads=2),
                img_size=32,
                num_frames=4,
                patch_size=8),
            neck=dict(
                type='VideoMAEv2Decoder',
                in_channels=32,
                embed_dims=16,
                num_layers=1,
                num_heads=2,
                out_channels=3 * 2 * 8 * 8),
            head=dict(type='PixelReconstructionHead', patch_size=8)))
    model.init_weights()
    return model


def batch(with_decoder_mask=True, n=2):
    rng = np.random.RandomState(0)
    samples = []
    for i in range(n):
        s = ActionDataSample()
        s.set_field(tube_mask(GRID, 0.75, rng), 'encoder_mask')
        if with_decoder_mask:
            s.set_field(running_cell_maps(GRID, 0.5)[i % 4].reshape(-1), 'decoder_mask')
        samples.append(s)
    inputs = [torch.randint(0, 256, (1, 3, 4, 32, 32)).float() for _ in range(n)]
    return dict(inputs=inputs, data_samples=samples)


def test_loss_tensor_and_predict_modes():
    model = tiny_model()
    data = model.data_preprocessor(batch())
    loss = model(**data, mode='loss')
    assert set(loss) == {'loss'} and loss['loss'].item() > 0
    pred = model(**data, mode='tensor')
    assert pred.shape == (2, 16, 384)  # half of 32 tokens kept by the decoder
    samples = model(**data, mode='predict')
    for key in ('original', 'masked_input', 'reconstruction'):
        video = samples[0].get(key)
        assert video.shape == (3, 4, 32, 32)
        assert 0 <= video.min() and video.max() <= 1


def test_decoder_fallback_reconstructs_all_encoder_masked_tokens():
    model = tiny_model()
    data = model.data_preprocessor(batch(with_decoder_mask=False))
    pred = model(**data, mode='tensor')
    assert pred.shape == (2, 24, 384)  # int(0.75 * 16) * 2 masked tokens
    video = data['inputs'][:, 0]
    enc = torch.stack([torch.as_tensor(s.encoder_mask) for s in data['data_samples']])
    explicit = model.neck(model.backbone(video, enc), TokenMasks.from_masks(enc, ~enc))
    torch.testing.assert_close(pred, explicit)


def test_loss_counts_only_masked_and_kept_tokens():
    head = MODELS.build(dict(type='PixelReconstructionHead', patch_size=8))
    video = torch.randn(1, 3, 4, 32, 32)
    target = head.target(video)  # [1, 32, 384]
    enc = torch.zeros(1, 32, dtype=torch.bool)
    enc[0, :8] = True
    dec = torch.zeros(1, 32, dtype=torch.bool)
    dec[0, 4:16] = True  # drop some masked and some visible tokens
    keep = ~dec[0]
    pred = target[0, keep].clone()[None]
    pred[0, :4] += 1.0  # error 1 on the 4 masked-and-kept tokens only
    pred[0, 4:] += 5.0  # errors on visible tokens must not count
    loss = head.loss(pred, video, TokenMasks.from_masks(enc, dec))['loss']
    assert loss.item() == pytest.approx(1.0)


def test_norm_pix_target_statistics():
    head = MODELS.build(dict(type='PixelReconstructionHead', patch_size=8))
    target = head.target(torch.randn(2, 3, 4, 32, 32)).reshape(2, 32, 128, 3)
    torch.testing.assert_close(target.mean(2), torch.zeros(2, 32, 3), atol=1e-5, rtol=0)
    raw = MODELS.build(dict(type='PixelReconstructionHead', patch_size=8, norm_pix=False))
    video = torch.zeros(1, 3, 4, 32, 32)  # the normalised mean: pixels = ImageNet mean
    torch.testing.assert_close(raw.target(video)[0, 0, :3], torch.tensor([0.485, 0.456, 0.406]))


def test_patchify_roundtrip():
    head = MODELS.build(dict(type='PixelReconstructionHead', patch_size=8))
    video = torch.randn(2, 3, 4, 32, 24)
    assert torch.equal(head.unpatchify(head.patchify(video), video.shape), video)


def test_missing_masks_are_reported():
    model = tiny_model()
    data = batch()
    for s in data['data_samples']:
        del s.encoder_mask
    data = model.data_preprocessor(data)
    with pytest.raises(KeyError, match='TubeMasking'):
        model(**data, mode='loss')


def test_bf16_autocast_step_matches_fp32():
    """What `--amp` / AmpOptimWrapper does on a GPU, here with CPU bf16: the
    loss stays fp32 (the target is built outside autocast's reach), is close
    to the fp32 loss, and every parameter gets a finite gradient."""
    model = tiny_model()
    data = model.data_preprocessor(batch())
    loss32 = model(**data, mode='loss')['loss']
    with torch.autocast('cpu', dtype=torch.bfloat16):
        pred = model(**data, mode='tensor')
        loss16 = model(**data, mode='loss')['loss']
    assert pred.dtype == torch.bfloat16 and loss16.dtype == torch.float32
    assert loss16.item() == pytest.approx(loss32.item(), rel=2e-2)
    loss16.backward()
    for name, p in model.named_parameters():
        assert p.grad is not None and torch.isfinite(p.grad).all(), name
