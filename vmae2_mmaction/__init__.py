"""VideoMAE V2 for MMAction2 1.x.

Importing the package applies the upstream compatibility fixes (``compat``)
and registers every component in MMAction2's registries, so configs use
``default_scope='mmaction'``.
"""
from . import compat

compat.apply()

import mmaction.models  # noqa: E402,F401  (importable only after compat)

from . import checkpoint, datasets, engine, evaluation, localization, models  # noqa: E402,F401
from .version import __version__  # noqa: E402

compat.register_drn_placeholder()

__all__ = ['__version__']
