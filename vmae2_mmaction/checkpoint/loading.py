"""Read checkpoint files and load plugin, reference or MMAction2 weights."""
import argparse
import os.path as osp
import pickle
import re
import zipfile

import torch
import torch.nn as nn

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
    """``torch.load`` of a checkpoint file, tensors only (the official
    training checkpoints' argparse ``Namespace`` is allowed too), memory-mapped
    where the file allows it, so a large checkpoint (a ViT-g teacher: 4 GB) is
    not held twice while it is copied into a model.

    Raises ``CheckpointFileError`` naming the file and what it holds when it
    is missing or not a PyTorch checkpoint.
    """
    if not osp.isfile(path):
        raise CheckpointFileError(f'checkpoint not found: {path}')
    with torch.serialization.safe_globals([argparse.Namespace]):
        try:
            try:
                return torch.load(path, map_location='cpu', weights_only=True, mmap=True)
            except RuntimeError as e:  # legacy (non-zip) files cannot be memory-mapped
                if 'mmap' not in str(e):
                    raise
                return torch.load(path, map_location='cpu', weights_only=True)
        except pickle.UnpicklingError as e:
            refused = re.search(r'Unsupported global: GLOBAL (\S+)', str(e))
            if refused:  # a real pickle, of something other than weights
                raise CheckpointFileError(
                    f'{path}: refused, it holds objects other than tensors ({refused[1]}); '
                    'only weights are read from checkpoint files') from None
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


def load_weights(model: nn.Module, path: str, strict: bool = True) -> dict:
    """Load any supported checkpoint format into ``model``; return the report.

    With ``strict``, any missing, unexpected or mismatched key raises
    ``CheckpointMismatchError`` listing them with their shapes.
    """
    state_dict, fmt = load_state_dict_any(path)
    report = compare_keys(state_dict, model.state_dict())
    if strict and any(report.values()):
        raise CheckpointMismatchError(
            f'{path} ({fmt}) does not fit {type(model).__name__}:\n'
            + describe_mismatch(report))
    fitting = {k: v for k, v in state_dict.items()
               if k in model.state_dict() and
               v.shape == model.state_dict()[k].shape}
    model.load_state_dict(fitting, strict=False)
    return dict(report, format=fmt)
