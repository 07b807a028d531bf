"""Export a recognizer to ONNX (class scores, or pooled features with --features).

    python tools/deployment/export_onnx.py CONFIG CHECKPOINT --out model.onnx
        [--features] [--verify VIDEO] [--benchmark N]

The graph takes float [B, 3, T, H, W] RGB frames (0-255) of the config's clip
shape (the backbone's num_frames x img_size) and gives softmax class scores
[B, num_classes] (``--features``: the backbone's pooled features). ``--verify
VIDEO`` runs ONNX Runtime on the first test view of a real video and prints
the largest difference from PyTorch (exit 1 above --atol, 1e-4);
``--benchmark N`` prints the median latency of N batch-1 runs of ONNX Runtime
and of PyTorch on this machine's CPU.
"""
import argparse
import statistics
import sys
import time


def parse_args():
    parser = argparse.ArgumentParser(description='export a recognizer to ONNX')
    parser.add_argument('config')
    parser.add_argument('checkpoint', help='official, MMAction2 or plugin checkpoint')
    parser.add_argument('--out', required=True, help='the .onnx file to write')
    parser.add_argument('--features', action='store_true', help='pooled features, not scores')
    parser.add_argument('--verify', metavar='VIDEO', help='compare with PyTorch on a real clip')
    parser.add_argument('--atol', type=float, default=1e-4, help='--verify tolerance')
    parser.add_argument('--benchmark', type=int, default=0, metavar='N', help='time N runs')
    return parser.parse_args()


def median_ms(run, n: int) -> float:
    run()  # warm-up
    times = []
    for _ in range(n):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return 1e3 * statistics.median(times)


def main():
    args = parse_args()
    import torch
    from mmengine.config import Config

    from vmae2_mmaction.apis.export import (clip_shape, export_onnx, onnx_runtime_outputs,
                                            pipeline_clip)
    from vmae2_mmaction.apis.inference import InferenceInputError, check_video, load_recognizer
    from vmae2_mmaction.checkpoint import CheckpointError
    try:
        cfg = Config.fromfile(args.config)
        model = load_recognizer(cfg, args.checkpoint)
        if args.verify:
            check_video(args.verify)
    except (CheckpointError, InferenceInputError, FileNotFoundError) as e:
        sys.exit(f'error: {e}')
    shape = clip_shape(cfg)
    exported = export_onnx(model, args.out, shape, args.features)
    what = 'pooled features' if args.features else 'class scores'
    print(f'wrote {args.out}: video [B, 3, {shape[0]}, {shape[1]}, {shape[2]}] -> {what}')
    if args.verify:
        video = pipeline_clip(cfg, args.verify)
        if tuple(video.shape[2:]) != shape:
            sys.exit(f'error: the test pipeline gives clips of {tuple(video.shape[2:])}, the '
                     f'graph takes {shape}: verify with a config whose test view is the '
                     "backbone's clip")
        with torch.no_grad():
            expected = exported(video).numpy()
        diff = float(abs(onnx_runtime_outputs(args.out, video) - expected).max())
        ok = diff <= args.atol
        print(f'verify {args.verify}: max |ONNX Runtime - PyTorch| = {diff:.2e} '
              f'({"ok" if ok else "FAIL"}, tolerance {args.atol:g})')
        if not ok:
            sys.exit(1)
    if args.benchmark:
        import onnxruntime
        session = onnxruntime.InferenceSession(args.out, providers=['CPUExecutionProvider'])
        clip = torch.rand(1, 3, *shape) * 255
        with torch.no_grad():
            torch_ms = median_ms(lambda: exported(clip), args.benchmark)
        ort_ms = median_ms(lambda: session.run(None, {'video': clip.numpy()}), args.benchmark)
        print(f'latency, batch 1, median of {args.benchmark} ({torch.get_num_threads()} threads): '
              f'ONNX Runtime {ort_ms:.1f} ms, PyTorch {torch_ms:.1f} ms '
              f'({torch_ms / ort_ms:.2f}x)')


if __name__ == '__main__':
    main()
