"""Read checkpoint files and load plugin, reference or MMAction2 weights."""
import json
import os.path as osp
import pickle
import re
import zipfile
from typing import List, Mapping, Optional, Sequence

import torch
import torch.nn as nn
from mmengine.logging import print_log

from .convert import compare_keys, describe_mismatch, to_plugin, unwrap_state_dict


class CheckpointError(ValueError):
    """A checkpoint that cannot be used; the message names the file."""


class CheckpointMismatchError(CheckpointError):
    """A checkpoint's keys or shapes do not fit the model (names them all)."""


class CheckpointFileError(CheckpointError):
    """A file that is missing or is not a checkpoint; the message says what
    the file holds instead."""


def describe_file(path: str) -> str:
    """What a file that torch cannot load looks like, in a few words."""
    size = osp.getsize(path)
    with open(path, 'rb') as f:
        head = f.read(256)
    text = head.lstrip().lower()
    if size == 0:
        return 'an empty file'
    if text.startswith((b'<!doctype html', b'<html', b'<?xml', b'<head')):
        return f'an HTML page ({size} bytes; a failed download?)'
    if zipfile.is_zipfile(path) or head.startswith(b'PK\x03\x04'):
        return f'a damaged or truncated zip archive ({size} bytes; an interrupted download?)'
    if head.startswith(b'\x80'):
        return f'a damaged or truncated pickle ({size} bytes)'
    try:
        sample = head.decode('utf-8')
    except UnicodeDecodeError:
        return f'{size} bytes of unknown data starting {head[:8].hex(" ")}'
    return f'text ({size} bytes) starting {sample[:40]!r}'


def read_checkpoint_file(path: str):
    """``torch.load`` of a checkpoint file, weights only (and the types
    ``vmae2_mmaction.compat`` allows: MMEngine's, the official training
    checkpoints' argparse ``Namespace``), memory-mapped where the file allows
    it, so a large checkpoint (a ViT-g teacher: 4 GB) is not held twice while
    it is copied into a model.

    Raises ``CheckpointFileError`` naming the file and what it holds when it
    is missing or not a PyTorch checkpoint.
    """
    if not osp.isfile(path):
        raise CheckpointFileError(f'checkpoint not found: {path}')
    try:
        try:
            return torch.load(path, map_location='cpu', weights_only=True, mmap=True)
        except RuntimeError as e:  # legacy (non-zip) files cannot be memory-mapped
            if 'mmap' not in str(e):
                raise
            return torch.load(path, map_location='cpu', weights_only=True)
    except pickle.UnpicklingError as e:
        refused = re.search(r'GLOBAL (\S+)', str(e))
        if refused:  # a real pickle, of something other than weights
            raise CheckpointFileError(
                f'{path}: refused, it holds a Python object other than weights '
                f'({refused[1]}), which loading would run or build; only weights are read '
                'from checkpoint files. If you trust the file, keep its weights once: '
                "torch.save(torch.load(path, weights_only=False)['state_dict'], new_path)"
            ) from None
        raise CheckpointFileError(
            f'{path} is not a PyTorch checkpoint: {describe_file(path)}') from None
    except Exception as e:  # arbitrary bytes make the unpickler fail anyhow
        raise CheckpointFileError(
            f'{path} is not a PyTorch checkpoint: {describe_file(path)} '
            f'(torch: {type(e).__name__}: {(str(e).splitlines() or [""])[0][:120]})') from None


def load_state_dict_any(path: str):
    """(plugin-format state dict, source format) of any supported checkpoint
    (read by ``read_checkpoint_file``)."""
    checkpoint = read_checkpoint_file(path)
    try:
        state_dict, fmt, _ = to_plugin(unwrap_state_dict(checkpoint))
    except (KeyError, ValueError, AttributeError) as e:
        raise CheckpointFileError(f'{path}: {e}') from None
    return state_dict, fmt


