"""The pre-training step traces as one graph: torch.compile(fullgraph=True)
of forward + loss + backward, without and with gradient checkpointing (both
policies), gives the eager loss and gradients (AOTAutograd's eager backend:
the same tracing as inductor, without compiling kernels on the test machine)."""
import pytest
import torch

from tests.models.selfsup.test_videomaev2 import batch, tiny_model
from vmae2_mmaction.masking import TokenMasks


def loss_and_grads(model, step, video, masks):
    model.zero_grad()
    loss = step(video, masks)
    loss.backward()
    return loss.detach(), [p.grad.clone() for p in model.parameters() if p.grad is not None]


@pytest.mark.parametrize('cp_policy', [
    None,
    pytest.param('full', marks=pytest.mark.slow),
    pytest.param('save_matmuls', marks=pytest.mark.slow)
])
def test_pretraining_step_compiles_without_graph_breaks(cp_policy):
    model = tiny_model()
    model.backbone.set_grad_checkpointing(cp_policy is not None)
    model.backbone.cp_policy = cp_policy or 'full'
    data = model.data_preprocessor(batch())
    video = data['inputs'][:, 0]
    masks = model.masks_from(data['data_samples'], 32, video.device)
    assert isinstance(masks, TokenMasks) and masks.visible.dtype == torch.long

    def step(video, masks):
        return model.head.loss(model._forward(video, masks), video, masks)['loss']

    torch._dynamo.reset()
    compiled = torch.compile(step, fullgraph=True, backend='aot_eager')
    eager_loss, eager_grads = loss_and_grads(model, step, video, masks)
    loss, grads = loss_and_grads(model, compiled, video, masks)
    torch.testing.assert_close(loss, eager_loss)
    assert len(grads) == len(eager_grads)
    for g, e in zip(grads, eager_grads):
        torch.testing.assert_close(g, e)


def test_masks_are_indices_in_token_order():
    enc = torch.tensor([[True, False, True, False], [False, False, True, True]])
    dec = torch.tensor([[False, True, False, True], [True, False, True, False]])
    masks = TokenMasks.from_masks(enc, dec)
    assert masks.visible.tolist() == [[1, 3], [0, 1]]
    assert masks.kept.tolist() == [[0, 2], [1, 3]]
    assert masks.loss_weight.tolist() == [[True, True], [False, True]]
    with pytest.raises(ValueError, match='same number'):
        TokenMasks.from_masks(torch.tensor([[True, False], [True, True]]), ~enc[:, :2])


@pytest.mark.slow
def test_vit_base_bf16_loss_within_2_percent_of_fp32():
    """A ViT-B pre-training model (full width and depth, 16x64x64 clips) under
    bf16 autocast gives the fp32 loss within 2 %."""
    from mmaction.registry import MODELS

    from vmae2_mmaction.engine import load_config
    cfg = load_config('configs/pretrain/vit-base-p16_videomaev2-pt_32xb32-16x4x1-200e_k400.py')
    cfg.model.backbone.img_size = 64
    torch.manual_seed(0)
    model = MODELS.build(cfg.model)
    model.init_weights()
    grid = (8, 4, 4)
    rng = torch.Generator().manual_seed(0)
    enc = torch.zeros(4, 16, dtype=torch.bool)
    for row in enc:
        row[torch.randperm(16, generator=rng)[:14]] = True  # tube 90 %: 2 of 16 visible
    enc = enc.repeat(1, grid[0])
    masks = TokenMasks.from_masks(enc, torch.zeros_like(enc))
    video = torch.randn(4, 3, 16, 64, 64, generator=rng)
    with torch.no_grad():
        fp32 = model.head.loss(model._forward(video, masks), video, masks)['loss']
        with torch.autocast('cpu', dtype=torch.bfloat16):
            bf16 = model.head.loss(model._forward(video, masks), video, masks)['loss']
    assert bf16.dtype == torch.float32  # the loss is computed in float32
    assert abs(bf16.item() - fp32.item()) <= 0.02 * fp32.item()
