"""MMAction2's own tools/train.py and tools/test.py (installed with the
``mmaction`` package; what ``mim train mmaction`` runs) on the plugin's demo
configs, read by stock MMEngine: nothing filled in by the plugin's loader."""
import os.path as osp
import re

import mmaction

from tests.conftest import ROOT, run_tool

TOOLS = osp.join(osp.dirname(mmaction.__file__), '.mim', 'tools')
PRETRAIN = osp.join(ROOT, 'configs/demo/vit-tiny-p8_videomaev2-pt_8x1x1-375e_synthetic-sprites.py')
FINETUNE = osp.join(ROOT, 'configs/demo/vit-tiny-p8_videomaev2-ft_8x1x1-100e_synthetic-sprites.py')


def data(split_lists, root) -> list:
    return [
        f'{split}_dataloader.dataset.{key}' for split, name in split_lists
        for key in (f'ann_file={root}/{name}', f'data_prefix.video={root}')
    ]


def test_mmaction2_tools_train_and_test_the_plugin_configs(synthetic_data, tmp_path):
    pretrain = run_tool(f'{TOOLS}/train.py', PRETRAIN, '--work-dir', str(tmp_path / 'pt'),
                        '--cfg-options', 'train_cfg.max_epochs=1', 'train_dataloader.num_workers=0',
                        'train_dataloader.persistent_workers=False',
                        *data([('train', 'train.txt')], synthetic_data))
    assert re.search(r'Epoch\(train\) \[1\]\[1/1\].*loss: [0-9.]+', pretrain.stdout)
    assert osp.isfile(tmp_path / 'pt' / 'epoch_1.pth')
    lists = [('train', 'train.txt'), ('val', 'val.txt'), ('test', 'val.txt')]
    run_tool(f'{TOOLS}/train.py', FINETUNE, '--work-dir', str(tmp_path / 'ft'), '--cfg-options',
             'train_cfg.max_epochs=6', 'train_cfg.val_interval=6', *data(lists, synthetic_data))
    test = run_tool(f'{TOOLS}/test.py', FINETUNE, str(tmp_path / 'ft' / 'epoch_6.pth'),
                    '--work-dir', str(tmp_path / 'test'), '--cfg-options',
                    *data(lists, synthetic_data))
    assert re.search(r'Epoch\(test\).*acc/top1: [0-9.]+', test.stdout)
    # a pre-training checkpoint does not fill the recognizer: refused, keys named
    refused = run_tool(
        f'{TOOLS}/test.py',
        FINETUNE,
        str(tmp_path / 'pt' / 'epoch_1.pth'),
        '--work-dir',
        str(tmp_path / 'test'),
        '--cfg-options',
        *data(lists, synthetic_data),
        check=False)
    assert refused.returncode == 1
    assert 'CheckpointMismatchError' in refused.stderr
    assert 'missing keys (4): backbone.fc_norm.bias, backbone.fc_norm.weight, ' \
        'cls_head.fc_cls.bias, cls_head.fc_cls.weight' in refused.stderr
