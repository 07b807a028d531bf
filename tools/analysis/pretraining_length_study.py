"""How long must the demo's tiny VideoMAE V2 pre-train before its features see motion?

    python tools/analysis/pretraining_length_study.py [--steps 24000] [--lr 3e-3]
        [--tube-ratio 0.75] [--decoder-layers 2] [--eval-every 4000]
        [--finetune 64:30,128:30] [--seed 0] [--threads N]
        [--save STATE.pth]

Everything in memory (no video files, exact pixels): the sprite clips of
``tools/data/make_synthetic.py --sprites`` (3 flat-coloured discs or squares
that move together right / left / down / up, the class, over a flat background
and wrap around); 32 px, 8 frames. The demo's model (ViT 128 wide x 4 blocks,
decoder 64 wide x ``--decoder-layers`` blocks, normalised-pixel target) at patch
8 (4 x 4 x 4 tokens) pre-trains on 1024 unlabelled clips with dual masking (tube
``--tube-ratio``, running cell 50 %), batches of 16, AdamW (betas 0.9 / 0.95,
weight decay 0.05), 50 warm-up steps then cosine decay. Every ``--eval-every``
steps, and at the end for the pre-trained and the randomly initialised backbone,
it probes the pooled features (mean of the normed tokens): k-NN (k 20, cosine)
and a linear probe on standardised features, 128 labelled -> 256 held-out clips.
Then it fine-tunes both backbones with the same budget on the first N labelled
clips (``--finetune N:EPOCHS,...``; AdamW 5e-4, batches of 16) and tests them on
the held-out clips. Prints one JSON object per line; docs/demo.md has the
figures.
"""
import argparse
import json
import math
import os.path as osp
import sys

sys.path.insert(0, osp.dirname(osp.dirname(osp.abspath(__file__))))
from _env import require_plugin  # noqa: E402

require_plugin()
from vmae2_mmaction.testing.synthetic import sprite_clip  # noqa: E402

SIZE, FRAMES, PATCH, WIDTH = 32, 8, 8, 128
NUM_CLASSES = 4  # sprite_clip's directions: right, left, down, up


def sprite_set(count: int, rng):
    """[count, FRAMES, SIZE, SIZE, 3] uint8 clips and [count] balanced labels."""
    import numpy as np
    labels = np.arange(count) % NUM_CLASSES
    rng.shuffle(labels)
    return np.stack([sprite_clip(label, rng, FRAMES, SIZE) for label in labels]), labels


def to_input(clips):
    """uint8 [B, T, H, W, 3] -> normalised float [B, 3, T, H, W]."""
    import torch
    mean = torch.tensor([123.675, 116.28, 103.53]).view(1, 3, 1, 1, 1)
    std = torch.tensor([58.395, 57.12, 57.375]).view(1, 3, 1, 1, 1)
    return (torch.from_numpy(clips).permute(0, 4, 1, 2, 3).float() - mean) / std


BACKBONE = dict(
    type='VideoMAEv2ViT',
    arch=dict(embed_dims=WIDTH, num_layers=4, num_heads=4, mlp_ratio=4.),
    img_size=SIZE,
    num_frames=FRAMES,
    patch_size=PATCH,
    out_type='tokens')


def warmup_cosine(base_lr: float, step: int, total: int, warmup: int) -> float:
    return base_lr * min(1, (step + 1) / warmup) * 0.5 * (1 + math.cos(math.pi * step / total))


def pooled_features(backbone, clips):
    """[N, WIDTH]: the mean of the backbone's normed tokens, eval mode."""
    import torch
    backbone.eval()
    with torch.no_grad():
        return torch.cat(
            [backbone(to_input(clips[i:i + 64])).mean(1) for i in range(0, len(clips), 64)])


def probe(backbone, labelled, held_out) -> dict:
    """tools/analysis/probe.py's probes (``vmae2_mmaction.apis.probes``)."""
    from vmae2_mmaction.apis.probes import probe_top1
    train, test = pooled_features(backbone, labelled[0]), pooled_features(backbone, held_out[0])
    top1 = probe_top1(train, labelled[1], test, held_out[1])
    return {name: round(value, 4) for name, value in top1.items()}


