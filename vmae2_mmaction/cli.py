"""The command-line layer of tools/: the runner arguments train.py and
test.py share, the plugin's errors as one-line exits, the end of a
distributed run. Only tools/ import this module: the rest of the package
raises typed exceptions and never exits (``tests/test_package_layout.py``
checks both)."""
import functools
import os


def init_scope():
    """Make ``'mmaction'`` the default registry scope (importing this module
    imported ``vmae2_mmaction``, which registered every component)."""
    from mmengine.registry import init_default_scope
    init_default_scope('mmaction')


def close_process_group():
    """Destroy the distributed process group, if one was started, once every
    rank got there, before the interpreter exits: a gloo group left to the
    interpreter's teardown, or torn down while another rank still uses it,
    can abort a finished run ("terminate called without an active exception")."""
    import torch.distributed as dist
    if dist.is_available() and dist.is_initialized():
        dist.barrier()  # no rank tears down while another still talks to it
        dist.destroy_process_group()


def add_runner_args(parser):
    """Add and parse the arguments train.py and test.py share (as MMAction2)."""
    parser.add_argument(
        '--cfg-options',
        nargs='+',
        default={},
        metavar='KEY=VALUE',
        help='override config settings, e.g. train_cfg.max_epochs=2')
    parser.add_argument('--launcher', default='none', choices=['none', 'pytorch', 'slurm', 'mpi'])
    parser.add_argument('--local_rank', '--local-rank', type=int, default=0)
    args = parser.parse_args()
    os.environ.setdefault('LOCAL_RANK', str(args.local_rank))
    return args


def exits_on_errors(main):
    """A tool's ``main`` whose errors from the plugin (``ConfigError``,
    ``CheckpointError``, ``NonFiniteError``, ...: every exception class of
    ``vmae2_mmaction``) end the tool with one line, ``error: <message>``, and
    exit code 1; ``VMAE2_TRACEBACK=1`` shows the whole traceback instead."""

    @functools.wraps(main)
    def run(*args, **kwargs):
        try:
            return main(*args, **kwargs)
        except Exception as e:  # noqa: B902  (re-raised unless it is the plugin's)
            if type(e).__module__.startswith('vmae2_mmaction.') \
                    and not os.environ.get('VMAE2_TRACEBACK'):
                raise SystemExit(f'error: {e}') from None
            raise

    return run
