"""State-dict key conversion between the reference (official VideoMAE V2),
MMAction2 and the plugin. Pure functions on state dicts; every tool that loads
foreign weights goes through here.

Plugin key layout:
- pre-training model: ``backbone.*`` (encoder), ``neck.*`` (decoder:
  ``encoder_to_decoder``, ``mask_token``, ``blocks``, ``norm``, ``head``);
- recognizer: ``backbone.*`` and ``cls_head.fc_cls.*``.
The backbone keeps the reference's module names (``patch_embed.proj``,
``blocks.N.attn.{qkv,q_bias,v_bias,proj}``, ``blocks.N.mlp.{fc1,fc2}``,
``norm``, ``fc_norm``), so conversion is renaming by prefix.
"""
import re
from typing import Dict, List, Mapping, Tuple

import torch

StateDict = Dict[str, torch.Tensor]

# Fixed sinusoid tables are recomputed, never loaded.
POSITION_TABLE_KEYS = ('pos_embed', 'encoder.pos_embed', 'decoder.pos_embed', 'backbone.pos_embed')

_REFERENCE_PRETRAIN = [
    ('encoder_to_decoder.', 'neck.encoder_to_decoder.'),
    ('mask_token', 'neck.mask_token'),
    ('encoder.', 'backbone.'),
    ('decoder.', 'neck.'),
]
_REFERENCE_FINETUNE = [
    ('head.', 'cls_head.fc_cls.'),
    ('', 'backbone.'),
]
# MMAction2's vit_mae.py VisionTransformer, keys relative to the backbone (its
# heads' keys are the plugin's)
_MMACTION2_BACKBONE = [
    (r'^patch_embed\.projection\.', 'patch_embed.proj.'),
    (r'^(blocks\.\d+\.mlp\.)layers\.0\.0\.', r'\1fc1.'),
    (r'^(blocks\.\d+\.mlp\.)layers\.1\.', r'\1fc2.'),
]
_MMACTION2 = [(r'^backbone\.' + pattern[1:], 'backbone.' + replacement)
              for pattern, replacement in _MMACTION2_BACKBONE]

_PLUGIN_TO_MMACTION2 = [
    (r'^backbone\.patch_embed\.proj\.', 'backbone.patch_embed.projection.'),
    (r'^(backbone\.blocks\.\d+\.mlp\.)fc1\.', r'\1layers.0.0.'),
    (r'^(backbone\.blocks\.\d+\.mlp\.)fc2\.', r'\1layers.1.'),
]


def unwrap_state_dict(checkpoint: Mapping) -> StateDict:
    """The state dict inside a checkpoint: under 'model', 'module',
    'state_dict' or at the top level; a DDP wrapper's ``module.`` prefix on
    every key (MMEngine's ``FlexibleRunner`` with ``DDPStrategy`` saves it) is
    removed, as MMEngine's own loading does."""
    for key in ('model', 'module', 'state_dict'):
        if isinstance(checkpoint.get(key), Mapping):
            return strip_wrapper_prefix(checkpoint[key])
    if all(torch.is_tensor(v) for v in checkpoint.values()):
        return strip_wrapper_prefix(checkpoint)
    raise KeyError(f'no state dict found: expected a "model", "module" or '
                   f'"state_dict" entry, got keys {sorted(checkpoint)[:10]}')


def strip_wrapper_prefix(state_dict: Mapping) -> StateDict:
    """``state_dict`` without a ``module.`` prefix that every key carries."""
    if state_dict and all(k.startswith('module.') for k in state_dict):
        return {k[len('module.'):]: v for k, v in state_dict.items()}
    return dict(state_dict)


def detect_format(state_dict: Mapping) -> str:
    """'reference_pretrain', 'reference_finetune', 'mmaction2', 'plugin', or
    'other' (no ViT patch embedding at all, e.g. a localizer: kept as it is)."""
    keys = set(state_dict)
    if any(k.startswith('encoder.') for k in keys):
        return 'reference_pretrain'
    if 'patch_embed.proj.weight' in keys:
        return 'reference_finetune'
    if 'backbone.patch_embed.projection.weight' in keys:
        return 'mmaction2'
    if any(k.endswith('backbone.patch_embed.proj.weight') for k in keys):
        return 'plugin'  # a recognizer, or a model holding one (student.*)
    return 'other'


