"""Convert an official VideoMAE V2 (or MMAction2) checkpoint to the plugin's format.

    python tools/convert_checkpoint.py SRC DST [--strict]

The weights may sit under 'model', 'module', 'state_dict' or at the top level.
The result is checked against a plugin model of the size read off the weights
(pre-training model with decoder, or recognizer with head, or backbone
alone); unknown and missing keys are reported by name, and ``--strict`` fails
on them. DST holds ``state_dict`` (for ``load_from`` / ``init_cfg``) and
``meta``.
"""
import argparse
import sys

from vmae2_mmaction.cli import exits_on_errors, init_scope


def reference_model_cfg(info: dict) -> dict:
    """A plugin model config with the structure of the converted weights."""
    arch = dict(
        embed_dims=info['embed_dims'],
        num_layers=info['num_layers'],
        num_heads=1,
        mlp_ratio=info['mlp_ratio'])
    backbone = dict(
        type='VideoMAEv2ViT',
        arch=arch,
        patch_size=info['patch_size'],
        tubelet_size=info['tubelet_size'],
        qkv_bias=info['qkv_bias'],
        init_values=1.0 if info['init_values'] else 0.)
    if 'decoder' in info:
        dec = info['decoder']
        return dict(
            type='VideoMAEv2',
            backbone=dict(backbone, out_type='tokens'),
            neck=dict(
                type='VideoMAEv2Decoder',
                in_channels=info['embed_dims'],
                embed_dims=dec['embed_dims'],
                num_layers=dec['num_layers'],
                num_heads=1,
                out_channels=dec['out_channels'],
                mlp_ratio=dec['mlp_ratio'],
                qkv_bias=info['qkv_bias']),
            head=dict(
                type='PixelReconstructionHead',
                patch_size=info['patch_size'],
                tubelet_size=info['tubelet_size']))
    if 'num_classes' in info:
        return dict(
            type='Recognizer3D',
            backbone=dict(backbone, out_type='avg'),
            cls_head=dict(
                type='TimeSformerHead',
                num_classes=info['num_classes'],
                in_channels=info['embed_dims']))
    return backbone


@exits_on_errors
def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('src', help='official / MMAction2 checkpoint')
    parser.add_argument('dst', help='output path')
    parser.add_argument(
        '--strict', action='store_true', help='fail on unknown, missing or mismatched keys')
    args = parser.parse_args()
    init_scope()
    import torch
    from mmaction.registry import MODELS
    from mmengine.model import BaseModel

    from vmae2_mmaction.checkpoint import (CheckpointError, compare_keys, describe_mismatch,
                                           infer_backbone_arch, read_checkpoint_file, to_plugin,
                                           unwrap_state_dict)
    try:
        checkpoint = read_checkpoint_file(args.src)
        state_dict, fmt, dropped = to_plugin(unwrap_state_dict(checkpoint))
        info = infer_backbone_arch(state_dict)
    except CheckpointError as e:
        sys.exit(f'error: {e}')
    except (KeyError, ValueError) as e:
        sys.exit(f'error: {args.src}: {e}')
    cfg = reference_model_cfg(info)
    with torch.device('meta'):
        model = MODELS.build(cfg)
    expected = model.state_dict()
    if not isinstance(model, BaseModel):  # a bare backbone
        expected = {f'backbone.{k}': v for k, v in expected.items()}
    report = compare_keys(state_dict, expected)
    print(f'{args.src}: {fmt}, {len(state_dict)} tensors, '
          f"encoder {info['embed_dims']} x {info['num_layers']} blocks, "
          f"patch {info['patch_size']}, tubelet {info['tubelet_size']}" +
          (', with decoder' if 'decoder' in info else '') +
          (f", head of {info['num_classes']} classes" if 'num_classes' in info else ''))
    if dropped:
        print(f'dropped (fixed position tables are recomputed): {", ".join(dropped)}')
    if any(report.values()):
        print(describe_mismatch(report))
        if args.strict:
            sys.exit('error: keys do not match (--strict); nothing written')
    torch.save(
        dict(state_dict=state_dict, meta=dict(converted_from=args.src, source_format=fmt)),
        args.dst)
    print(f'wrote {args.dst}')


if __name__ == '__main__':
    main()
