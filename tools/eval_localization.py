"""Evaluate temporal localization results offline.

    python tools/eval_localization.py RESULTS ANNOTATION [--subset test]
        [--tiou 0.3 0.4 0.5 0.6 0.7]

RESULTS: ActivityNet-format JSON ``{"results": {video: [{"segment": [s, e],
"score": x, "label": name}]}}``, as ActionFormer and the ActivityNet tools
write and as ``tools/test.py CONFIG CKPT --cfg-options
test_evaluator.out_file=results.json`` does. ANNOTATION: the annotation JSON
(``{"database": ...}``); the videos of ``--subset`` are the ground truth.
Prints mAP at each tIoU and their average (%), the same numbers as
``LocalizationMetric``.
"""
import argparse
import json
import sys

from vmae2_mmaction.cli import exits_on_errors, init_scope


@exits_on_errors
def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('results')
    parser.add_argument('annotation')
    parser.add_argument('--subset', default='test')
    parser.add_argument('--tiou', type=float, nargs='+', default=[0.3, 0.4, 0.5, 0.6, 0.7])
    args = parser.parse_args()
    init_scope()
    import numpy as np

    from vmae2_mmaction.localization import TemporalFeatureDataset, localization_map, read_results

    try:
        with open(args.annotation) as f:
            database = json.load(f)['database']
    except (OSError, KeyError, ValueError) as e:
        sys.exit(f'error: cannot read {args.annotation}: {type(e).__name__}: {e}')
    classes = TemporalFeatureDataset.classes_of(database)
    index = {name: i for i, name in enumerate(classes)}
    ground_truth = {}
    for video, info in database.items():
        if str(info.get('subset', '')).lower() == args.subset.lower():
            anns = info.get('annotations', [])
            ground_truth[video] = (np.asarray([a['segment'] for a in anns], float).reshape(-1, 2),
                                   np.asarray([index[a['label']] for a in anns], int))
    if not ground_truth:
        sys.exit(f'error: no video of subset {args.subset!r} in {args.annotation}')
    try:
        predictions = read_results(args.results, classes)
    except (OSError, ValueError) as e:
        sys.exit(f'error: cannot read {args.results}: {type(e).__name__}: {e}')
    except KeyError as e:
        sys.exit(f'error: {e.args[0]}')
    missing = sorted(set(ground_truth) - set(predictions))
    if missing:
        print(f'warning: {len(missing)} videos have no prediction, e.g. {missing[:3]}')
    out = localization_map(predictions, ground_truth, args.tiou)
    for t, m in zip(args.tiou, out['mAP']):
        print(f'mAP@{t:g}: {100 * m:.2f}')
    print(f'average_mAP: {100 * out["average_mAP"]:.2f}')


if __name__ == '__main__':
    main()
