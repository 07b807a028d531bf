"""Train a model from a config (MMAction2's tools/train.py conventions).

    python tools/train.py CONFIG [--work-dir DIR] [--resume [auto|PATH]] [--amp | --no-amp]
                          [--cfg-options k=v ...] [--launcher none|pytorch|slurm|mpi]
"""
import argparse

from vmae2_mmaction.cli import add_runner_args, close_process_group, exits_on_errors, init_scope


def parse_args():
    parser = argparse.ArgumentParser(description='Train a VideoMAE V2 model')
    parser.add_argument('config', help='train config file path')
    parser.add_argument('--work-dir', help='the dir to save logs and models')
    parser.add_argument(
        '--resume',
        nargs='?',
        type=str,
        const='auto',
        help='resume from the latest checkpoint in the work dir (no value) '
        'or from the given checkpoint')
    amp = parser.add_mutually_exclusive_group()
    amp.add_argument('--amp', action='store_true', help='automatic mixed precision training (GPU)')
    amp.add_argument(
        '--no-amp',
        action='store_true',
        help='fp32 training for a config that uses AmpOptimWrapper '
        '(e.g. the fine-tuning recipe on a machine without a GPU)')
    parser.add_argument(
        '--no-validate', action='store_true', help='do not evaluate during training')
    parser.add_argument(
        '--auto-scale-lr', action='store_true', help='scale the lr by the actual batch size')
    parser.add_argument('--seed', type=int, default=None, help='random seed')
    parser.add_argument('--deterministic', action='store_true', help='deterministic cuDNN (slower)')
    return add_runner_args(parser)


def merge_args(cfg, args):
    if args.no_validate:
        cfg.val_cfg = cfg.val_dataloader = cfg.val_evaluator = None
    if args.amp:
        optim_wrapper = cfg.optim_wrapper.get('type', 'OptimWrapper')
        if optim_wrapper not in ('OptimWrapper', 'AmpOptimWrapper'):
            raise SystemExit(f'error: --amp needs OptimWrapper or AmpOptimWrapper, '
                             f'the config uses {optim_wrapper}')
        cfg.optim_wrapper.type = 'AmpOptimWrapper'
        cfg.optim_wrapper.setdefault('loss_scale', 'dynamic')
    if args.no_amp and cfg.optim_wrapper.get('type') == 'AmpOptimWrapper':
        cfg.optim_wrapper.type = 'OptimWrapper'
        for key in ('loss_scale', 'dtype', 'use_fsdp'):
            cfg.optim_wrapper.pop(key, None)
    if args.resume == 'auto':
        cfg.resume, cfg.load_from = True, None
    elif args.resume is not None:
        cfg.resume, cfg.load_from = True, args.resume
    if args.auto_scale_lr:
        cfg.auto_scale_lr.enable = True
    if args.seed is not None:
        cfg.randomness = dict(seed=args.seed, deterministic=args.deterministic)
    return cfg


def check_amp_device(cfg):
    """MMEngine's AmpOptimWrapper asserts a GPU when training starts: say so
    before anything runs, with the way out."""
    import torch
    if (cfg.get('optim_wrapper') or {}).get('type') == 'AmpOptimWrapper' \
            and not torch.cuda.is_available():
        raise SystemExit('error: this config trains with AmpOptimWrapper (AMP), which '
                         'needs a GPU and this machine has none: add --no-amp for fp32')


@exits_on_errors
def main():
    args = parse_args()
    init_scope()
    from vmae2_mmaction.engine import build_runner, load_config
    cfg = load_config(args.config, args.cfg_options, args.launcher, args.work_dir)
    cfg = merge_args(cfg, args)
    check_amp_device(cfg)
    build_runner(cfg).train()
    close_process_group()


if __name__ == '__main__':
    main()
