# The pre-training schedule of scripts/pretrain/vit_g_hybrid_pt.sh: lr 6e-4,
# gradient clipping 0.02, 300 epochs, 30 of warm-up (the rest as videomaev2_pretrain_adamw.py).
_base_ = ['./videomaev2_pretrain_adamw_300e.py']
lr = 6e-4
optim_wrapper = dict(optimizer=dict(lr=lr), clip_grad=dict(max_norm=0.02))
param_scheduler = [
    dict(type='LinearLR', start_factor=1e-8, by_epoch=True, begin=0,
         end=_base_.warmup_epochs, convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', eta_min_ratio=_base_.min_lr / lr, by_epoch=True,
         begin=_base_.warmup_epochs, convert_to_iter_based=True),
]
