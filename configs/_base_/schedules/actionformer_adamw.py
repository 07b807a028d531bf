# ActionFormer's schedule: AdamW lr 1e-4, weight decay 0.05 on conv / linear
# weights only (not on biases, LayerNorms or the learnable scales), linear
# warm-up then cosine (per iteration), gradient clipping 1.0, model EMA 0.999.
base_lr = 1e-4
warmup_epochs = 5
max_epochs = 35  # warm-up + 30 cosine epochs
optim_wrapper = dict(
    optimizer=dict(type='AdamW', lr=base_lr, betas=(0.9, 0.999), weight_decay=0.05),
    paramwise_cfg=dict(norm_decay_mult=0.0, bias_decay_mult=0.0,
                       custom_keys={'scale': dict(decay_mult=0.0)}),
    clip_grad=dict(max_norm=1.0))
param_scheduler = [
    dict(type='LinearLR', start_factor=1e-3, by_epoch=True, begin=0,
         end=warmup_epochs, convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=max_epochs - warmup_epochs, eta_min=1e-8,
         by_epoch=True, begin=warmup_epochs, end=max_epochs, convert_to_iter_based=True),
]
custom_hooks = [dict(type='EMAHook', ema_type='ExponentialMovingAverage',
                     momentum=0.001, update_buffers=True)]
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=max_epochs, val_interval=5)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
