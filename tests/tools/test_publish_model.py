"""tools/publish_model.py: weights and meta kept, training state dropped, hash in the name."""
import hashlib

import torch

from tests.conftest import run_tool


def test_publish_keeps_weights_and_meta(tmp_path):
    src = tmp_path / 'epoch_3.pth'
    weights = {'backbone.w': torch.arange(6.).view(2, 3)}
    meta = dict(cfg="model = dict(type='VideoMAEv2')\n", seed=1, epoch=3)
    torch.save(dict(state_dict=weights, meta=meta, optimizer={'state': {}}, message_hub={}), src)
    proc = run_tool('tools/publish_model.py', str(src), str(tmp_path / 'out' / 'model.pth'))
    path = proc.stdout.strip().splitlines()[-1]
    digest = hashlib.sha256(open(path, 'rb').read()).hexdigest()[:8]
    assert path == str(tmp_path / 'out' / f'model-{digest}.pth')
    published = torch.load(path)
    assert set(published) == {'state_dict', 'meta'} and published['meta'] == meta
    assert torch.equal(published['state_dict']['backbone.w'], weights['backbone.w'])


def test_publish_says_what_is_wrong(tmp_path):
    missing = run_tool('tools/publish_model.py', str(tmp_path / 'none.pth'), 'x.pth', check=False)
    assert missing.returncode != 0 and 'checkpoint not found' in missing.stderr
    torch.save({'weights': {}}, tmp_path / 'odd.pth')
    odd = run_tool(
        'tools/publish_model.py', str(tmp_path / 'odd.pth'), str(tmp_path / 'x.pth'), check=False)
    assert odd.returncode != 0 and 'holds no state_dict' in odd.stderr and 'weights' in odd.stderr
