"""Time real train steps or inference of a config's model on random input.

    python tools/analysis/benchmark.py CONFIG --mode train|test|extract
        [--batch 2] [--iters 5] [--warmup 2] [--shape T H W] [--seq-len T] [--proposals N]
        [--video PATH] [--amp bf16|fp16] [--device cpu|cuda] [--model-only] [--compile]
        [--peak TFLOPS] [--no-flops] [--cfg-options ...]

train: forward, backward and optimizer step through the model's own
``train_step`` and the config's optim wrapper; test: ``test_step`` under
no_grad. Each step starts from the batch as the data loader delivers it:
uint8 clips on the host (pinned on CUDA), copied and normalised on the device
by the model's data preprocessor (non-blocking with
``NonBlockingActionDataPreprocessor``). ``--model-only`` preprocesses once and
times the model alone. ``--compile`` runs the backbone, the decoder neck and
the classification head through ``torch.compile`` (the pixel head's loss
stays eager). ``--check-sync`` (CUDA) runs the model once under
``torch.cuda.set_sync_debug_mode('error')`` and reports ``host_syncs``.
Pre-training models get masks from the config's mask transforms;
AVA detectors (FastRCNN configs) clips of ``--shape`` (default 16 256 256)
with ``--proposals`` person boxes each;
localizers (ActionFormer configs) get ``--batch`` random feature sequences of
``--seq-len`` (default: the model's max_seq_len) with 4 segments each.
extract: feature extraction of a whole video (``--video``, decoding
included) with the config's backbone, as ``tools/extract_features.py``
(``--batch`` clips per pass); clips_per_s is its throughput.
The last line is a JSON object: step_s (median), mean_s, clips_per_s,
peak_rss_mb (process peak) and, on CUDA, peak_cuda_mb; for video models also
gflops_per_clip (forward, fvcore: one multiply-add = one FLOP, as the paper's
tables), tflops (achieved: 2 FLOPs per multiply-add, forward + backward = 3x
forward when training, the convention of hardware peaks) and mfu (tflops /
``--peak``, default 989: dense bf16 of an H100/H200).
"""
import argparse
import json
import os.path as osp
import resource
import statistics
import sys
import time

from vmae2_mmaction.cli import exits_on_errors, init_scope


def make_feature_batch(cfg, seq_len, batch):
    """Random [C, T] feature sequences with 4 segments each (a localizer's batch)."""
    import torch
    from mmaction.structures import ActionDataSample
    from mmengine.structures import InstanceData
    gen = torch.Generator().manual_seed(0)
    inputs, samples = [], []
    for _ in range(batch):
        inputs.append(torch.randn(cfg.model.backbone.in_channels, seq_len, generator=gen))
        starts = torch.rand(4, generator=gen) * seq_len * 0.8
        segments = torch.stack([starts, starts + 2 + torch.rand(4, generator=gen) * 60], 1)
        sample = ActionDataSample(
            metainfo=dict(fps=30., duration=seq_len * 4 / 30., feat_stride=4., feat_num_frames=16.))
        sample.gt_instances = InstanceData(
            gt_segments=segments.clamp(max=seq_len - 1),
            gt_labels=torch.randint(cfg.model.cls_head.out_channels, (4, ), generator=gen))
        samples.append(sample)
    return dict(inputs=inputs, data_samples=samples)


