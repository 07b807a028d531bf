# A tiny VideoMAE V2 pre-training run on the synthetic demo data (CPU, minutes):
# ViT 128 wide x 4 blocks, patch 8, 16 frames at interval 2, 64 px, dual
# masking (tube 90% encoder, running cell 50% decoder), 2 repeats per video.
_base_ = [
    '../_base_/models/videomaev2_vit-base-p16_pretrain.py',
    '../_base_/schedules/videomaev2_pretrain_adamw.py',
    '../_base_/default_runtime.py',
]
img_size, patch_size, num_frames = 64, 8, 16

model = dict(
    backbone=dict(
        arch=dict(_delete_=True, embed_dims=128, num_layers=4, num_heads=4,
                  mlp_ratio=4.),
        img_size=img_size, num_frames=num_frames, patch_size=patch_size),
    neck=dict(in_channels=128, embed_dims=64, num_layers=2, num_heads=4,
              out_channels=3 * 2 * patch_size**2),
    head=dict(patch_size=patch_size))

data_root = 'data/demo/synthetic'
train_pipeline = [
    dict(type='DecordInit'),
    dict(type='SampleFrames', clip_len=num_frames, frame_interval=2, num_clips=1),
    dict(type='DecordDecode'),
    dict(type='MultiScaleCrop', input_size=img_size, scales=(1, .875, .75, .66),
         random_crop=False, max_wh_scale_gap=1),
    dict(type='Resize', scale=(img_size, img_size), keep_ratio=False),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='TubeMasking', mask_ratio=0.9, patch_size=patch_size, tubelet_size=2),
    dict(type='RunningCellMasking', mask_ratio=0.5, patch_size=patch_size, tubelet_size=2),
    dict(type='PackActionInputs', algorithm_keys=('encoder_mask', 'decoder_mask')),
]
train_dataloader = dict(
    batch_size=4,
    num_workers=0,
    persistent_workers=False,
    sampler=dict(type='SeededSampler', shuffle=True),
    collate_fn=dict(type='repeat_pseudo_collate'),
    dataset=dict(
        type='RepeatAugVideoDataset',
        ann_file=f'{data_root}/train.txt',
        data_prefix=dict(video=data_root),
        num_repeats=2,
        sample_once=True,
        pipeline=train_pipeline))

max_epochs, warmup_epochs, lr = 30, 3, 1e-3
optim_wrapper = dict(  # fp32 (the base's AMP needs a GPU)
    _delete_=True,
    type='OptimWrapper',
    optimizer=dict(type='AdamW', lr=lr, betas=(0.9, 0.95), weight_decay=0.05),
    paramwise_cfg=dict(norm_decay_mult=0.0, bias_decay_mult=0.0, flat_decay_mult=0.0,
                       custom_keys={'mask_token': dict(decay_mult=0.0)}),
    clip_grad=dict(max_norm=1.0))
auto_scale_lr = dict(enable=False)  # lr above is for this tiny batch
param_scheduler = [
    dict(type='LinearLR', start_factor=0.01, by_epoch=True, begin=0,
         end=warmup_epochs, convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=max_epochs - warmup_epochs, eta_min=1e-5,
         by_epoch=True, begin=warmup_epochs, end=max_epochs,
         convert_to_iter_based=True),
]
train_cfg = dict(max_epochs=max_epochs, val_interval=max_epochs + 1)
default_hooks = dict(logger=dict(interval=5), checkpoint=dict(interval=10))
randomness = dict(seed=0)
