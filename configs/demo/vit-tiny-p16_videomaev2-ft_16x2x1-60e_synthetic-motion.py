# The demo's few-label fine-tuning at patch 16 on the synthetic motion set
# (tools/demo.sh writes it: small shapes travelling 60-80% of the frame):
# tools/demo.sh trains it on the first 128 training videos
# (train_dataloader.dataset.ann_file=.../train_labelled.txt, 8 steps an epoch)
# from the demo pre-training (load_from=work_dirs/demo/pretrain/epoch_8.pth) and
# from random initialisation, with the same budget, and tests on the held-out videos.
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
max_epochs, warmup_epochs = 60, 5
param_scheduler = [
    dict(type='LinearLR', start_factor=0.01, by_epoch=True, begin=0,
         end=warmup_epochs, convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', eta_min=1e-6, by_epoch=True, begin=warmup_epochs,
         convert_to_iter_based=True),
]
train_cfg = dict(max_epochs=max_epochs, val_interval=max_epochs)
default_hooks = dict(logger=dict(interval=16), checkpoint=dict(interval=max_epochs))
