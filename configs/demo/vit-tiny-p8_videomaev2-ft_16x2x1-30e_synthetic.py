# Fine-tuning the tiny demo ViT on the synthetic classes (CPU, minutes).
# Start from the demo pre-training checkpoint with
#   --cfg-options model.backbone.init_cfg.type=VideoMAEv2Pretrained
#   model.backbone.init_cfg.checkpoint=work_dirs/<pretrain run>/epoch_30.pth
# (the decoder and the pre-training `norm` are left out; `fc_norm` and the
# head start fresh), or from scratch for comparison.
# No flip anywhere: left/right motion is what the classes are about.
_base_ = ['../_base_/default_runtime.py']
img_size, patch_size, num_frames, num_classes = 64, 8, 16, 4

model = dict(
    type='VideoMAEv2Recognizer',
    backbone=dict(
        type='VideoMAEv2ViT',
        arch=dict(embed_dims=128, num_layers=4, num_heads=4, mlp_ratio=4.),
        img_size=img_size, num_frames=num_frames, patch_size=patch_size,
        out_type='avg', drop_path_rate=0.1),
    cls_head=dict(type='TimeSformerHead', num_classes=num_classes,
                  in_channels=128, dropout_ratio=0.0, average_clips='prob'),
    data_preprocessor=dict(
        type='ActionDataPreprocessor',
        mean=[123.675, 116.28, 103.53],
        std=[58.395, 57.12, 57.375],
        format_shape='NCTHW'))

data_root = 'data/demo/synthetic'
train_pipeline = [
    dict(type='DecordInit'),
    dict(type='SampleFrames', clip_len=num_frames, frame_interval=2, num_clips=1),
    dict(type='DecordDecode'),
    dict(type='RandomResizedCrop', area_range=(0.6, 1.0)),
    dict(type='Resize', scale=(img_size, img_size), keep_ratio=False),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs'),
]
test_pipeline = [
    dict(type='DecordInit'),
    dict(type='SampleFrames', clip_len=num_frames, frame_interval=2, num_clips=2,
         test_mode=True),
    dict(type='DecordDecode'),
    dict(type='Resize', scale=(-1, img_size)),
    dict(type='CenterCrop', crop_size=img_size),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs'),
]
train_dataloader = dict(
    batch_size=8, num_workers=0, persistent_workers=False,
    sampler=dict(type='SeededSampler', shuffle=True),
    dataset=dict(type='SeededVideoDataset', ann_file=f'{data_root}/train.txt',
                 data_prefix=dict(video=data_root), pipeline=train_pipeline))
val_dataloader = dict(
    batch_size=8, num_workers=0, persistent_workers=False,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(type='SeededVideoDataset', ann_file=f'{data_root}/val.txt',
                 data_prefix=dict(video=data_root), pipeline=test_pipeline,
                 test_mode=True))
test_dataloader = val_dataloader
val_evaluator = dict(type='AccMetric')
test_evaluator = val_evaluator

max_epochs, warmup_epochs = 30, 3
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=max_epochs, val_interval=10)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
optim_wrapper = dict(
    optimizer=dict(type='AdamW', lr=1e-3, betas=(0.9, 0.999), weight_decay=0.05),
    paramwise_cfg=dict(norm_decay_mult=0.0, bias_decay_mult=0.0, flat_decay_mult=0.0),
    clip_grad=dict(max_norm=5.0))
param_scheduler = [
    dict(type='LinearLR', start_factor=0.01, by_epoch=True, begin=0,
         end=warmup_epochs, convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=max_epochs - warmup_epochs, eta_min=1e-6,
         by_epoch=True, begin=warmup_epochs, end=max_epochs,
         convert_to_iter_based=True),
]
default_hooks = dict(logger=dict(interval=4), checkpoint=dict(interval=10, save_best='auto'))
randomness = dict(seed=0)
