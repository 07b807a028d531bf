"""MMEngine's runner for a config, as MMAction2's tools build it, with the plugin's checks first."""
import copy
import inspect

from mmaction.registry import TRANSFORMS
from mmengine.config import Config
from mmengine.registry import RUNNERS
from mmengine.runner import Runner

from ..checkpoint import read_checkpoint_file
from .config import dataset_configs
from .distributed import prepare_launcher
from .errors import ConfigError


def build_runner(cfg: Config):
    """MMEngine's runner for ``cfg`` on this machine's launcher: ``Runner``,
    or the one ``runner_type`` names (``FlexibleRunner`` with a ``strategy``
    for FSDP / DeepSpeed), as MMAction2's tools do.

    Every pipeline transform is built once first (a misspelt key is named
    before anything starts) and ``load_from`` is read (a file that is not a
    checkpoint is named); the plugin's models convert and check its weights
    when MMEngine loads them (``checkpoint.state_dict_hooks``). A config that
    does not build raises ``ConfigError`` with the builder's message.
    """
    check_pipelines(cfg)
    prepare_launcher(cfg)
    place_metric_files(cfg)
    load_from = cfg.get('load_from') if not cfg.get('resume') else None
    if load_from:
        read_checkpoint_file(load_from)  # a file that is not a checkpoint is named now
    try:
        return RUNNERS.build(cfg) if cfg.get('runner_type') else Runner.from_cfg(cfg)
    except (TypeError, KeyError, ValueError) as e:
        raise ConfigError(f'the config does not build: {type(e).__name__}: {e}') from e


def place_metric_files(cfg: Config) -> None:
    """Metrics that write temporary files (``tmp_dir=None``) write them into
    the run's work directory."""
    for key in ('val_evaluator', 'test_evaluator'):
        evaluator = cfg.get(key)
        for metric in evaluator if isinstance(evaluator, (list, tuple)) else [evaluator]:
            if isinstance(metric, dict) and 'AVADetectionMetric' in str(metric.get('type')) \
                    and metric.get('tmp_dir') is None:
                metric['tmp_dir'] = cfg.work_dir


def check_pipelines(cfg: Config) -> None:
    """Build every transform of every data pipeline once, so a misspelt or
    unknown key stops the run before anything starts, naming the transform,
    its place and the keys it takes."""
    for split in ('train', 'val', 'test'):
        for ds in dataset_configs(cfg, [split]):
            for i, t in enumerate(ds['pipeline']):
                where = f'{split}_dataloader ({ds.get("type")}) pipeline[{i}] ({t.get("type")})'
                try:
                    TRANSFORMS.build(copy.deepcopy(t))
                except (TypeError, KeyError, ValueError, AssertionError) as e:
                    cls = TRANSFORMS.get(t.get('type'))
                    takes = ''
                    if cls is not None:
                        params = inspect.signature(cls.__init__).parameters
                        takes = '; it takes: ' + ', '.join(p for p in params if p != 'self')
                    raise ConfigError(f'{where} does not build: '
                                      f'{type(e).__name__}: {e}{takes}') from e
