"""tools/data/make_label_index_map.py: class lists -> the index map that slices
a head (e.g. K710 -> K400), used end to end by ``VideoMAEv2Pretrained``."""
import json
import os.path as osp

import torch
from mmaction.registry import MODELS

from tests.conftest import ROOT, run_tool

TOOL = osp.join(ROOT, 'tools/data/make_label_index_map.py')
SOURCE = [
    'abseiling', 'air drumming', 'dyeing hair', 'Archery', 'arm wrestling',
    'passing American football (in game)'
]
TARGET = ['archery', 'dying hair', 'abseiling', 'passing_American_football_(in_game)']


def test_index_map_slices_the_head_by_class_name(tmp_path):
    (tmp_path / 'source.txt').write_text('\n'.join(SOURCE) + '\n')
    (tmp_path / 'target.json').write_text(json.dumps(TARGET))
    out = tmp_path / 'map.json'
    proc = run_tool(TOOL, str(tmp_path / 'source.txt'), str(tmp_path / 'target.json'), str(out),
                    '--alias', 'dying hair=dyeing hair')
    assert '4 target classes -> indices into 6 source classes' in proc.stdout
    assert json.loads(out.read_text()) == [3, 2, 0, 5]

    torch.manual_seed(0)
    source_head = MODELS.build(dict(type='VideoMAEv2Head', num_classes=len(SOURCE), in_channels=8))
    ckpt = tmp_path / 'head.pth'
    torch.save({f'cls_head.{k}': v for k, v in source_head.state_dict().items()}, ckpt)
    head = MODELS.build(
        dict(
            type='VideoMAEv2Head',
            num_classes=len(TARGET),
            in_channels=8,
            init_cfg=dict(
                type='VideoMAEv2Pretrained',
                checkpoint=str(ckpt),
                prefix='cls_head.',
                index_map=str(out))))
    head.init_weights()
    for row, name in enumerate(TARGET):  # every target row is its class's source row
        src = [s.lower() for s in SOURCE
               ].index('dyeing hair' if name == 'dying hair' else name.replace('_', ' ').lower())
        torch.testing.assert_close(head.fc_cls.weight[row], source_head.fc_cls.weight[src])
        torch.testing.assert_close(head.fc_cls.bias[row], source_head.fc_cls.bias[src])


def test_unmatched_and_ambiguous_classes_are_named(tmp_path):
    (tmp_path / 'source.txt').write_text('\n'.join(SOURCE) + '\n')
    (tmp_path / 'target.txt').write_text('\n'.join(TARGET) + '\n')
    proc = run_tool(
        TOOL,
        str(tmp_path / 'source.txt'),
        str(tmp_path / 'target.txt'),
        str(tmp_path / 'map.json'),
        check=False)
    assert proc.returncode != 0 and not (tmp_path / 'map.json').exists()
    assert "1 target classes not in the source list" in proc.stderr
    assert "'dying hair' (line 2)" in proc.stderr

    (tmp_path / 'dup.txt').write_text('abseiling\narchery\nAbseiling\n')
    proc = run_tool(
        TOOL,
        str(tmp_path / 'dup.txt'),
        str(tmp_path / 'target.txt'),
        str(tmp_path / 'map.json'),
        check=False)
    assert proc.returncode != 0
    assert "'Abseiling' (lines 1 and 3)" in proc.stderr

    (tmp_path / 'gap.txt').write_text('abseiling\n\narchery\n')
    proc = run_tool(
        TOOL,
        str(tmp_path / 'gap.txt'),
        str(tmp_path / 'target.txt'),
        str(tmp_path / 'map.json'),
        check=False)
    assert 'line 2 is empty' in proc.stderr