def make_detection_batch(cfg, shape, batch, num_proposals):
    """Clips [3, T, H, W] with ``num_proposals`` person boxes each, every box
    a ground-truth person with one action (an AVA detector's batch)."""
    import torch
    from mmaction.structures import ActionDataSample
    from mmengine.structures import InstanceData
    gen = torch.Generator().manual_seed(0)
    num_classes = cfg.model.roi_head.bbox_head.num_classes
    _, h, w = shape
    inputs, samples = [], []
    for _ in range(batch):
        xy = torch.rand(num_proposals, 2, generator=gen) * torch.tensor([w, h]) * 0.6
        wh = (0.2 + 0.2 * torch.rand(num_proposals, 2, generator=gen)) * torch.tensor([w, h])
        boxes = torch.cat([xy, xy + wh], 1)
        sample = ActionDataSample(metainfo=dict(img_shape=(h, w)))
        labels = torch.zeros(num_proposals, num_classes)
        labels[torch.arange(num_proposals),
               torch.randint(1, num_classes, (num_proposals, ), generator=gen)] = 1
        sample.gt_instances = InstanceData(bboxes=boxes, labels=labels)
        sample.proposals = InstanceData(bboxes=boxes.clone())
        samples.append(sample)
        inputs.append(torch.randint(0, 256, (3, *shape), generator=gen).float())
    return dict(inputs=inputs, data_samples=samples)


def make_batch(cfg, model, shape, batch, pin=False):
    """A collated data batch as the dataloader gives it: uint8 clips on the
    host (pinned with ``pin``), masks and labels in the data samples."""
    import torch
    from mmaction.structures import ActionDataSample

    from vmae2_mmaction.analysis import model_inputs_from_config
    inputs = model_inputs_from_config(cfg, model, shape, batch)
    samples = []
    for i in range(batch):
        sample = ActionDataSample()
        if len(inputs) == 3:
            sample.set_field(inputs[1][i], 'encoder_mask')
            sample.set_field(inputs[2][i], 'decoder_mask')
        recognizer = getattr(model, 'student', model)  # a distiller's student
        num_classes = getattr(getattr(recognizer, 'cls_head', None), 'num_classes', 0)
        if num_classes:
            sample.set_gt_label(torch.tensor([i % num_classes]))
        samples.append(sample)
    videos = [torch.randint(0, 256, (1, 3, *shape), dtype=torch.uint8) for _ in range(batch)]
    if pin:
        videos = [v.pin_memory() for v in videos]
    return dict(inputs=videos, data_samples=samples)


def forward_gflops(cfg, model, shape):
    """Forward GFLOPs of one clip (fvcore; one multiply-add = one FLOP)."""
    from vmae2_mmaction.analysis import count_flops, model_inputs_from_config
    return count_flops(model, model_inputs_from_config(cfg, model, shape, 1))[0] / 1e9


def compile_parts(model):
    """torch.compile the backbone, the decoder neck and the classification
    head in place (their forward; the data preprocessor, mask handling, pixel
    loss and optimizer stay eager)."""
    recognizer = getattr(model, 'student', model)
    for name in ('backbone', 'neck', 'cls_head'):
        part = getattr(recognizer, name, None)
        if part is not None:
            part.compile()


