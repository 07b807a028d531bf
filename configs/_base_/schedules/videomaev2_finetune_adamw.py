# VideoMAE V2 fine-tuning schedule (run_class_finetuning.py under DeepSpeed,
# its argparse defaults; each config states what its script changes): AdamW
# (0.9, 0.999), eps 1e-8, weight decay 0.05 (none on 1-D parameters),
# layer-wise lr decay 0.75, per-iteration linear warm-up from 0 (MMEngine's
# LinearLR needs a factor > 0) for 5 epochs, then cosine to min_lr, fp16 with
# dynamic loss scaling from 2^7, grown every 128 good steps (DeepSpeed's
# initial_scale_power 7, loss_scale_window 128; a GPU: tools/train.py
# --no-amp for fp32, optim_wrapper.dtype=bfloat16 for bf16). lr = lr x total
# batch / 256 (auto_scale_lr; repeated samples not counted), min_lr alike
# (CosineToMinLR).
lr, min_lr, warmup_epochs = 1e-3, 1e-6, 5
optim_wrapper = dict(
    type='AmpOptimWrapper',
    loss_scale=dict(init_scale=2.**7, growth_interval=128),
    optimizer=dict(type='AdamW', lr=lr, betas=(0.9, 0.999), eps=1e-8,
                   weight_decay=0.05, fused=True),
    constructor='LayerDecayOptimWrapperConstructor',
    paramwise_cfg=dict(layer_decay_rate=0.75))
# the cosine runs to the end of training (MMEngine's default `end`: max_epochs)
param_scheduler = [
    dict(type='LinearLR', start_factor=1e-8, by_epoch=True, begin=0,
         end=warmup_epochs, convert_to_iter_based=True),
    dict(type='CosineToMinLR', min_lr=min_lr, by_epoch=True, begin=warmup_epochs,
         convert_to_iter_based=True),
]
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=30, val_interval=5)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
auto_scale_lr = dict(enable=True, base_batch_size=256)