def finetune(state, labelled, held_out, num_labels: int, epochs: int, seed: int) -> float:
    """Top-1 on ``held_out`` after fine-tuning ``state`` on ``num_labels`` clips."""
    import numpy as np
    import torch
    import torch.nn.functional as F
    from mmaction.registry import MODELS
    torch.manual_seed(seed)
    backbone = MODELS.build(BACKBONE)
    backbone.load_state_dict(state)
    head, norm = torch.nn.Linear(WIDTH, NUM_CLASSES), torch.nn.LayerNorm(WIDTH)
    params = [*backbone.parameters(), *head.parameters(), *norm.parameters()]
    lr = 5e-4
    optimizer = torch.optim.AdamW(params, lr=lr, weight_decay=0.05)
    batch, order_rng = 16, np.random.RandomState(seed)
    total, step = epochs * (num_labels // batch), 0
    for _ in range(epochs):
        order = order_rng.permutation(num_labels)
        backbone.train()
        for i in range(0, num_labels - batch + 1, batch):
            index = order[i:i + batch]
            for group in optimizer.param_groups:
                group['lr'] = warmup_cosine(lr, step, total, warmup=40)
            logits = head(norm(backbone(to_input(labelled[0][index])).mean(1)))
            loss = F.cross_entropy(
                logits, torch.from_numpy(labelled[1][index]), label_smoothing=0.1)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            step += 1
    features = pooled_features(backbone, held_out[0])
    with torch.no_grad():
        return float((head(norm(features)).argmax(1).numpy() == held_out[1]).mean())


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--steps', type=int, default=24000)
    parser.add_argument('--lr', type=float, default=3e-3)
    parser.add_argument('--tube-ratio', type=float, default=0.75, help='encoder mask ratio')
    parser.add_argument('--decoder-layers', type=int, default=2)
    parser.add_argument('--eval-every', type=int, default=4000)
    parser.add_argument('--finetune', default='64:30,128:30', help='N:EPOCHS,... ("" for none)')
    parser.add_argument('--unlabelled', type=int, default=1024)
    parser.add_argument('--seed', type=int, default=0)
    parser.add_argument('--threads', type=int, default=None, help='torch CPU threads')
    parser.add_argument('--save', default='', help='save both backbones\' states here')
    args = parser.parse_args()
    require_plugin()
    import numpy as np
    import torch
    from mmaction.registry import MODELS

    from vmae2_mmaction.masking import TokenMasks, running_cell_maps, tube_mask
    if args.threads:
        torch.set_num_threads(args.threads)
    rng = np.random.RandomState(args.seed)
    unlabelled = sprite_set(args.unlabelled, rng)[0]
    labelled, held_out = sprite_set(128, rng), sprite_set(256, rng)
    torch.manual_seed(args.seed)  # init_weights keeps the patch embedding's construction init
    model = MODELS.build(
        dict(
            type='VideoMAEv2',
            backbone=BACKBONE,
            neck=dict(
                type='VideoMAEv2Decoder',
                in_channels=WIDTH,
                embed_dims=64,
                num_layers=args.decoder_layers,
                num_heads=4,
                out_channels=3 * 2 * PATCH**2),
            head=dict(
                type='PixelReconstructionHead',
                patch_size=PATCH,
                tubelet_size=2,
                norm_pix=True,
                loss=dict(type='PixelReconstructionLoss'))))
    model.init_weights()
    random_state = {k: v.clone() for k, v in model.backbone.state_dict().items()}
    grid = (FRAMES // 2, SIZE // PATCH, SIZE // PATCH)
    cells = torch.from_numpy(running_cell_maps(grid, 0.5).reshape(4, -1))
    optimizer = torch.optim.AdamW(
        model.parameters(), lr=args.lr, betas=(0.9, 0.95), weight_decay=0.05)

    def report(**fields):
        print(json.dumps(fields), flush=True)

    losses = []
    for step in range(args.steps):
        index = rng.randint(0, len(unlabelled), 16)
        video = to_input(unlabelled[index])
        encoder_mask = torch.from_numpy(
            np.stack([tube_mask(grid, args.tube_ratio, rng) for _ in index]))
        masks = TokenMasks.from_masks(encoder_mask, cells[rng.randint(4, size=len(index))])
        for group in optimizer.param_groups:
            group['lr'] = warmup_cosine(args.lr, step, args.steps, warmup=50)
        loss = model.head.loss(model._forward(video, masks), video, masks)['loss']
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
        if args.eval_every and step and step % args.eval_every == 0:
            report(step=step, **probe(model.backbone, labelled, held_out))
            model.train()
        if step % 100 == 0 or step == args.steps - 1:
            report(step=step, loss=round(float(np.mean(losses[-50:])), 4))
    states = dict(pretrained=model.backbone.state_dict(), random=random_state)
    if args.save:
        torch.save(states, args.save)
    for init, state in states.items():
        backbone = MODELS.build(BACKBONE)
        backbone.load_state_dict(state)
        report(init=init, **probe(backbone, labelled, held_out))
        for item in filter(None, args.finetune.split(',')):
            num_labels, epochs = map(int, item.split(':'))
            top1 = finetune(state, labelled, held_out, num_labels, epochs, args.seed)
            report(init=init, labels=num_labels, epochs=epochs, finetune_top1=round(top1, 4))


if __name__ == '__main__':
    main()
