_base_ = [
    '../_base_/models/videomaev2_vit-giant-p14_pretrain.py',
    '../_base_/datasets/hybrid_videomaev2-pt_p14.py',
    '../_base_/schedules/videomaev2_pretrain_adamw.py',
    '../_base_/default_runtime.py',
]
# 1200 epochs, 30 warm-up; base lr 0.0006 at a total batch of 256 videos
# (auto-scaled to the real total batch, repeats not counted, as the reference).
max_epochs, warmup_epochs, base_lr = 1200, 30, 0.0006
optim_wrapper = dict(optimizer=dict(lr=base_lr))
param_scheduler = [
    dict(type='LinearLR', start_factor=1e-6 / base_lr, by_epoch=True, begin=0,
         end=warmup_epochs, convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=max_epochs - warmup_epochs,
         eta_min_ratio=1e-5 / base_lr, by_epoch=True, begin=warmup_epochs,
         end=max_epochs, convert_to_iter_based=True),
]
train_cfg = dict(max_epochs=max_epochs, val_interval=max_epochs + 1)
default_hooks = dict(checkpoint=dict(interval=20))
# official vit_g_hybrid_pt.sh: lr 6e-4 (x total batch / 256), gradient clipping
# 0.02, drop path 0.25 (the reference's encoder only), gradient checkpointing.
optim_wrapper = dict(clip_grad=dict(max_norm=0.02))
model = dict(backbone=dict(drop_path_rate=0.25, with_cp=True))