@exits_on_errors
def main():
    parser = argparse.ArgumentParser(description='benchmark a config')
    parser.add_argument('config')
    parser.add_argument('--mode', choices=['train', 'test', 'extract'], default='train')
    parser.add_argument('--batch', type=int, default=2)
    parser.add_argument('--iters', type=int, default=5)
    parser.add_argument('--warmup', type=int, default=2)
    parser.add_argument('--shape', type=int, nargs=3, default=None, metavar=('T', 'H', 'W'))
    parser.add_argument(
        '--proposals', type=int, default=8, help='person boxes per clip (detectors)')
    parser.add_argument(
        '--seq-len', type=int, default=None, help='feature sequence length (localizers)')
    parser.add_argument('--video', default=None, help='video for --mode extract')
    parser.add_argument('--amp', choices=['bf16', 'fp16'], default=None)
    parser.add_argument('--device', default=None, help='cpu or cuda')
    parser.add_argument(
        '--model-only',
        action='store_true',
        help='preprocess the batch once and time the model step alone')
    parser.add_argument('--compile', action='store_true', help='torch.compile the model parts')
    parser.add_argument(
        '--peak', type=float, default=989., help='peak TFLOP/s for the MFU (default 989)')
    parser.add_argument('--no-flops', action='store_true', help='skip the FLOPs count')
    parser.add_argument(
        '--check-sync',
        action='store_true',
        help='CUDA: report host-device synchronisations in the model step (host_syncs)')
    parser.add_argument('--cfg-options', nargs='+', default={})
    args = parser.parse_args()
    init_scope()
    import torch
    from mmaction.registry import MODELS
    from mmengine.optim import build_optim_wrapper

    from vmae2_mmaction.engine import load_config
    cfg = load_config(args.config, args.cfg_options)
    device = args.device or ('cuda' if torch.cuda.is_available() else 'cpu')
    if args.amp and args.mode == 'train' and device == 'cpu':
        sys.exit('error: --amp training needs a GPU (MMEngine\'s AmpOptimWrapper); '
                 'on CPU use --mode test --amp bf16')
    if args.check_sync and device != 'cuda':
        sys.exit('error: --check-sync needs CUDA (torch.cuda.set_sync_debug_mode)')
    if args.mode == 'extract':
        return benchmark_extraction(cfg, args, device)
    model = MODELS.build(cfg.model)
    model.init_weights()
    gflops = None
    model.to(device)
    if cfg.model.type == 'ActionFormer':
        shape = [args.seq_len or cfg.model.get('max_seq_len', 2304)]
        data = make_feature_batch(cfg, shape[0], args.batch)
    elif cfg.model.type == 'FastRCNN':
        shape = args.shape or (16, 256, 256)
        data = make_detection_batch(cfg, shape, args.batch, args.proposals)
        if args.mode == 'test' and args.batch != 1:
            sys.exit('error: detectors test one clip at a time (--batch 1)')
    else:
        backbone = cfg.model.get('backbone') or cfg.model.student.backbone
        shape = args.shape or (backbone.get('num_frames', 16), backbone.get(
            'img_size', 224), backbone.get('img_size', 224))
        data = make_batch(cfg, model, shape, args.batch, pin=device == 'cuda')
        if not args.no_flops:
            gflops = forward_gflops(cfg, model.cpu(), shape)
            model.to(device)
    if args.compile:
        compile_parts(model)
    dtype = dict(bf16=torch.bfloat16, fp16=torch.float16).get(args.amp)

    if args.mode == 'train':
        optim_cfg = dict(cfg.optim_wrapper)
        if args.amp:
            optim_cfg.update(
                type='AmpOptimWrapper', dtype=args.amp == 'bf16' and 'bfloat16' or 'float16')
        elif optim_cfg.get('type') == 'AmpOptimWrapper' and device == 'cpu':
            # the config's AMP needs a GPU: time fp32 on CPU
            optim_cfg['type'] = 'OptimWrapper'
            for key in ('loss_scale', 'dtype'):
                optim_cfg.pop(key, None)
        optim_wrapper = build_optim_wrapper(model, optim_cfg)
        model.train()
        if args.model_only:
            ready = model.data_preprocessor(data, True)

            def step():  # BaseModel.train_step after its data preprocessor
                with optim_wrapper.optim_context(model):
                    losses = model._run_forward(ready, mode='loss')
                loss, _ = model.parse_losses(losses)
                optim_wrapper.update_params(loss)
        else:

            def step():
                model.train_step(data, optim_wrapper)
    else:
        model.eval()
        ready = model.data_preprocessor(data, False) if args.model_only else None

        def step():
            with torch.no_grad(), torch.autocast(
                    device, dtype=dtype or torch.float32, enabled=dtype is not None):
                if ready is None:
                    model.test_step(data)
                else:
                    model._run_forward(ready, mode='predict')

    extra = dict(
        batch=args.batch, shape=list(shape), model_only=args.model_only, compiled=args.compile)
    if args.check_sync:
        extra['host_syncs'] = host_syncs(model, data, args.mode == 'train', dtype)
    report(args, step, device, model, extra, args.batch, gflops)