def _rename(state_dict: Mapping, rules, regex: bool = False) -> StateDict:
    out = {}
    for key, value in state_dict.items():
        new = key
        for old, rep in rules:
            if regex:
                new, n = re.subn(old, rep, new)
            elif new.startswith(old):
                new, n = rep + new[len(old):], 1
            else:
                n = 0
            if n and not regex:
                break
        out[new] = value
    return out


def to_plugin(state_dict: Mapping) -> Tuple[StateDict, str, List[str]]:
    """Convert any known format to plugin keys.

    Returns (converted state dict, detected format, dropped keys).
    """
    fmt = detect_format(state_dict)
    dropped = [k for k in state_dict if k in POSITION_TABLE_KEYS]
    sd = {k: v for k, v in state_dict.items() if k not in POSITION_TABLE_KEYS}
    if fmt == 'reference_pretrain':
        sd = _rename(sd, _REFERENCE_PRETRAIN)
    elif fmt == 'reference_finetune':
        sd = _rename(sd, _REFERENCE_FINETUNE)
    elif fmt == 'mmaction2':
        sd = _rename(sd, _MMACTION2, regex=True)
    return sd, fmt, dropped


def rename_mmaction2_backbone(state_dict: Mapping) -> StateDict:
    """MMAction2 ``VisionTransformer`` keys (relative to the backbone) ->
    the plugin's; other keys unchanged."""
    return _rename(state_dict, _MMACTION2_BACKBONE, regex=True)


def to_mmaction2(state_dict: Mapping) -> StateDict:
    """Plugin recognizer keys -> MMAction2's ``VisionTransformer`` +
    ``TimeSformerHead`` keys (the inverse of the 'mmaction2' conversion)."""
    return _rename(state_dict, _PLUGIN_TO_MMACTION2, regex=True)


def compare_keys(state_dict: Mapping, expected: Mapping) -> Dict[str, list]:
    """Missing, unexpected and shape-mismatched keys (with both shapes)."""
    missing = sorted(set(expected) - set(state_dict))
    unexpected = sorted(set(state_dict) - set(expected))
    mismatched = sorted((k, tuple(state_dict[k].shape), tuple(expected[k].shape))
                        for k in set(state_dict) & set(expected)
                        if tuple(state_dict[k].shape) != tuple(expected[k].shape))
    return dict(missing=missing, unexpected=unexpected, mismatched=mismatched)


def describe_mismatch(report: Dict[str, list]) -> str:
    lines = []
    if report['missing']:
        lines.append(f"missing keys ({len(report['missing'])}): " + ', '.join(report['missing']))
    if report['unexpected']:
        lines.append(f"unexpected keys ({len(report['unexpected'])}): " +
                     ', '.join(report['unexpected']))
    for key, got, want in report['mismatched']:
        lines.append(f'shape mismatch {key}: checkpoint {got} vs model {want}')
    return '\n'.join(lines)


def infer_backbone_arch(state_dict: Mapping) -> Dict:
    """Backbone / decoder sizes of a plugin-format state dict, from shapes."""
    proj = state_dict['backbone.patch_embed.proj.weight']  # [C, 3, t, p, p]
    depth = 1 + max(
        int(m.group(1)) for k in state_dict
        for m in [re.match(r'backbone\.blocks\.(\d+)\.', k)] if m)
    fc1 = state_dict['backbone.blocks.0.mlp.fc1.weight']
    info = dict(
        embed_dims=proj.shape[0],
        num_layers=depth,
        mlp_ratio=fc1.shape[0] / proj.shape[0],
        patch_size=proj.shape[-1],
        tubelet_size=proj.shape[2],
        qkv_bias='backbone.blocks.0.attn.q_bias' in state_dict,
        init_values='backbone.blocks.0.gamma_1' in state_dict)
    if 'neck.encoder_to_decoder.weight' in state_dict:
        dec_depth = 1 + max([
            int(m.group(1)) for k in state_dict
            for m in [re.match(r'neck\.blocks\.(\d+)\.', k)] if m
        ],
                            default=-1)
        width = state_dict['neck.encoder_to_decoder.weight'].shape[0]
        dec_fc1 = state_dict.get('neck.blocks.0.mlp.fc1.weight')
        info['decoder'] = dict(
            embed_dims=width,
            num_layers=dec_depth,
            out_channels=state_dict['neck.head.weight'].shape[0],
            mlp_ratio=dec_fc1.shape[0] / width if dec_fc1 is not None else 4.)
    if 'cls_head.fc_cls.weight' in state_dict:
        info['num_classes'] = state_dict['cls_head.fc_cls.weight'].shape[0]
    return info
