# The pre-training schedule of scripts/pretrain/vit_{l,h}_hybrid_pt.sh: 300
# epochs, 30 of warm-up (the rest as videomaev2_pretrain_adamw.py).
_base_ = ['./videomaev2_pretrain_adamw.py']
warmup_epochs = 30
param_scheduler = [
    dict(type='LinearLR', start_factor=1e-8, by_epoch=True, begin=0,
         end=warmup_epochs, convert_to_iter_based=True),
    dict(type='CosineToMinLR', min_lr=_base_.min_lr, by_epoch=True, begin=warmup_epochs,
         convert_to_iter_based=True),
]
train_cfg = dict(max_epochs=300)
