# The demo pre-training at patch 16 on the larger, faster-moving synthetic set
# (see vit-tiny-p16_videomaev2-ft_...): token grid 8 x 4 x 4, dual masking as
# the p8 demo (tube 90% encoder, running cell 2x2 50% decoder; the token grid,
# 8 x 4 x 4, from the clip and the backbone's patch size).
_base_ = ['./vit-tiny-p8_videomaev2-pt_16x2x1-30e_synthetic.py']
img_size, patch_size, num_frames = 64, 16, 16
data_root = 'data/demo/motion'
model = dict(backbone=dict(patch_size=patch_size),
             neck=dict(out_channels=3 * 2 * patch_size**2),
             head=dict(patch_size=patch_size))
train_pipeline = [
    dict(type='DecordInit'),
    dict(type='SampleFrames', clip_len=num_frames, frame_interval=2, num_clips=1),
    dict(type='DecordDecode'),
    dict(type='MultiScaleCrop', input_size=img_size, scales=(1, .875, .75, .66),
         random_crop=False, max_wh_scale_gap=1),
    dict(type='Resize', scale=(img_size, img_size), keep_ratio=False),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='TubeMasking', mask_ratio=0.9),
    dict(type='RunningCellMasking', mask_ratio=0.5),
    dict(type='PackActionInputs', algorithm_keys=('encoder_mask', 'decoder_mask')),
]
train_dataloader = dict(
    batch_size=8,
    dataset=dict(ann_file=f'{data_root}/train.txt', data_prefix=dict(video=data_root),
                 pipeline=train_pipeline))
max_epochs, warmup_epochs = 8, 1
param_scheduler = [
    dict(type='LinearLR', start_factor=0.01, by_epoch=True, begin=0,
         end=warmup_epochs, convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=max_epochs - warmup_epochs, eta_min=1e-5,
         by_epoch=True, begin=warmup_epochs, end=max_epochs,
         convert_to_iter_based=True),
]
train_cfg = dict(max_epochs=max_epochs, val_interval=max_epochs + 1)
default_hooks = dict(logger=dict(interval=16), checkpoint=dict(interval=max_epochs))
