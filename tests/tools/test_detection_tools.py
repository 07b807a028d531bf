"""AVA detection end to end on synthetic data: tools/dist_train.sh on 2 CPU
processes, then tools/test.py with AVADetectionMetric."""
import os
import re

import pytest

from tests.conftest import ROOT, run_dist_tool, run_tool

pytestmark = pytest.mark.slow  # make test-fast leaves these out

DEMO = os.path.join(ROOT, 'configs/demo/vit-tiny-p8_fast-rcnn_16x2x1-20e_synthetic-ava.py')


def config_for(data_dir, tmp_path):
    """The demo config reading ``data_dir`` (its paths derive from data_root)."""
    text = open(DEMO).read().replace("'../_base_/", f"'{ROOT}/configs/_base_/")
    text = text.replace("data_root = 'data/demo/ava'", f"data_root = '{data_dir}'")
    path = tmp_path / 'ava_demo.py'
    path.write_text(text)
    return str(path)


def test_dist_train_then_test_on_synthetic_ava(synthetic_ava, tmp_path):
    cfg = config_for(synthetic_ava, tmp_path)
    work = tmp_path / 'work'
    proc = run_dist_tool('dist_train.sh', cfg, '2', '--work-dir', str(work), '--cfg-options',
                         'train_cfg.max_epochs=1')
    assert (work / 'epoch_1.pth').is_file()
    losses = [float(x) for x in re.findall(r'loss_action_cls: ([\d.]+)', proc.stdout)]
    assert losses, proc.stdout[-2000:]
    test = run_tool('tools/test.py', cfg, str(work / 'epoch_1.pth'), '--work-dir',
                    str(tmp_path / 'test'))
    found = re.search(r'mAP/overall: ([\d.]+)', test.stdout)
    assert found and 0 <= float(found.group(1)) <= 1
    assert not any(f.endswith('.csv') for f in os.listdir(ROOT))  # nothing in the cwd
    assert not any(f.endswith('.csv') for f in os.listdir(tmp_path / 'test'))  # cleaned up
