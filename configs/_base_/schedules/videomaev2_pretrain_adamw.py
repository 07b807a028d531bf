# Pre-training schedule of VideoMAE (V1/V2): AdamW (0.9, 0.95), weight decay
# 0.05 except 1-D parameters (biases, norms) and the mask token, linear warm-up
# then cosine to min_lr. As the reference, lr = base_lr * total_batch / 256 with
# total_batch = videos per GPU x GPUs (repeated samples not counted):
# auto_scale_lr does it (the minimum lr is a ratio, so it scales alike).
base_lr = 1.5e-4
warmup_epochs = 40
max_epochs = 800
min_lr = 1e-5  # reference --min_lr 1e-5 (warm-up from --warmup_lr 1e-6)

optim_wrapper = dict(
    type='OptimWrapper',
    # fused=True: one kernel for the whole update (CPU and GPU), ~10% of a
    # ViT-B step on CPU.
    optimizer=dict(type='AdamW', lr=base_lr, betas=(0.9, 0.95), weight_decay=0.05,
                   fused=True),
    paramwise_cfg=dict(
        norm_decay_mult=0.0,
        bias_decay_mult=0.0,
        flat_decay_mult=0.0,
        custom_keys={'mask_token': dict(decay_mult=0.0)}))

param_scheduler = [
    dict(type='LinearLR', start_factor=1e-6 / base_lr, by_epoch=True, begin=0,
         end=warmup_epochs, convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=max_epochs - warmup_epochs,
         eta_min_ratio=min_lr / base_lr, by_epoch=True, begin=warmup_epochs,
         end=max_epochs, convert_to_iter_based=True),
]

train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=max_epochs, val_interval=max_epochs + 1)
val_cfg = None
test_cfg = None
auto_scale_lr = dict(enable=True, base_batch_size=256)
