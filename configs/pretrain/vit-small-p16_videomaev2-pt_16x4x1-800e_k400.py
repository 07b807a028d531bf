_base_ = [
    '../_base_/models/videomaev2_vit-small-p16_pretrain.py',
    '../_base_/datasets/k400_videomaev2-pt_p16.py',
    '../_base_/schedules/videomaev2_pretrain_adamw.py',
    '../_base_/default_runtime.py',
]
# 800 epochs, 40 warm-up; base lr 0.00015 at a total batch of 256 videos
# (auto-scaled to the real total batch, repeats not counted, as the reference).
max_epochs, warmup_epochs, base_lr = 800, 40, 0.00015
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
