"""Test a checkpoint (MMAction2's tools/test.py conventions).

    python tools/test.py CONFIG CHECKPOINT [--dump FILE] [--work-dir DIR]
                         [--cfg-options k=v ...] [--launcher ...]
"""
import argparse

from vmae2_mmaction.cli import add_runner_args, close_process_group, exits_on_errors, init_scope


def parse_args():
    parser = argparse.ArgumentParser(description='Test a VideoMAE V2 model')
    parser.add_argument('config', help='test config file path')
    parser.add_argument('checkpoint', help='checkpoint file')
    parser.add_argument('--work-dir', help='the dir to save logs and metrics')
    parser.add_argument('--dump', type=str, help='dump predictions to a pickle file (.pkl)')
    return add_runner_args(parser)


def merge_args(cfg, args):
    if args.dump is not None:
        if not args.dump.endswith(('.pkl', '.pickle')):
            raise SystemExit('error: --dump must be a .pkl or .pickle file')
        dump_metric = dict(type='DumpResults', out_file_path=args.dump)
        evaluator = cfg.test_evaluator
        if isinstance(evaluator, (list, tuple)):
            cfg.test_evaluator = [*evaluator, dump_metric]
        else:
            cfg.test_evaluator = [evaluator, dump_metric]
    cfg.load_from = args.checkpoint
    return cfg


@exits_on_errors
def main():
    args = parse_args()
    init_scope()
    from vmae2_mmaction.engine import build_runner, load_config
    cfg = load_config(args.config, args.cfg_options, args.launcher, args.work_dir)
    build_runner(merge_args(cfg, args)).test()
    close_process_group()


if __name__ == '__main__':
    main()
