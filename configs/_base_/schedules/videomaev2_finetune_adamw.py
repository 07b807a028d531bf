# Fine-tuning schedule of VideoMAE (V1/V2): AdamW (0.9, 0.999), weight decay
# 0.05 (none on 1-D parameters), layer-wise lr decay, linear warm-up then cosine
# to min lr 1e-6, AMP (fp16 with dynamic loss scaling), lr = base lr x total
# batch / 256 (auto_scale_lr; repeated samples not counted).
base_lr = 1e-3
warmup_epochs = 5
max_epochs = 90
optim_wrapper = dict(
    type='AmpOptimWrapper',
    loss_scale='dynamic',
    optimizer=dict(type='AdamW', lr=base_lr, betas=(0.9, 0.999), weight_decay=0.05,
                   fused=True),
    constructor='LayerDecayOptimWrapperConstructor',
    paramwise_cfg=dict(layer_decay_rate=0.75))
param_scheduler = [
    dict(type='LinearLR', start_factor=1e-6 / base_lr, by_epoch=True, begin=0,
         end=warmup_epochs, convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=max_epochs - warmup_epochs,
         eta_min_ratio=1e-6 / base_lr, by_epoch=True, begin=warmup_epochs,
         end=max_epochs, convert_to_iter_based=True),
]
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=max_epochs, val_interval=5)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
auto_scale_lr = dict(enable=True, base_batch_size=256)
