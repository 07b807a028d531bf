"""Files that are not checkpoints stop with one line naming the file and what
it holds, at every entry point (the reader, test.py, init_cfg in train.py,
the conversion tool)."""
import argparse
import zipfile

import pytest
import torch

from tests.conftest import DEMO_PT_CONFIG, data_options, run_tool
from vmae2_mmaction.checkpoint import CheckpointFileError, load_state_dict_any, read_checkpoint_file

DEMO_FT_CONFIG = 'configs/demo/vit-tiny-p8_videomaev2-ft_16x2x1-30e_synthetic.py'


def write_bad_files(tmp_path):
    """{name: (path, what the error must say)}."""
    good = tmp_path / 'good.pth'
    torch.save({'state_dict': {'backbone.patch_embed.proj.weight': torch.zeros(2)}}, good)
    data = good.read_bytes()
    files = {
        'html.pth': (b'<!DOCTYPE html>\n<html><body>404 Not Found</body></html>\n', 'an HTML page'),
        'random.pth': (bytes(range(97, 123)) * 7 + b'\x00\xff', 'not a PyTorch checkpoint'),
        'truncated.pth': (data[:len(data) // 2], 'truncated zip archive'),
        'empty.pth': (b'', 'an empty file'),
        'binary.pth': (bytes([0x13, 0x37, 0xfe, 0x00]) * 50, 'bytes of unknown data'),
    }
    out = {}
    for name, (content, expected) in files.items():
        (tmp_path / name).write_bytes(content)
        out[name] = (str(tmp_path / name), expected)
    return out


def test_reader_names_the_file_and_what_it_holds(tmp_path):
    for name, (path, expected) in write_bad_files(tmp_path).items():
        with pytest.raises(CheckpointFileError) as info:
            read_checkpoint_file(path)
        message = str(info.value)
        assert path in message and expected in message, (name, message)
        assert '\n' not in message
    with pytest.raises(CheckpointFileError, match='checkpoint not found'):
        read_checkpoint_file(str(tmp_path / 'missing.pth'))


def test_reader_takes_real_checkpoints(tmp_path):
    sd = {'backbone.patch_embed.proj.weight': torch.ones(2)}
    path = tmp_path / 'legacy.pth'  # the pre-zip format cannot be memory-mapped
    torch.save(dict(model=sd), path, _use_new_zipfile_serialization=False)
    assert not zipfile.is_zipfile(path)
    weight = read_checkpoint_file(str(path))['model']['backbone.patch_embed.proj.weight']
    assert torch.equal(weight, torch.ones(2))
    # an official training checkpoint carries its argparse Namespace
    torch.save(dict(model=sd, args=argparse.Namespace(lr=1e-3)), path)
    assert read_checkpoint_file(str(path))['args'].lr == 1e-3
    torch.save(dict(model=sd, hook=print), path)  # any other object is refused
    with pytest.raises(CheckpointFileError, match=r'a Python object other than weights \(print\)'):
        read_checkpoint_file(str(path))
    torch.save(torch.zeros(3), path)  # a tensor, no state dict
    with pytest.raises(CheckpointFileError, match=str(path)):
        load_state_dict_any(str(path))


def test_tools_stop_with_one_line(tmp_path, synthetic_data):
    html, _ = write_bad_files(tmp_path)['html.pth']
    init_cfg = tmp_path / 'init_cfg.py'  # a backbone initialised from the file
    init_cfg.write_text(f"""_base_ = ['{DEMO_PT_CONFIG}']
model = dict(backbone=dict(init_cfg=dict(type='VideoMAEv2Pretrained', checkpoint='{html}')))
""")
    runs = [
        ('tools/test.py', DEMO_FT_CONFIG, html),
        ('tools/train.py', str(init_cfg), '--work-dir', str(tmp_path / 'w'), '--cfg-options',
         *data_options(synthetic_data)),
        ('tools/convert_checkpoint.py', html, str(tmp_path / 'out.pth')),
    ]
    for args in runs:
        proc = run_tool(*args, check=False)
        last = proc.stderr.strip().splitlines()[-1]
        assert proc.returncode != 0, args
        assert last == f'error: {html} is not a PyTorch checkpoint: an HTML page (56 bytes; ' \
                       'a failed download?)', (args, proc.stderr[-2000:])
        assert 'Traceback' not in proc.stderr, args


class Payload:
    """Unpickles as a call of ``func(*args)``."""

    def __init__(self, func, args):
        self.func, self.args = func, args

    def __reduce__(self):
        return self.func, self.args


def malicious_checkpoints(tmp_path):
    """{path: the object the message must name}; each would create ``marker``
    if its payload ran."""
    import builtins
    import os
    import posix
    import subprocess
    marker = tmp_path / 'pwned'
    payloads = {
        'os': (os.system, (f'touch {marker}', ), 'posix.system'),
        'posix': (posix.system, (f'touch {marker}', ), 'posix.system'),
        'subprocess': (subprocess.call, (['touch', str(marker)], ), 'call'),
        'builtins': (builtins.exec, (f'open({str(marker)!r}, "w")', ), 'exec'),
    }
    files = {}
    for name, (func, args, named) in payloads.items():
        path = tmp_path / f'{name}.pth'
        torch.save({
            'state_dict': {
                'backbone.w': torch.zeros(1)
            },
            'meta': Payload(func, args)
        }, path)
        files[str(path)] = named
    return files, marker


def test_no_reader_runs_code_from_a_checkpoint(tmp_path):
    """The safe reader, publish_model.py, test.py, convert_checkpoint.py and
    the video demo refuse os / posix / subprocess / builtins payloads, naming
    the object and how to proceed with a trusted file; nothing runs."""
    files, marker = malicious_checkpoints(tmp_path)
    for path, named in files.items():
        with pytest.raises(CheckpointFileError) as error:
            read_checkpoint_file(path)
        message = str(error.value)
        assert path in message and named in message and 'weights_only=False' in message
        for tool in (['tools/publish_model.py', path,
                      str(tmp_path / 'out.pth')], ['tools/test.py', DEMO_FT_CONFIG, path],
                     ['tools/convert_checkpoint.py', path,
                      str(tmp_path / 'out.pth')]):
            proc = run_tool(*tool, check=False)
            assert proc.returncode == 1 and named in proc.stderr, (tool, proc.stderr[-500:])
    assert not marker.exists()
    assert not (tmp_path / 'out.pth').exists() and not list(tmp_path.glob('out-*.pth'))
