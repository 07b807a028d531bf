# The demo's few-label fine-tuning on the sprite videos (tools/data/make_synthetic.py
# --sprites: 32 px, 8 frames, 4 directions): demo/demo.sh trains it on the
# first 64 training videos (16 per class; 4 steps an epoch) from the shipped
# pre-training checkpoint and from random initialisation with the same budget,
# and tests both on the 256 held-out videos. The official recipe's optimiser
# (AdamW, layer-wise lr decay 0.75, no decay on 1-D parameters), fp32 on CPU.
_base_ = ['./vit-tiny-p8_videomaev2-ft_16x2x1-30e_synthetic.py']
img_size, num_frames = 32, 8
data_root = 'data/demo/sprites'
model = dict(backbone=dict(img_size=img_size, num_frames=num_frames))
train_pipeline = [
    dict(type='DecordInit'),
    dict(type='SampleFrames', clip_len=num_frames, frame_interval=1, num_clips=1),
    dict(type='DecordDecode'),
    dict(type='Resize', scale=(img_size, img_size), keep_ratio=False),  # other videos
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs'),
]
test_pipeline = [
    dict(type='DecordInit'),
    dict(type='SampleFrames', clip_len=num_frames, frame_interval=1, num_clips=1,
         test_mode=True),
    dict(type='DecordDecode'),
    dict(type='Resize', scale=(img_size, img_size), keep_ratio=False),  # other videos
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs'),
]
train_dataloader = dict(
    batch_size=16,
    dataset=dict(ann_file=f'{data_root}/train.txt', data_prefix=dict(video=data_root),
                 pipeline=train_pipeline))
val_dataloader = dict(
    batch_size=16,
    dataset=dict(ann_file=f'{data_root}/val.txt', data_prefix=dict(video=data_root),
                 pipeline=test_pipeline))
test_dataloader = val_dataloader
max_epochs, warmup_epochs = 100, 5
optim_wrapper = dict(
    _delete_=True,
    type='OptimWrapper',
    optimizer=dict(type='AdamW', lr=1e-3, betas=(0.9, 0.999), weight_decay=0.05),
    constructor='LayerDecayOptimWrapperConstructor',
    paramwise_cfg=dict(layer_decay_rate=0.75))
param_scheduler = [
    dict(type='LinearLR', start_factor=0.01, by_epoch=True, begin=0,
         end=warmup_epochs, convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', eta_min=1e-6, by_epoch=True, begin=warmup_epochs,
         convert_to_iter_based=True),
]
train_cfg = dict(max_epochs=max_epochs, val_interval=max_epochs)
default_hooks = dict(logger=dict(interval=16), checkpoint=dict(interval=max_epochs))
