"""Publish a training checkpoint: keep the weights and the run's meta, drop the rest.

    python tools/publish_model.py IN_FILE OUT_FILE

As MMAction2's ``publish_model.py``: the optimizer, scheduler and message-hub
states are removed; ``meta`` (the run's config text, seed, epoch, iteration,
versions) is kept so the weights say how they were made. OUT_FILE gets the
first 8 hex digits of its SHA-256 before its extension
(``name.pth`` -> ``name-1a2b3c4d.pth``); the path written is printed.
"""
import argparse
import hashlib
import os
import os.path as osp

KEPT = ('state_dict', 'meta')


def publish(src: str, dst: str) -> str:
    """Write ``src``'s ``state_dict`` and ``meta`` to ``dst`` with its hash in
    the name; return the final path."""
    import torch

    from vmae2_mmaction.checkpoint import CheckpointError, read_checkpoint_file
    try:  # weights only: a checkpoint never runs code here
        checkpoint = read_checkpoint_file(src)
    except CheckpointError as e:
        raise SystemExit(f'error: {e}')
    if not isinstance(checkpoint, dict) or 'state_dict' not in checkpoint:
        raise SystemExit(f'error: {src} holds no state_dict (keys: '
                         f'{sorted(checkpoint) if isinstance(checkpoint, dict) else "none"})')
    os.makedirs(osp.dirname(osp.abspath(dst)), exist_ok=True)
    torch.save({k: checkpoint[k] for k in KEPT if k in checkpoint}, dst)
    with open(dst, 'rb') as f:
        digest = hashlib.sha256(f.read()).hexdigest()[:8]
    stem, ext = osp.splitext(dst)
    final = f'{stem}-{digest}{ext}'
    os.replace(dst, final)
    return final


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('in_file', help='a checkpoint written by the runner')
    parser.add_argument('out_file', help='where to write it (the hash is added to the name)')
    args = parser.parse_args()
    print(publish(args.in_file, args.out_file))


if __name__ == '__main__':
    main()
