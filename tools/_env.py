"""Imports the plugin for the tools, or explains how to get an environment."""
import os.path as osp
import sys

ROOT = osp.dirname(osp.dirname(osp.abspath(__file__)))


def require_plugin():
    """Import ``vmae2_mmaction`` (registers every component) or exit clearly."""
    if ROOT not in sys.path:
        sys.path.insert(0, ROOT)
    try:
        from mmengine.registry import init_default_scope

        import vmae2_mmaction  # noqa: F401
    except ImportError as e:
        sys.exit(f'error: {e}.\nThis tool runs inside the project environment: '
                 f'run `make setup` in {ROOT}, then call it with '
                 f'`{ROOT}/.venv/bin/python {" ".join(sys.argv)}` '
                 '(or activate .venv first).')
    init_default_scope('mmaction')
