# A small ActionFormer on the synthetic localization features
# (tools/data/make_synthetic_localization.py data/demo/localization); CPU, minutes.
_base_ = ['../_base_/default_runtime.py', '../_base_/models/actionformer.py',
          '../_base_/datasets/thumos14_features.py',
          '../_base_/schedules/actionformer_adamw.py']
data_root = 'data/demo/localization'
ann_file = f'{data_root}/annotations.json'
feat_dir = f'{data_root}/features'
model = dict(
    backbone=dict(in_channels=32, embed_dims=64, num_heads=4, window_size=9, drop_path_rate=0.0),
    neck=dict(in_channels=64),
    cls_head=dict(in_channels=64, out_channels=4, feat_channels=64),
    reg_head=dict(in_channels=64, feat_channels=64),
    max_seq_len=256)
train_pipeline = [
    dict(type='LoadTemporalFeatures'),
    dict(type='RandomTemporalTruncate', max_seq_len=256, trunc_thresh=0.5,
         crop_ratio=(0.9, 1.0)),
    {{_base_.pack}},
]
dataset = dict(ann_file=ann_file, data_prefix=dict(feats=feat_dir), metainfo=dict(classes=None))
train_dataloader = dict(batch_size=4, num_workers=0, persistent_workers=False,
                        dataset=dict(pipeline=train_pipeline, **dataset))
val_dataloader = dict(batch_size=8, num_workers=0, persistent_workers=False,
                      dataset=dict(**dataset))
test_dataloader = val_dataloader

base_lr, max_epochs, warmup_epochs = 1e-3, 20, 2
optim_wrapper = dict(optimizer=dict(lr=base_lr))
param_scheduler = [
    dict(type='LinearLR', start_factor=1e-3, by_epoch=True, begin=0, end=warmup_epochs,
         convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=max_epochs - warmup_epochs, eta_min=1e-8,
         by_epoch=True, begin=warmup_epochs, end=max_epochs, convert_to_iter_based=True),
]
custom_hooks = [dict(type='EMAHook', ema_type='ExponentialMovingAverage',
                     momentum=0.01, update_buffers=True)]
train_cfg = dict(max_epochs=max_epochs, val_interval=max_epochs)
default_hooks = dict(logger=dict(interval=4), checkpoint=dict(interval=max_epochs))
randomness = dict(seed=0)
