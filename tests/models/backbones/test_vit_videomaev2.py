import pytest
import torch
from mmaction.registry import MODELS

TINY = dict(embed_dims=32, num_layers=2, num_heads=2)


def build(**kwargs):
    cfg = dict(type='VideoMAEv2ViT', arch=TINY, img_size=32, num_frames=4, patch_size=8)
    cfg.update(kwargs)
    return MODELS.build(cfg)


# Published encoder sizes, in whole millions (VideoMAE / VideoMAE V2 papers):
# S 22M, B 86M, L 304M, H 632M, g 1011M.
@pytest.mark.parametrize('arch,millions', [('s', 22), ('b', 86), ('l', 304), ('h', 632),
                                           ('g', 1011)])
def test_arch_presets_parameter_counts(arch, millions):
    with torch.device('meta'):
        model = MODELS.build(dict(type='VideoMAEv2ViT', arch=arch, out_type='avg'))
    count = sum(p.numel() for p in model.parameters()) / 1e6
    assert count == pytest.approx(millions, abs=0.7)
    assert model.patch_size == (14 if arch == 'g' else 16)


def test_output_types():
    x = torch.randn(2, 3, 4, 32, 32)
    mask = torch.zeros(2, 2 * 4 * 4, dtype=torch.bool)
    mask[:, :20] = True
    assert build(out_type='tokens')(x, mask).shape == (2, 12, 32)
    assert build(out_type='avg')(x).shape == (2, 32)
    assert build(out_type='featmap')(x).shape == (2, 32, 2, 4, 4)


def test_a_bool_mask_and_visible_indices_encode_the_same_tokens():
    from vmae2_mmaction.masking import kept_index
    torch.manual_seed(0)
    model = build(out_type='tokens').eval()
    x = torch.randn(2, 3, 4, 32, 32)
    mask = torch.zeros(2, 32, dtype=torch.bool)
    mask[0, :20], mask[1, 12:] = True, True
    torch.testing.assert_close(model(x, mask), model(x, visible=kept_index(mask)))
    with pytest.raises(TypeError, match='mask is a bool .* got torch.int64; pass token indices'):
        model(x, kept_index(mask))
    with pytest.raises(TypeError, match='not both'):
        model(x, mask, visible=kept_index(mask))
    with pytest.raises(ValueError, match="featmap' needs every token"):
        build(out_type='featmap')(x, mask)


def test_position_table_interpolates_to_other_sizes():
    model = build(out_type='featmap').eval()
    assert model(torch.randn(1, 3, 8, 48, 64)).shape == (1, 32, 4, 6, 8)
    table = model.pos_table((2, 4, 4))
    assert table is model.pos_embed  # same grid: the exact reference table


def test_position_table_not_in_state_dict():
    assert not any('pos_embed' in k for k in build().state_dict())


@pytest.mark.parametrize('policy', ['full', 'save_matmuls'])
def test_grad_checkpointing_same_values_and_grads(policy):
    torch.manual_seed(0)
    model = build(out_type='avg', drop_path_rate=0., cp_policy=policy)
    x = torch.randn(2, 3, 4, 32, 32)
    out_ref = model(x)
    out_ref.sum().backward()
    grads_ref = [p.grad.clone() for p in model.parameters()]
    model.zero_grad()
    model.set_grad_checkpointing(True, num_layers=1)
    out = model(x)
    out.sum().backward()
    torch.testing.assert_close(out, out_ref)
    for g, g_ref in zip([p.grad for p in model.parameters()], grads_ref):
        torch.testing.assert_close(g, g_ref)


def test_layer_ids_and_no_weight_decay():
    model = build()
    ids = {n: model.get_layer_id(n) for n, _ in model.named_parameters()}
    assert ids['patch_embed.proj.weight'] == 0
    assert ids['blocks.0.attn.qkv.weight'] == 1
    assert ids['blocks.1.mlp.fc2.bias'] == 2
    assert ids['norm.weight'] == 3
    assert model.no_weight_decay() == set()


def test_layer_scale_and_qkv_bias_keys():
    keys = build(init_values=0.1).state_dict().keys()
    assert 'blocks.0.gamma_1' in keys and 'blocks.0.attn.q_bias' in keys
    assert 'blocks.0.attn.k_bias' not in keys  # zero, not learned


def test_bad_arguments():
    with pytest.raises(ValueError, match='unknown arch'):
        MODELS.build(dict(type='VideoMAEv2ViT', arch='xl'))
    with pytest.raises(ValueError, match='out_type'):
        build(out_type='cls')
    with pytest.raises(ValueError, match='does not divide'):
        build()(torch.randn(1, 3, 4, 30, 32))


def test_visible_only_embedding_matches_full_embedding():
    torch.manual_seed(0)
    model = build(out_type='tokens')
    x = torch.randn(2, 3, 4, 32, 32)
    mask = torch.rand(2, 32).argsort(1) < 24  # 24 hidden per sample
    fast = model(x, mask)
    model.embed_visible_only = False
    torch.testing.assert_close(fast, model(x, mask), atol=1e-5, rtol=0)


def test_attention_runs_through_sdpa(monkeypatch):
    import torch.nn.functional as F
    calls = []
    sdpa = F.scaled_dot_product_attention

    def counting(*args, **kwargs):
        calls.append(args[0].shape)
        return sdpa(*args, **kwargs)

    monkeypatch.setattr(F, 'scaled_dot_product_attention', counting)
    build(out_type='avg')(torch.randn(1, 3, 4, 32, 32))
    assert calls == [(1, 2, 32, 16)] * 2  # [B, heads, N, head_dim] per block


def test_save_matmuls_policy_recomputes_no_matrix_product():
    """In the backward, 'full' re-runs each block's forward linear layers and
    attention; 'save_matmuls' re-runs none of them (only the cheap ops)."""
    from torch.utils._python_dispatch import TorchDispatchMode
    aten = torch.ops.aten
    forward_products = (aten.addmm.default,
                        aten._scaled_dot_product_flash_attention_for_cpu.default)

    class CountForwardProducts(TorchDispatchMode):
        count = 0

        def __torch_dispatch__(self, func, types, args=(), kwargs=None):
            self.count += func in forward_products
            return func(*args, **(kwargs or {}))

    recomputed = {}
    for policy in ('full', 'save_matmuls'):
        torch.manual_seed(0)
        model = build(out_type='avg', cp_policy=policy, with_cp=True)
        out = model(torch.randn(2, 3, 4, 32, 32))
        with CountForwardProducts() as counter:
            out.sum().backward()
        recomputed[policy] = counter.count
    # 'full': qkv, attention, proj, fc1 of every block (fc2's output is not needed)
    assert recomputed == {'full': 4 * len(build().blocks), 'save_matmuls': 0}
    with pytest.raises(ValueError, match='cp_policy'):
        build(cp_policy='some')
