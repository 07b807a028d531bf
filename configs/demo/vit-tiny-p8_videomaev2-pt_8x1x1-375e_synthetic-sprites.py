# The demo's long pre-training (the shipped checkpoint, see docs/demo.md): the
# tiny VideoMAE V2 (ViT 128 wide x 4 blocks, decoder 64 x 2) at patch 8 on the
# 1024 unlabelled sprite videos (tools/data/make_synthetic.py --sprites: 32 px,
# 8 frames, lossless), token grid 4 x 4 x 4, dual masking (tube 75% encoder,
# running cell 2x2 50% decoder), normalised-pixel target, batches of 16,
# AdamW 1e-3, one warm-up epoch then cosine to 0 over 375 epochs (24,000 steps).
_base_ = ['./vit-tiny-p8_videomaev2-pt_16x2x1-30e_synthetic.py']
img_size, patch_size, num_frames = 32, 8, 8
data_root = 'data/demo/sprites'
model = dict(backbone=dict(img_size=img_size, num_frames=num_frames))
train_pipeline = [
    dict(type='DecordInit'),
    dict(type='SampleFrames', clip_len=num_frames, frame_interval=1, num_clips=1),
    dict(type='DecordDecode'),
    dict(type='Resize', scale=(img_size, img_size), keep_ratio=False),  # other videos
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='TubeMasking', mask_ratio=0.75, patch_size=patch_size, tubelet_size=2),
    dict(type='RunningCellMasking', mask_ratio=0.5, patch_size=patch_size, tubelet_size=2),
    dict(type='PackActionInputs', algorithm_keys=('encoder_mask', 'decoder_mask')),
]
train_dataloader = dict(
    _delete_=True,
    batch_size=16,
    num_workers=1,  # decoding beside the training step: 2 CPU cores busy
    persistent_workers=True,
    sampler=dict(type='SeededSampler', shuffle=True),
    dataset=dict(
        type='SeededVideoDataset',
        ann_file=f'{data_root}/train.txt',
        data_prefix=dict(video=data_root),
        pipeline=train_pipeline))
max_epochs, warmup_epochs, lr = 375, 1, 1e-3
optim_wrapper = dict(optimizer=dict(lr=lr), clip_grad=None)
param_scheduler = [
    dict(type='LinearLR', start_factor=0.02, by_epoch=True, begin=0,
         end=warmup_epochs, convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=max_epochs - warmup_epochs, eta_min=0.,
         by_epoch=True, begin=warmup_epochs, end=max_epochs,
         convert_to_iter_based=True),
]
train_cfg = dict(max_epochs=max_epochs, val_interval=max_epochs + 1)
default_hooks = dict(logger=dict(interval=64),
                     checkpoint=dict(interval=25, max_keep_ckpts=2))
