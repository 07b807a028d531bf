"""tools/deployment/export_onnx.py: the recognizer as ONNX, checked with ONNX
Runtime on a real clip against PyTorch."""
import re

import numpy as np
import pytest
import torch

from tests.conftest import real_video, run_tool


@pytest.mark.parametrize(
    'features', [False, pytest.param(True, marks=pytest.mark.slow)], ids=['scores', 'features'])
def test_export_verifies_on_a_real_clip(sprites_recognizer, tmp_path, features):
    import onnx
    config, checkpoint, _ = sprites_recognizer
    out = tmp_path / 'model.onnx'
    proc = run_tool('tools/deployment/export_onnx.py', config, checkpoint, '--out', str(out),
                    '--verify', real_video('bikes.mp4'), *(['--features'] if features else []))
    diff = float(re.search(r'max \|ONNX Runtime - PyTorch\| = (\S+)', proc.stdout)[1])
    assert diff <= 1e-4 and '(ok,' in proc.stdout
    graph = onnx.load(str(out))
    onnx.checker.check_model(graph)
    assert [o.name for o in graph.graph.output] == ['features' if features else 'scores']
    # any batch size: three clips at once give each clip's outputs
    from mmaction.apis import init_recognizer
    from mmengine.config import Config

    from vmae2_mmaction.apis.export import ExportedRecognizer, onnx_runtime_outputs
    model = init_recognizer(Config.fromfile(config), checkpoint, device='cpu')
    clips = torch.rand(3, 3, 8, 32, 32) * 255
    with torch.no_grad():
        expected = ExportedRecognizer(model, features).eval()(clips).numpy()
    got = onnx_runtime_outputs(str(out), clips)
    assert got.shape == ((3, 128) if features else (3, 4))
    assert np.abs(got - expected).max() <= 1e-4
    if not features:
        assert np.allclose(got.sum(1), 1, atol=1e-5)  # softmax scores


def test_export_names_a_bad_checkpoint(sprites_recognizer, tmp_path):
    config, _, _ = sprites_recognizer
    bad = tmp_path / 'bad.pth'
    bad.write_bytes(b'<html>404</html>')
    proc = run_tool(
        'tools/deployment/export_onnx.py',
        config,
        str(bad),
        '--out',
        str(tmp_path / 'm.onnx'),
        check=False)
    assert proc.returncode == 1 and 'bad.pth' in proc.stderr
