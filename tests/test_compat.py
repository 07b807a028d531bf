import pytest
from mmaction.registry import MODELS

from vmae2_mmaction import compat


def test_mmaction_models_import():
    import mmaction.models  # noqa: F401
    from mmaction.models import Recognizer3D  # noqa: F401


def test_drn_placeholder_explains_upstream_defect():
    import mmaction.models.localizers.drn.drn as drn
    if drn.DRN is not compat.DRN:
        pytest.skip('MMAction2 installed from source: DRN is real')
    with pytest.raises(RuntimeError, match='packaging defect'):
        MODELS.build(dict(type='DRN'))


def test_safe_globals_cover_mmengine_checkpoint(tmp_path):
    import numpy as np
    import torch
    from mmengine.logging import HistoryBuffer, MessageHub
    hub = MessageHub.get_instance('compat_test')
    hub.update_scalar('train/loss', 1.5)
    hub.update_info('iter', np.int64(3))
    path = tmp_path / 'ckpt.pth'
    torch.save(dict(message_hub=hub.state_dict(), arr=np.arange(3.)), path)
    loaded = torch.load(path, weights_only=True)  # the safe loader
    buffer = loaded['message_hub']['log_scalars']['train/loss']
    assert isinstance(buffer, HistoryBuffer)
    assert buffer.current() == 1.5 and buffer.statistics('mean') == 1.5


class _Evil:

    def __reduce__(self):
        return (print, ('pwned', ))


def test_safe_loader_still_refuses_arbitrary_objects(tmp_path):
    import pickle

    import torch
    path = tmp_path / 'evil.pth'
    torch.save(dict(x=_Evil()), path)
    with pytest.raises(pickle.UnpicklingError):
        torch.load(path, weights_only=True)


def test_each_workaround_is_still_needed_by_the_pinned_stack():
    """Fails when an upgrade fixed a defect upstream: then remove the
    workaround (see vmae2_mmaction/compat.py)."""
    import inspect

    import mmaction
    from mmengine.runner import checkpoint
    from_wheel = 'site-packages' in mmaction.__file__
    assert compat._drn_is_missing() or not from_wheel, \
        'the installed MMAction2 wheel ships localizers/drn: remove the DRN placeholder'
    source = inspect.getsource(checkpoint.load_from_local)
    assert 'weights_only' not in source, \
        'MMEngine now passes weights_only to torch.load: revisit the allow-list in compat.py'
