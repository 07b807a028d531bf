# The demo fine-tuning at patch 16 on the larger, faster-moving synthetic set
# (tools/demo.sh writes it: 1024 train videos, small shapes travelling 60-80%
# of the frame). Patch 16 gives 128 tokens per clip, 4x fewer than patch 8,
# so the CPU budget covers enough steps for the tiny ViT to learn motion.
# Start from the p16 demo pre-training with
#   --cfg-options load_from=work_dirs/<pretrain run>/epoch_N.pth
_base_ = ['./vit-tiny-p8_videomaev2-ft_16x2x1-30e_synthetic.py']
data_root = 'data/demo/motion'
model = dict(backbone=dict(patch_size=16))
train_dataloader = dict(
    batch_size=16,
    dataset=dict(ann_file=f'{data_root}/train.txt', data_prefix=dict(video=data_root)))
val_dataloader = dict(
    batch_size=16,
    dataset=dict(ann_file=f'{data_root}/val.txt', data_prefix=dict(video=data_root)))
test_dataloader = val_dataloader
max_epochs, warmup_epochs = 24, 3
param_scheduler = [
    dict(type='LinearLR', start_factor=0.01, by_epoch=True, begin=0,
         end=warmup_epochs, convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=max_epochs - warmup_epochs, eta_min=1e-6,
         by_epoch=True, begin=warmup_epochs, end=max_epochs,
         convert_to_iter_based=True),
]
train_cfg = dict(max_epochs=max_epochs, val_interval=max_epochs)
default_hooks = dict(logger=dict(interval=16), checkpoint=dict(interval=max_epochs))