def check_fit(state_dict: Mapping,
              expected: Mapping,
              source: str,
              target: str,
              strict: bool = True,
              may_differ: Sequence[str] = ()) -> dict:
    """THE rule for weights meeting a model, applied by every loader: shapes
    must match; with ``strict`` the keys must match too, except the names in
    ``may_differ`` (parts that legitimately differ between the stages, e.g. the
    pre-training ``norm`` vs the recognition ``fc_norm``); without it (training
    from other weights) keys may be missing or left over. Raises
    ``CheckpointMismatchError`` naming every offending key with its shapes;
    returns the full comparison (missing / unexpected / mismatched)."""
    report = compare_keys(state_dict, expected)
    problems = dict(report, missing=[], unexpected=[])
    if strict:
        problems['missing'] = [k for k in report['missing'] if k not in may_differ]
        problems['unexpected'] = [k for k in report['unexpected'] if k not in may_differ]
    if any(problems.values()):
        raise CheckpointMismatchError(f'{source} does not fit {target}:\n' +
                                      describe_mismatch(problems))
    return report


def load_checkpoint(module: nn.Module,
                    path: str,
                    prefix: str = '',
                    strict: bool = True,
                    may_differ: Sequence[str] = (),
                    index_map: Optional[str] = None) -> dict:
    """Load a plugin, official or MMAction2 checkpoint into ``module``: the
    one way the plugin puts weights into a module (``init_cfg``, teachers,
    the tools; ``load_from`` is loaded by MMEngine after the same check).

    Args:
        prefix: the part of the (converted) state dict for ``module``, e.g.
            'backbone.' for a backbone; '' for a whole model.
        strict, may_differ: the rule of ``check_fit``.
        index_map: a JSON list of class indices: the rows of ``fc_cls`` are
            taken in that order (a K710 head for the K400 classes).
    Returns the comparison of ``check_fit`` and the source ``format``.
    """
    state_dict, fmt = load_state_dict_any(path)
    outside = []  # the checkpoint's other parts, named in the log
    if prefix:
        outside = describe_parts({k: v for k, v in state_dict.items() if not k.startswith(prefix)})
        state_dict = {k[len(prefix):]: v for k, v in state_dict.items() if k.startswith(prefix)}
    if index_map is not None:
        state_dict = take_rows(state_dict, index_map, f'{path} ({prefix}fc_cls)')
    target = type(module).__name__ + (f' (prefix {prefix!r})' if prefix else '')
    expected = module.state_dict()
    report = check_fit(state_dict, expected, f'{path} ({fmt})', target, strict, may_differ)
    # what the checkpoint does not hold keeps its value (a whole model's
    # load hook takes only complete state dicts)
    module.load_state_dict({**expected, **{k: v for k, v in state_dict.items() if k in expected}})
    print_log(
        f'loaded {path} ({fmt}) into {target}; left as initialised: '
        f'{report["missing"] or "none"}; not used: {report["unexpected"] or "none"}' +
        (f'; not loaded, outside {prefix!r}: {", ".join(outside)}' if outside else ''),
        logger='current')
    return dict(report, format=fmt)


def describe_parts(state_dict: Mapping) -> List[str]:
    """Tensors named with their shapes, grouped by top-level part when a
    part has more than 4 ('neck.* (52 tensors)')."""
    parts = {}
    for key, value in state_dict.items():
        parts.setdefault(key.split('.')[0], []).append(f'{key} {tuple(value.shape)}')
    return [
        item for part, items in parts.items()
        for item in (items if len(items) <= 4 else [f'{part}.* ({len(items)} tensors)'])
    ]


def take_rows(state_dict: Mapping, index_map: str, what: str) -> dict:
    """``fc_cls.weight`` / ``fc_cls.bias`` with their rows in ``index_map``'s
    order (a JSON list of row indices)."""
    with open(index_map) as f:
        index = torch.tensor(json.load(f), dtype=torch.long)
    state_dict = dict(state_dict)
    for key in ('fc_cls.weight', 'fc_cls.bias'):
        if key not in state_dict:
            raise CheckpointMismatchError(f'{what}: index_map given but no {key}')
        if int(index.max()) >= state_dict[key].shape[0]:
            raise CheckpointMismatchError(
                f'{index_map}: index {int(index.max())} out of range for {key} of '
                f'{state_dict[key].shape[0]} classes')
        state_dict[key] = state_dict[key][index]
    return state_dict
