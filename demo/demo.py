"""Classify a video: the top classes of a recognizer (MMAction2's demo/demo.py arguments).

    python demo/demo.py CONFIG CHECKPOINT VIDEO LABEL_FILE [--topk 5] [--device cpu]

prints the ``--topk`` class names with their scores, using the config's test
views. With ``--long-video`` the model's clip slides over the video instead
(a window every ``--stride`` frames, default one clip span) and the top
classes of every window are printed and written to ``--out-json``
(``--out-plot`` draws the scores over time). The checkpoint may be official,
MMAction2 or plugin format; LABEL_FILE names the head's classes, one a line
(e.g. tools/data/kinetics/label_map_k400.txt).
"""
import argparse
import json
import sys


def parse_args():
    parser = argparse.ArgumentParser(description='classify a video with a VideoMAE V2 recognizer')
    parser.add_argument('config', help='recognizer config file')
    parser.add_argument('checkpoint', help='checkpoint file (official, MMAction2 or plugin)')
    parser.add_argument('video', help='video file')
    parser.add_argument('label', help='class names, one a line, in the head\'s order')
    parser.add_argument('--topk', type=int, default=5, help='classes to print')
    parser.add_argument('--device', default=None, help='cuda:0 when there is a GPU, else cpu')
    parser.add_argument(
        '--cfg-options', nargs='+', default=[], metavar='KEY=VALUE', help='override settings')
    parser.add_argument(
        '--long-video', action='store_true', help='slide the model\'s clip over the video')
    parser.add_argument('--stride', type=int, help='frames between windows (--long-video)')
    parser.add_argument('--batch-size', type=int, default=8, help='windows per forward pass')
    parser.add_argument(
        '--out-json', default='long_video_scores.json', help='window results (--long-video)')
    parser.add_argument('--out-plot', help='PNG of the top classes\' scores over time')
    return parser.parse_args()


def clock(seconds: float) -> str:
    return f'{int(seconds // 60):02d}:{seconds % 60:04.1f}'


def long_video(model, labels, args) -> None:
    from mmengine.utils import ProgressBar

    from vmae2_mmaction.apis import sliding_window_scores, top_k
    bar = {}

    def progress(done: int, total: int) -> None:
        if 'bar' not in bar:
            bar['bar'] = ProgressBar(total, file=sys.stderr)
        while bar['bar'].completed < done:
            bar['bar'].update()

    found = sliding_window_scores(model, args.video, args.stride, args.batch_size, progress)
    span = (found['clip_len'] - 1) * found['frame_interval'] + 1
    sys.stderr.write('\n')
    fps = found['fps']
    results = []
    for start, scores in zip(found['starts'], found['scores']):
        end = min(start + span, found['total_frames'])
        best = top_k(scores, labels, args.topk)
        results.append(
            dict(
                start_frame=start,
                end_frame=end,
                start_sec=start / fps,
                end_sec=end / fps,
                topk=[dict(label=name, score=score) for name, score in best]))
        print(f'{clock(start / fps)}-{clock(end / fps)}  ' + ', '.join(f'{name} {score:.3f}'
                                                                       for name, score in best))
    with open(args.out_json, 'w') as f:
        json.dump(
            dict(
                video=args.video,
                fps=fps,
                total_frames=found['total_frames'],
                clip_len=found['clip_len'],
                frame_interval=found['frame_interval'],
                windows=results),
            f,
            indent=1)
    print(f'wrote {args.out_json} ({len(results)} windows)')
    if args.out_plot:
        plot(found, labels, fps, span, args.topk, args.out_plot)
        print(f'wrote {args.out_plot}')


def plot(found, labels, fps, span, topk, path) -> None:
    """Scores over time of the classes that are best in some window (at most ``topk``)."""
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt
    scores = found['scores']
    best = scores.argmax(1)
    classes = sorted(set(best.tolist()), key=lambda c: -float(scores[:, c].max()))[:topk]
    centres = [(s + span / 2) / fps for s in found['starts']]
    fig, ax = plt.subplots(figsize=(8, 3))
    for c in classes:
        ax.plot(centres, scores[:, c].numpy(), marker='o', label=labels[c])
    ax.set_xlabel('time (s, window centre)')
    ax.set_ylabel('score')
    ax.set_ylim(0, 1)
    ax.legend(fontsize='small')
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def main():
    args = parse_args()
    import torch
    from mmengine.config import Config, DictAction

    from vmae2_mmaction.apis import (InferenceInputError, classify_video, load_recognizer,
                                     read_label_file, top_k)
    from vmae2_mmaction.apis.inference import check_labels, check_video
    from vmae2_mmaction.checkpoint import CheckpointError
    device = args.device or ('cuda:0' if torch.cuda.is_available() else 'cpu')
    try:
        labels = read_label_file(args.label)
        check_video(args.video)
        cfg = Config.fromfile(args.config)
        cfg.merge_from_dict({
            k: DictAction._parse_iterable(v)
            for k, v in (o.split('=', 1) for o in args.cfg_options)
        })
        model = load_recognizer(cfg, args.checkpoint, device)
        check_labels(labels, model, args.label)
        if args.long_video:
            long_video(model, labels, args)
            return
        scores = classify_video(model, args.video)
    except (InferenceInputError, CheckpointError, FileNotFoundError) as e:
        sys.exit(f'error: {e}')
    for name, score in top_k(scores, labels, args.topk):
        print(f'{name}: {score:.4f}')


if __name__ == '__main__':
    main()
