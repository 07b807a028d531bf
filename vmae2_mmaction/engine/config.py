"""Config loading for the tools: clear errors (``ConfigError``) for missing files and bad keys."""
import os.path as osp
from typing import Iterable, Iterator, Optional, Union

from mmengine.config import Config, DictAction

from .errors import ConfigError


def parse_cfg_options(options: Union[Iterable[str], dict]) -> dict:
    """['a.b=1', 'c=[1,2]'] -> {'a.b': 1, 'c': [1, 2]} (MMEngine's syntax)."""
    if isinstance(options, dict):
        return options
    parsed = {}
    for item in options:
        if '=' not in item:
            raise ConfigError(f'--cfg-options takes KEY=VALUE, got {item!r}')
        key, value = item.split('=', maxsplit=1)
        parsed[key] = DictAction._parse_iterable(value)
    return parsed


def runner_keys() -> set:
    """Top-level keys MMEngine's runners read (new ones may be added)."""
    import inspect

    from mmengine.runner import FlexibleRunner, Runner
    return (set(inspect.signature(Runner.__init__).parameters)
            | set(inspect.signature(FlexibleRunner.__init__).parameters)
            | {'find_unused_parameters', 'sync_bn', 'model_wrapper_cfg', 'runner_type'})


def check_cfg_option_keys(cfg: Config, options: dict) -> None:
    """Every parent of an overridden key must exist; a new key is allowed
    under a dict with ``type`` (a constructor argument, which the registry
    then checks by name; e.g. ``model.backbone.init_cfg.checkpoint=...``) or
    anywhere under a new top-level key the runner reads (e.g.
    ``strategy.type=FSDPStrategy``)."""
    allowed_top = runner_keys()
    for key in options:
        node, path = cfg, []
        parts = key.split('.')
        if parts[0] in allowed_top and parts[0] not in cfg:
            continue
        for part in parts[:-1]:
            path.append(part)
            if isinstance(node, (list, tuple)) and part.isdigit() and int(part) < len(node):
                node = node[int(part)]
            elif hasattr(node, 'keys') and node.get(part) is not None:
                node = node[part]
            elif hasattr(node, 'keys') and 'type' in node:
                break  # a new argument of a registered type
            else:
                raise ConfigError(f'unknown config key {".".join(path)!r} '
                                  f'(in --cfg-options {key}=...)')
        else:
            leaf = parts[-1]
            if len(parts) == 1 and leaf in allowed_top:
                continue
            if hasattr(node, 'keys') and leaf not in node and 'type' not in node:
                known = ', '.join(sorted(node.keys()))
                raise ConfigError(f'unknown config key {key!r} (in '
                                  f'--cfg-options); {".".join(parts[:-1]) or "the config"} '
                                  f'has: {known}')


def load_config(path: str,
                cfg_options=(),
                launcher: str = 'none',
                work_dir: Optional[str] = None) -> Config:
    """Read a config for a tool as MMEngine's ``Config.fromfile`` does (the
    config is not changed), with the overrides checked, the launcher set, and
    ``work_dir`` = the given one, the config's, or ./work_dirs/<config name>."""
    if not osp.isfile(path):
        raise ConfigError(f'config file not found: {path}')
    cfg = Config.fromfile(path)
    options = parse_cfg_options(cfg_options)
    if options:
        check_cfg_option_keys(cfg, options)
        cfg.merge_from_dict(options)
    cfg.launcher = launcher
    if work_dir is not None:
        cfg.work_dir = work_dir
    elif cfg.get('work_dir', None) is None:
        cfg.work_dir = osp.join('./work_dirs', osp.splitext(osp.basename(path))[0])
    return cfg


MASK_TRANSFORMS = ('TubeMasking', 'RunningCellMasking')


def dataset_configs(cfg: Config, splits=('train', 'val', 'test')) -> Iterator[dict]:
    """Every dataset dict of the data loaders of ``splits``, inside wrappers
    (``dataset``) and concatenations (``datasets``)."""

    def walk(dataset):
        if isinstance(dataset, dict):
            if 'pipeline' in dataset:
                yield dataset
            yield from walk(dataset.get('dataset'))
            for child in dataset.get('datasets') or []:
                yield from walk(child)

    for split in splits:
        yield from walk((cfg.get(f'{split}_dataloader') or {}).get('dataset'))


def mask_settings(cfg: Config) -> dict:
    """The pre-training masks of a config, the one
    place tools read them from: ``encoder`` / ``decoder`` = the first training
    pipeline's TubeMasking / RunningCellMasking dicts (``decoder`` None when
    there is none or ``model.decoder_masking`` is False: the decoder then
    keeps every encoder-masked token)."""
    found = {}
    for ds in dataset_configs(cfg):
        for t in ds['pipeline']:
            if t.get('type') in MASK_TRANSFORMS:
                found.setdefault(t['type'], dict(t))
        if found:
            break
    if 'TubeMasking' not in found:
        raise ValueError('the config has no TubeMasking transform: not a '
                         'pre-training config')
    decoder = found.get('RunningCellMasking')
    if not cfg.model.get('decoder_masking', True):
        decoder = None
    return dict(encoder=found['TubeMasking'], decoder=decoder)
