"""Show what a pre-trained VideoMAE V2 model reconstructs.

    python tools/visualize_reconstruction.py CONFIG CHECKPOINT VIDEO --out FILE.png
        [--frames 8] [--seed 0]

Samples one clip as the config's pre-training pipeline does (its frame count
and interval, a centre crop at the model's resolution, its tube and
running-cell masks), runs the model and writes a PNG grid: original frames,
the masked input (hidden tokens grey) and the reconstruction (pixels
un-normalised; hidden tokens the decoder did not predict stay grey).
CHECKPOINT may be a plugin, official or MMAction2 checkpoint.
"""
import argparse
import os.path as osp
import sys

from vmae2_mmaction.cli import exits_on_errors, init_scope


def clip_pipeline(cfg, img_size):
    """Decode + deterministic crop + the config's mask transforms."""
    from vmae2_mmaction.engine import dataset_configs, mask_settings
    try:
        masks = mask_settings(cfg)
    except ValueError as e:
        raise SystemExit(f'error: {e}')
    sample = next(
        dict(t) for ds in dataset_configs(cfg) for t in ds['pipeline']
        if t['type'] == 'SampleFrames')
    sample.update(num_clips=1, test_mode=True)
    pipeline = [
        dict(type='DecordInit'), sample,
        dict(type='DecordDecode'),
        dict(type='Resize', scale=(-1, img_size)),
        dict(type='CenterCrop', crop_size=img_size),
        dict(type='FormatShape', input_format='NCTHW'), masks['encoder']
    ]
    keys = ('encoder_mask', )
    if masks['decoder'] is not None:
        pipeline.append(masks['decoder'])
        keys += ('decoder_mask', )
    pipeline.append(dict(type='PackActionInputs', algorithm_keys=keys))
    return pipeline


def to_grid(videos, num_cols):
    """Rows of frames (uint8 BGR) from [3, T, H, W] videos in [0, 1]."""
    import numpy as np
    rows = []
    for video in videos:
        T = video.shape[1]
        idx = np.linspace(0, T - 1, min(num_cols, T)).round().astype(int)
        frames = (video[:, idx].clamp(0, 1) * 255).byte().permute(1, 2, 3, 0).numpy()
        rows.append(np.concatenate(list(frames), axis=1)[..., ::-1])  # RGB->BGR
    return np.concatenate(rows, axis=0)


@exits_on_errors
def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[1])
    parser.add_argument('config')
    parser.add_argument('checkpoint')
    parser.add_argument('video')
    parser.add_argument('--out', required=True, help='output PNG')
    parser.add_argument('--frames', type=int, default=8, help='columns')
    parser.add_argument('--seed', type=int, default=0, help='mask seed')
    args = parser.parse_args()
    init_scope()
    import cv2
    import numpy as np
    from mmaction.registry import MODELS
    from mmengine.dataset import Compose, pseudo_collate

    from vmae2_mmaction.checkpoint import load_checkpoint
    from vmae2_mmaction.engine import load_config
    for path in (args.checkpoint, args.video):
        if not osp.isfile(path):
            sys.exit(f'error: file not found: {path}')
    cfg = load_config(args.config)
    model = MODELS.build(cfg.model)
    load_checkpoint(model, args.checkpoint)
    model.eval()
    np.random.seed(args.seed)
    pipeline = Compose(clip_pipeline(cfg, cfg.model.backbone.get('img_size', 224)))
    try:
        data = pipeline(dict(filename=args.video, start_index=0, modality='RGB'))
    except Exception as e:
        sys.exit(f'error: cannot read video {args.video}: {type(e).__name__}: {e}')
    sample = model.test_step(pseudo_collate([data]))[0]
    grid = to_grid([sample.original, sample.masked_input, sample.reconstruction], args.frames)
    scale = max(1, round(384 / grid.shape[0]))  # tiny models: make it visible
    if scale > 1:
        grid = cv2.resize(grid, None, fx=scale, fy=scale, interpolation=cv2.INTER_NEAREST)
    if not cv2.imwrite(args.out, grid):
        sys.exit(f'error: cannot write {args.out}')
    print(f'wrote {args.out} ({grid.shape[1]}x{grid.shape[0]}): rows = original, '
          'masked input, reconstruction')


if __name__ == '__main__':
    main()
