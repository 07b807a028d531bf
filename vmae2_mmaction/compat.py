"""Workarounds for two upstream defects of the pinned stack.

Both are applied by ``import vmae2_mmaction`` (``apply()``), because that is
the one step every path goes through before it needs them: the DRN fix must
precede ``import mmaction.models``, which registering our modules needs, and
the checkpoint fix must be in place wherever MMEngine loads a checkpoint,
which includes MMAction2's own ``init_recognizer`` / ``inference`` (no hook
runs there; a config's ``custom_imports`` imports this package first).

1. MMAction2 1.2.0's PyPI package lacks ``mmaction/models/localizers/drn``
   (the folder has no ``__init__.py`` upstream, so packaging dropped it), so
   ``import mmaction.models`` fails with ``ModuleNotFoundError``. We put a
   placeholder package in ``sys.modules`` whose ``DRN`` raises a clear error
   when built. Nothing is done where the folder exists (a source install).
   Upstream: open-mmlab/mmaction2#2714. Can go when the pinned MMAction2 is a
   release whose wheel ships the folder (``tests/test_compat.py`` fails
   then, saying so).

2. MMEngine 0.10.7 calls ``torch.load`` without ``weights_only``; torch >= 2.6
   defaults to ``weights_only=True``, which refuses the non-tensor objects that
   MMEngine itself writes into checkpoints (``HistoryBuffer`` in the message
   hub, numpy scalars and arrays), so ``--resume`` fails. We keep the safe
   loader and allow-list exactly those data types (and the official training
   checkpoints' ``argparse.Namespace``), instead of turning safety off: a
   checkpoint holding any other object is still refused. MMEngine also
   pickles each ``HistoryBuffer``'s statistics functions as
   ``getattr(HistoryBuffer, name)``; allowing ``getattr`` would let a file
   reach any attribute, so instead we stop pickling them: they are
   class-level registrations, restored by ``HistoryBuffer.__setstate__``.
   (Checkpoints written by MMEngine without this plugin still carry the
   ``getattr`` calls and are refused by the safe loader.)
   Upstream: open-mmlab/mmengine#1655 (PR #1650 passes ``weights_only=False``).
   The allow-list can go when MMEngine loads its own checkpoints under
   torch >= 2.6; the ``__getstate__`` change only if MMEngine also stops
   pickling the ``getattr`` calls (else this package's checkpoints stay
   loadable by a safe loader only with it). ``tests/test_compat.py`` fails
   when the pinned MMEngine passes ``weights_only`` itself.
"""
import importlib.util
import os
import sys
import types

UPSTREAM_DRN_DEFECT = ('DRN is unavailable: the PyPI package of mmaction2 1.2.0 does not ship '
                       '`mmaction/models/localizers/drn` (upstream packaging defect: the folder '
                       'has no __init__.py). vmae2_mmaction installs a placeholder so that '
                       '`import mmaction.models` works; install MMAction2 from source to use DRN.')


def _drn_is_missing() -> bool:
    spec = importlib.util.find_spec('mmaction')
    if spec is None or not spec.submodule_search_locations:
        return False
    root = list(spec.submodule_search_locations)[0]
    return not os.path.isdir(os.path.join(root, 'models', 'localizers', 'drn'))


class DRN:
    """Placeholder for MMAction2's DRN localizer (see module docstring)."""

    def __init__(self, *args, **kwargs):
        raise RuntimeError(UPSTREAM_DRN_DEFECT)


def patch_mmaction_drn() -> bool:
    """Install the placeholder DRN modules; return True if it was needed."""
    if 'mmaction.models.localizers.drn' in sys.modules or not _drn_is_missing():
        return False
    pkg = types.ModuleType('mmaction.models.localizers.drn')
    pkg.__path__ = []  # a package, so `drn.drn` resolves through sys.modules
    mod = types.ModuleType('mmaction.models.localizers.drn.drn')
    mod.DRN = pkg.DRN = DRN
    sys.modules[pkg.__name__] = pkg
    sys.modules[mod.__name__] = mod
    return True


def register_drn_placeholder() -> None:
    """Register the placeholder so ``MODELS.build(dict(type='DRN'))`` explains
    the defect instead of reporting an unknown type."""
    from mmaction.registry import MODELS
    if 'DRN' not in MODELS.module_dict:
        MODELS.register_module('DRN', module=DRN)


def mmengine_checkpoint_safe_globals() -> list:
    """The non-tensor types MMEngine writes into its own checkpoints, and the
    ``argparse.Namespace`` the official VideoMAE V2 training checkpoints carry
    (``args``: plain attributes)."""
    import argparse

    import numpy as np
    from mmengine.logging import HistoryBuffer
    multiarray = (np._core if hasattr(np, '_core') else np.core).multiarray
    numpy_types = [np.ndarray, np.dtype, multiarray._reconstruct, multiarray.scalar]
    # numpy >= 1.25 pickles dtypes as instances of these classes.
    numpy_types += [getattr(np.dtypes, name) for name in dir(np.dtypes) if name.endswith('DType')]
    return [HistoryBuffer, argparse.Namespace] + numpy_types


def _history_buffer_getstate(self) -> dict:
    state = dict(self.__dict__)
    state.pop('statistics_methods', None)
    return state


def allow_mmengine_checkpoints() -> None:
    import torch.serialization
    from mmengine.logging import HistoryBuffer
    HistoryBuffer.__getstate__ = _history_buffer_getstate
    torch.serialization.add_safe_globals(mmengine_checkpoint_safe_globals())


def apply() -> None:
    patch_mmaction_drn()
    allow_mmengine_checkpoints()
