# AVA fine-tuning of a ViT detector (MMAction2's VideoMAE AVA schedule): AdamW
# (0.9, 0.999), weight decay 0.05, layer-wise lr decay through the plugin's
# constructor (inside FastRCNN: the RoI head gets the full lr), linear warm-up
# (from 0.1) for 5 epochs then cosine for 15, gradient clipping 40,
# lr = base lr x total batch / 64.
base_lr = 1.25e-4
max_epochs, warmup_epochs = 20, 5
optim_wrapper = dict(
    optimizer=dict(type='AdamW', lr=base_lr, betas=(0.9, 0.999), weight_decay=0.05),
    constructor='LayerDecayOptimWrapperConstructor',
    paramwise_cfg=dict(layer_decay_rate=0.75),
    clip_grad=dict(max_norm=40, norm_type=2))
param_scheduler = [
    dict(type='LinearLR', start_factor=0.1, by_epoch=True, begin=0, end=warmup_epochs,
         convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=max_epochs - warmup_epochs, eta_min=0,
         by_epoch=True, begin=warmup_epochs, end=max_epochs, convert_to_iter_based=True),
]
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=max_epochs, val_begin=1,
                 val_interval=1)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
auto_scale_lr = dict(enable=True, base_batch_size=64)
