"""Extract clip features of whole videos for temporal action localization.

    python tools/extract_features.py CONFIG CHECKPOINT --video-list FILE
        --out-dir DIR [--video-root DIR] [--clip-len 16] [--stride 4]
        [--batch 32] [--reference-preprocessing] [--amp bf16|fp16]
        [--device cpu|cuda] [--cfg-options ...]
    tools/dist_extract_features.sh CONFIG CHECKPOINT NPROC [same options]

One ``OUT_DIR/<video name>.npy`` of shape [T, C] per video: row i is the
backbone's ``fc_norm`` of the mean token of the clip of ``clip-len`` frames
starting at frame ``i * stride`` (T = (frames - clip-len) // stride + 1), as
VideoMAE V2's reference script. CONFIG is a recognition config (its backbone
is used with ``out_type='avg'``); CHECKPOINT a plugin, official or MMAction2
recognizer / backbone checkpoint.

Frames are decoded by the open and decode transforms of the config's test
pipeline (e.g. PyAVIndexedInit / PyAVIndexedDecode), resized to the
backbone's ``img_size`` square in float (bilinear) and normalised with the
config's data_preprocessor mean / std (``FloatResizeNormalize``);
``--reference-preprocessing`` uses the reference script's preprocessing
instead (frames / 255, no mean / std), so its published features are matched.

Finished videos are skipped (resumable; files appear atomically). Videos
that cannot be decoded or are shorter than one clip are listed at the end
(exit status 1). Under torchrun (``dist_extract_features.sh``) each process
takes every NPROC-th video.
"""
import argparse
import os
import os.path as osp
import sys

from vmae2_mmaction.cli import close_process_group, exits_on_errors, init_scope


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('config')
    parser.add_argument('checkpoint')
    parser.add_argument(
        '--video-list', required=True, help='text file, one video path per line (first column)')
    parser.add_argument('--out-dir', required=True)
    parser.add_argument('--video-root', default='', help='prefix of the listed paths')
    parser.add_argument('--clip-len', type=int, default=16)
    parser.add_argument('--stride', type=int, default=4)
    parser.add_argument('--batch', type=int, default=32, help='clips per forward pass')
    parser.add_argument('--reference-preprocessing', action='store_true')
    parser.add_argument('--amp', choices=['bf16', 'fp16'], default=None)
    parser.add_argument('--device', default=None, help='cpu or cuda (default: cuda if any)')
    parser.add_argument('--cfg-options', nargs='+', default={}, metavar='KEY=VALUE')
    parser.add_argument('--launcher', default='none', choices=['none', 'pytorch'])
    parser.add_argument('--local_rank', '--local-rank', type=int, default=0)
    return parser.parse_args()


def read_video_list(path: str, root: str) -> list:
    with open(path) as f:
        entries = [line.split()[0] for line in f if line.strip()]
    return [osp.join(root, e) for e in entries]


def output_path(out_dir: str, video: str) -> str:
    return osp.join(out_dir, osp.splitext(osp.basename(video))[0] + '.npy')


@exits_on_errors
def main():
    args = parse_args()
    init_scope()
    import numpy as np
    import torch
    from mmengine.utils import ProgressBar

    from vmae2_mmaction.apis.feature_extraction import ClipFeatureExtractor, build_backbone
    from vmae2_mmaction.checkpoint import CheckpointError
    from vmae2_mmaction.datasets.video_dataset import VideoDecodeError
    from vmae2_mmaction.engine.config import load_config

    rank, world = int(os.environ.get('RANK', 0)), int(os.environ.get('WORLD_SIZE', 1))
    if world > 1:
        torch.distributed.init_process_group('gloo')
    device = args.device or ('cuda' if torch.cuda.is_available() else 'cpu')
    if device == 'cuda':
        device = f'cuda:{int(os.environ.get("LOCAL_RANK", 0))}'
    for path in (args.checkpoint, args.video_list):
        if not osp.isfile(path):
            sys.exit(f'error: file not found: {path}')
    cfg = load_config(args.config, args.cfg_options)
    try:
        backbone = build_backbone(cfg, args.checkpoint)
    except CheckpointError as e:
        sys.exit(f'error: {e}')
    extractor = ClipFeatureExtractor.from_config(
        cfg,
        backbone,
        args.clip_len,
        args.stride,
        args.batch,
        reference=args.reference_preprocessing,
        device=device,
        amp=args.amp)

    videos = read_video_list(args.video_list, args.video_root)[rank::world]
    os.makedirs(args.out_dir, exist_ok=True)
    done, skipped, failed = 0, 0, []
    bar = ProgressBar(len(videos)) if rank == 0 else None
    for video in videos:
        out = output_path(args.out_dir, video)
        if osp.exists(out):
            skipped += 1
        else:
            try:
                feats = extractor(video)
            except (VideoDecodeError, ValueError) as e:  # a bad or too short video
                reason = (str(e).strip().splitlines() or [type(e).__name__])[-1][:200]
                failed.append(f'{video}: {reason}')
            else:
                tmp = out + '.part'
                with open(tmp, 'wb') as f:
                    np.save(f, feats)
                os.replace(tmp, out)
                done += 1
        if bar is not None:
            bar.update()
    counts = [done, skipped]
    if world > 1:
        gathered = [None] * world
        torch.distributed.all_gather_object(gathered, (counts, failed))
        counts = [sum(c[0][i] for c in gathered) for i in range(2)]
        failed = [f for c in gathered for f in c[1]]
    if rank == 0:
        print(f'\nextracted {counts[0]}, already done {counts[1]}, failed {len(failed)} '
              f'-> {args.out_dir}')
        for line in failed:
            print(f'  failed: {line}')
    close_process_group()
    sys.exit(1 if failed else 0)


if __name__ == '__main__':
    main()
