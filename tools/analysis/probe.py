"""Frozen-feature probe: k-NN and linear classification of a backbone's pooled features.

    python tools/analysis/probe.py CONFIG [--checkpoint CKPT] --train-list L --test-list T
        [--data-root DIR] [--k 20] [--seed 0]

CONFIG is a recognition config: its backbone in recognition mode (the token
mean, then ``fc_norm``) and its test pipeline give one feature per video (the
mean over its views). CHECKPOINT (any supported format) initialises the
backbone (a pre-training checkpoint's final ``norm`` is not used; ``fc_norm``
then stays the identity); without it the backbone keeps its random
initialisation. The lists are MMAction2 ``VideoDataset`` lists (``path
label``). The probes are ``vmae2_mmaction.apis.probes``': features
standardised with the training set's statistics; k-NN votes by cosine
similarity among the k nearest training videos; the linear probe is a
multinomial logistic regression (L-BFGS, L2 1e-3). The last line is a JSON
object with both top-1 accuracies.
"""
import argparse
import json
import os.path as osp
import sys

from vmae2_mmaction.cli import exits_on_errors, init_scope


def features(backbone, cfg, ann_file: str, data_root: str):
    """[N, C] pooled features (mean over the test views) and [N] labels."""
    import torch
    from mmaction.registry import DATASETS
    from mmengine.dataset import pseudo_collate
    dataset_cfg = dict(
        cfg.test_dataloader.dataset,
        ann_file=ann_file,
        data_prefix=dict(video=data_root),
        test_mode=True)
    dataset = DATASETS.build(dataset_cfg)
    preprocessor = cfg.model.data_preprocessor
    mean = torch.tensor(preprocessor.mean).view(1, 3, 1, 1, 1)
    std = torch.tensor(preprocessor.std).view(1, 3, 1, 1, 1)
    feats, labels = [], []
    with torch.no_grad():
        for i in range(len(dataset)):
            sample = pseudo_collate([dataset[i]])
            views = (sample['inputs'][0].float() - mean) / std  # [views, 3, T, H, W]
            feats.append(backbone(views).mean(0))
            labels.append(int(sample['data_samples'][0].gt_label))
    return torch.stack(feats), torch.tensor(labels)


@exits_on_errors
def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('config')
    parser.add_argument('--checkpoint', default=None)
    parser.add_argument('--train-list', required=True)
    parser.add_argument('--test-list', required=True)
    parser.add_argument('--data-root', default='')
    parser.add_argument('--k', type=int, default=20)
    parser.add_argument('--seed', type=int, default=0)
    parser.add_argument('--cfg-options', nargs='+', default={})
    args = parser.parse_args()
    init_scope()
    import torch
    from mmaction.registry import MODELS

    from vmae2_mmaction.apis.probes import probe_top1
    from vmae2_mmaction.checkpoint import CheckpointError, load_checkpoint
    from vmae2_mmaction.checkpoint.pretrained_init import FINAL_NORMS
    from vmae2_mmaction.engine import load_config
    for path in (args.train_list, args.test_list):
        if not osp.isfile(path):
            sys.exit(f'error: file not found: {path}')
    cfg = load_config(args.config, args.cfg_options)
    torch.manual_seed(args.seed)
    backbone = MODELS.build(dict(cfg.model.backbone, out_type='avg', init_cfg=None))
    backbone.init_weights()
    if args.checkpoint:
        try:
            load_checkpoint(backbone, args.checkpoint, prefix='backbone.', may_differ=FINAL_NORMS)
        except CheckpointError as e:
            sys.exit(f'error: {e}')
    backbone.eval()
    train, train_labels = features(backbone, cfg, args.train_list, args.data_root)
    test, test_labels = features(backbone, cfg, args.test_list, args.data_root)
    top1 = probe_top1(train, train_labels, test, test_labels, args.k, args.seed)
    result = dict(
        config=osp.basename(args.config),
        checkpoint=args.checkpoint,
        train=len(train),
        test=len(test),
        dims=train.shape[1],
        **{
            name: round(value, 4)
            for name, value in top1.items()
        })
    print(json.dumps(result))


if __name__ == '__main__':
    main()
