"""Check the plugin against a golden fixture of the reference implementation.

    python tools/check_golden.py FIXTURE.pt [--atol 1e-5]

Builds the plugin model that corresponds to the fixture (``kind`` 'pretrain'
or 'finetune', any size; see tests/data/golden/README.md), converts the
reference weights with ``vmae2_mmaction.checkpoint``, runs the fixture's
inputs and masks, prints the max absolute error of every compared tensor and
ends with PASS or FAIL (exit 1 on FAIL).
"""
import argparse
import sys

from vmae2_mmaction.cli import exits_on_errors, init_scope


def run_pretrain(model, fx):
    from vmae2_mmaction.masking import TokenMasks
    video = fx['video'].float()
    enc, dec = fx['encoder_mask'], fx['decoder_mask']
    masks = TokenMasks.from_masks(enc, dec)
    x_vis = model.backbone(video, enc)  # the bool mask, as a user passes it
    pred = model.neck(x_vis, masks)
    target = model.head.target(video)
    loss = model.head.loss(pred, video, masks)['loss']
    return dict(encoder_output=x_vis, decoder_output=pred, target=target, loss=loss)


def run_finetune(model, fx):
    features = model.backbone(fx['video'].float())
    return dict(features=features, logits=model.cls_head(features))


@exits_on_errors
def main():
    parser = argparse.ArgumentParser(description='check against a golden fixture')
    parser.add_argument('fixture')
    parser.add_argument('--atol', type=float, default=1e-5)
    args = parser.parse_args()
    init_scope()
    import torch
    from mmaction.registry import MODELS

    from vmae2_mmaction.apis import official_finetune_model_cfg, official_pretrain_model_cfg
    from vmae2_mmaction.checkpoint import compare_keys, describe_mismatch, to_plugin
    fx = torch.load(args.fixture, map_location='cpu', weights_only=True)
    kind = fx.get('kind')
    builders = dict(
        pretrain=(official_pretrain_model_cfg, run_pretrain),
        finetune=(official_finetune_model_cfg, run_finetune))
    if kind not in builders:
        sys.exit(f'error: {args.fixture}: unknown fixture kind {kind!r}')
    make_cfg, run = builders[kind]
    model = MODELS.build(make_cfg(fx['kwargs'], fx.get('layer_norm_eps', 1e-6)))
    state_dict, fmt, dropped = to_plugin(fx['state_dict'])
    state_dict = {k: v.float() for k, v in state_dict.items()}
    report = compare_keys(state_dict, model.state_dict())
    if any(report.values()):
        print(describe_mismatch(report))
        print('FAIL')
        sys.exit(1)
    model.load_state_dict(state_dict)
    model.eval()
    print(f'{args.fixture}: {kind}, weights converted from {fmt}')
    with torch.no_grad():
        outputs = run(model, fx)
    ok = True
    for name, value in outputs.items():
        expected = fx[name].float()
        if value.shape != expected.shape:
            print(f'{name}: shape {tuple(value.shape)} != {tuple(expected.shape)}')
            ok = False
            continue
        err = (value.float() - expected).abs().max().item()
        tol = args.atol
        if name == 'loss':  # the README's tolerance for the loss: 1e-6 relative
            tol = min(tol, 1e-6 * abs(expected.item()))
        ok &= err <= tol
        print(f'{name:16s} {tuple(value.shape)!s:20s} max_abs_err={err:.3e} '
              f'{"ok" if err <= tol else "FAIL"}')
    print('PASS' if ok else 'FAIL')
    sys.exit(0 if ok else 1)


if __name__ == '__main__':
    main()
