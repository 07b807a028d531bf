# VideoMAE V2 pre-training schedule (run_mae_pretraining.py; values of
# scripts/pretrain/vit_b_hybrid_pt.sh, the other sizes override them): AdamW
# (0.9, 0.95), weight decay 0.05 (none on 1-D parameters and the mask token),
# per-iteration linear warm-up from 0 (MMEngine's LinearLR needs a factor > 0)
# then cosine to min_lr, fp16 AMP with dynamic loss scaling as the official
# runs (a GPU; tools/train.py --no-amp for fp32, optim_wrapper.dtype=bfloat16
# for bf16). lr = lr x total batch / 256 with total batch = videos per GPU x
# GPUs, repeated samples not counted (auto_scale_lr; CosineToMinLR scales the
# minimum alike). Epochs count passes over the videos (each gives num_repeats
# clips), as the official --epochs.
lr, min_lr, warmup_epochs = 1e-3, 1e-5, 20
optim_wrapper = dict(
    type='AmpOptimWrapper',
    loss_scale='dynamic',
    # fused=True: one kernel for the whole update (~10% of a ViT-B step on CPU)
    optimizer=dict(type='AdamW', lr=lr, betas=(0.9, 0.95), weight_decay=0.05,
                   fused=True),
    paramwise_cfg=dict(norm_decay_mult=0.0, bias_decay_mult=0.0, flat_decay_mult=0.0,
                       custom_keys={'mask_token': dict(decay_mult=0.0)}))
# the cosine runs to the end of training (MMEngine's default `end`: max_epochs)
param_scheduler = [
    dict(type='LinearLR', start_factor=1e-8, by_epoch=True, begin=0,
         end=warmup_epochs, convert_to_iter_based=True),
    dict(type='CosineToMinLR', min_lr=min_lr, by_epoch=True, begin=warmup_epochs,
         convert_to_iter_based=True),
]
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=200)
val_cfg = None
test_cfg = None
auto_scale_lr = dict(enable=True, base_batch_size=256)
