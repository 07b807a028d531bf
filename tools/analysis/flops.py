"""fvcore FLOPs of a model built from a config (multiply-add = one FLOP).

    python tools/analysis/flops.py CONFIG [--shape T H W] [--batch 1]
        [--cfg-options ...]

Pre-training models are counted with masks from the config's TubeMasking /
RunningCellMasking (the decoder reconstructs every encoder-masked token when
the config has no RunningCellMasking). The last line is ``GFLOPs=<value>``.
"""
import argparse

from vmae2_mmaction.cli import exits_on_errors, init_scope


@exits_on_errors
def main():
    parser = argparse.ArgumentParser(description='fvcore FLOPs of a config')
    parser.add_argument('config')
    parser.add_argument(
        '--shape',
        type=int,
        nargs=3,
        default=None,
        metavar=('T', 'H', 'W'),
        help='input frames and size (default: the backbone\'s '
        'num_frames and img_size)')
    parser.add_argument('--batch', type=int, default=1)
    parser.add_argument('--cfg-options', nargs='+', default={})
    args = parser.parse_args()
    init_scope()
    from mmaction.registry import MODELS

    from vmae2_mmaction.analysis import count_flops, model_inputs_from_config
    from vmae2_mmaction.engine import load_config
    cfg = load_config(args.config, args.cfg_options)
    model = MODELS.build(cfg.model).eval()
    backbone = cfg.model.backbone
    shape = args.shape or (backbone.get('num_frames', 16), backbone.get(
        'img_size', 224), backbone.get('img_size', 224))
    inputs = model_inputs_from_config(cfg, model, shape, args.batch)
    total, by_module = count_flops(model, inputs)
    params = sum(p.numel() for p in model.parameters())
    for name in ('backbone', 'neck', 'cls_head'):
        key = f'model.{name}'
        if key in by_module:
            print(f'{name:10s} {by_module[key] / 1e9:10.2f} GFLOPs')
    print(f'input {args.batch}x3x{shape[0]}x{shape[1]}x{shape[2]}, '
          f'params {params / 1e6:.2f} M')
    print(f'GFLOPs={total / 1e9:.2f}')


if __name__ == '__main__':
    main()
