"""The demo's summary: one table (probe and few-label fine-tuning, pre-trained
vs random initialisation, chance) and a plot of it beside the pre-training loss.

    python demo/demo_summary.py WORK_DIR --classes N
        [--shipped-log SCALARS [SCALARS ...]] [--took SECONDS]

Reads what demo/demo.sh leaves in WORK_DIR: the pre-training log scalars
(``pretrain/<run>/vis_data/scalars.json``), ``probe-{pretrained,random}.json``
and the test logs ``finetune-{pretrained,random}-test.log``; ``--shipped-log``
gives the scalars files of the runs that made the pre-trained weights, in
order, each run starting from the previous one's weights (their loss is drawn
beside this run's as one curve, per epoch, a later run's epochs counted on).
Writes ``WORK_DIR/summary.png`` and ``WORK_DIR/summary.json``; prints the table.
"""
import argparse
import glob
import json
import os.path as osp
import re
import sys

ROWS = (('k-NN probe (frozen)', 'knn'), ('linear probe (frozen)', 'linear'),
        ('fine-tuning, few labels', 'finetune'))


def run_scalars(work_dir: str) -> str:
    """The scalars file of the pre-training run demo/demo.sh made."""
    files = sorted(glob.glob(osp.join(work_dir, 'pretrain', '*', 'vis_data', 'scalars.json')))
    if not files:
        sys.exit(f'error: no pre-training scalars under {work_dir}/pretrain')
    return files[-1]


def epoch_losses(scalars: str) -> list:
    """(epoch, loss) of a training run, from MMEngine's scalars file."""
    if not osp.isfile(scalars):
        sys.exit(f'error: no such scalars file: {scalars}')
    points = []
    with open(scalars) as f:
        for line in f:
            record = json.loads(line)
            if 'loss' in record and 'epoch' in record:
                points.append((record['epoch'], record['loss']))
    if not points:
        sys.exit(f'error: no training losses in {scalars}')
    return points


def chained_epoch_losses(scalars_files: list) -> list:
    """(epoch, loss) of runs that each continued from the previous one's
    weights, a later run's epochs counted on from where the previous ended."""
    points = []
    for scalars in scalars_files:
        offset = points[-1][0] if points else 0
        points += [(offset + epoch, loss) for epoch, loss in epoch_losses(scalars)]
    return points


def test_top1(log: str) -> float:
    with open(log) as f:
        found = re.findall(r'acc/top1: ([0-9.]+)', f.read())
    if not found:
        sys.exit(f'error: no acc/top1 in {log}')
    return float(found[-1])


def collect(work_dir: str) -> dict:
    """{init: {row: top-1}} for 'pretrained' and 'random'."""
    result = {}
    for init in ('pretrained', 'random'):
        with open(osp.join(work_dir, f'probe-{init}.json')) as f:
            probe = json.load(f)
        result[init] = dict(
            knn=probe['knn_top1'],
            linear=probe['linear_top1'],
            finetune=test_top1(osp.join(work_dir, f'finetune-{init}-test.log')))
    return result


def plot(path: str, curves: dict, result: dict, chance: float) -> None:
    """``curves``: {label: [(epoch, loss)]}."""
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 3.6))
    for label, losses in curves.items():
        left.plot(*zip(*losses), label=label, marker='.' if len(losses) <= 20 else None)
    left.set(title='pre-training (dual masking)', xlabel='epoch', ylabel='reconstruction loss')
    left.legend(fontsize=8)
    x = range(len(ROWS))
    for offset, (init, colour) in ((-0.2, ('pretrained', 'tab:blue')), (0.2, ('random',
                                                                              'tab:grey'))):
        values = [result[init][key] for _, key in ROWS]
        right.bar([i + offset for i in x], values, 0.4, color=colour, label=f'{init} init')
    right.axhline(chance, color='tab:red', linestyle='--', label='chance')
    right.set_xticks(list(x), [name for name, _ in ROWS], fontsize=8)
    right.set(ylim=(0, 1), ylabel='top-1 (held-out videos)', title='pre-trained vs random')
    right.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=100)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('work_dir')
    parser.add_argument('--classes', type=int, required=True)
    parser.add_argument(
        '--shipped-log',
        nargs='+',
        help='scalars.json of the runs that made the pre-trained weights, in order')
    parser.add_argument('--took', type=int, default=None, help='seconds the demo took')
    args = parser.parse_args()
    curves = {'this run': epoch_losses(run_scalars(args.work_dir))}
    if args.shipped_log:
        curves['shipped weights'] = chained_epoch_losses(args.shipped_log)
    result = collect(args.work_dir)
    chance = 1 / args.classes
    plot(osp.join(args.work_dir, 'summary.png'), curves, result, chance)
    first_last = {label: [points[0][1], points[-1][1]] for label, points in curves.items()}
    with open(osp.join(args.work_dir, 'summary.json'), 'w') as f:
        json.dump(dict(result, chance=chance, pretrain_loss=first_last), f)
    print('\n==================== demo summary ====================')
    for label, points in curves.items():
        print(f'{"pre-training loss":27s}{points[0][1]:.3f} -> {points[-1][1]:.3f}  '
              f'({label}, {points[-1][0]} epochs)')
    print(f'{"top-1 on held-out videos":27s}{"pre-trained":>12s}{"random init":>12s}')
    for name, key in ROWS:
        print(f'{name:27s}{result["pretrained"][key]:12.3f}{result["random"][key]:12.3f}')
    print(f'{"chance":27s}{chance:12.3f}')
    print(f'plot: {osp.join(args.work_dir, "summary.png")}; reconstruction: '
          f'{osp.join(args.work_dir, "reconstruction.png")}')
    if args.took is not None:
        print(f'took {args.took} s')


if __name__ == '__main__':
    main()