def host_syncs(model, data, training: bool, dtype) -> str:
    """Run the model (forward, loss and backward when training) on a batch
    already on the GPU with CUDA's sync debug mode set to 'error': 'none', or
    the first synchronising call."""
    import torch
    ready = model.data_preprocessor(data, training)
    torch.cuda.synchronize()
    torch.cuda.set_sync_debug_mode('error')
    try:
        with torch.autocast('cuda', dtype=dtype or torch.float32, enabled=dtype is not None):
            if training:
                losses = model._run_forward(ready, mode='loss')
                sum(v for k, v in losses.items() if 'loss' in k).backward()
            else:
                with torch.no_grad():
                    model._run_forward(ready, mode='predict')
        return 'none'
    except RuntimeError as e:
        return str(e).splitlines()[0]
    finally:
        torch.cuda.set_sync_debug_mode(0)
        model.zero_grad(set_to_none=True)


def report(args, step, device, model, extra: dict, clips_per_step: int, gflops=None):
    """Time ``step`` (after warm-up) and print the JSON summary line."""
    import torch
    times = []
    for i in range(args.warmup + args.iters):
        if device == 'cuda':
            torch.cuda.synchronize()
        start = time.perf_counter()
        step()
        if device == 'cuda':
            torch.cuda.synchronize()
        if i >= args.warmup:
            times.append(time.perf_counter() - start)
            print(f'iter {i - args.warmup + 1}/{args.iters}: {times[-1]:.3f} s')
    median = statistics.median(times)
    result = dict(
        config=osp.basename(args.config),
        mode=args.mode,
        **extra,
        device=device,
        amp=args.amp,
        threads=torch.get_num_threads(),
        step_s=round(median, 4),
        mean_s=round(statistics.mean(times), 4),
        clips_per_s=round(clips_per_step / median, 3),
        peak_rss_mb=round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1))
    result['trained_params_m'] = round(
        sum(p.numel() for p in model.parameters() if p.requires_grad) / 1e6, 2)
    if device == 'cuda':
        result['peak_cuda_mb'] = round(torch.cuda.max_memory_allocated() / 2**20, 1)
    if gflops:
        passes = 3 if args.mode == 'train' else 1  # backward = 2 forwards
        tflops = 2 * gflops * passes * result['clips_per_s'] / 1e3
        result.update(
            gflops_per_clip=round(gflops, 2),
            tflops=float(f'{tflops:.4g}'),
            peak_tflops=args.peak,
            mfu=float(f'{tflops / args.peak:.4g}'))
        print(f'{gflops:.1f} GFLOPs (multiply-adds) a clip forward -> {tflops:.2f} TFLOP/s '
              f'achieved, MFU {100 * tflops / args.peak:.2f} % of {args.peak:g}')
    print(json.dumps(result))


def benchmark_extraction(cfg, args, device):
    """Throughput of ``tools/extract_features.py`` on one whole video."""
    from mmaction.registry import MODELS

    from vmae2_mmaction.apis.feature_extraction import ClipFeatureExtractor
    if not args.video or not osp.isfile(args.video):
        sys.exit(f'error: --mode extract needs --video PATH (got {args.video!r})')
    backbone = MODELS.build(dict(cfg.model.backbone, out_type='avg')).eval()
    clip_len, stride = cfg.model.backbone.get('num_frames', 16), 4
    extractor = ClipFeatureExtractor.from_config(
        cfg, backbone, clip_len, stride, args.batch, device=device, amp=args.amp)
    num_frames = extractor.open_video(args.video)['total_frames']  # as the extractor counts
    clips = (num_frames - clip_len) // stride + 1
    report(args, lambda: extractor(args.video), device, backbone,
           dict(video=osp.basename(args.video), frames=num_frames, clips=clips, batch=args.batch),
           clips)


if __name__ == '__main__':
    main()
