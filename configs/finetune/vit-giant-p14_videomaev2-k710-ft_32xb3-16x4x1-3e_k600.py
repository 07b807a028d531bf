# ViT-g/14 fine-tuned on Kinetics-600 from the K710 fine-tuned ViT-g:
# scripts/finetune/vit_g_k710_it_k600_ft.sh (32 GPUs x 3 videos x 2 repeated samples; lr
# 1e-5 x 96 / 256). Reproduces the official vit_g_hybrid_pt_1200e_k710_it_k600_ft
# (docs/model_zoo.md).
_base_ = [
    '../_base_/models/videomaev2_vit-giant-p14_recognizer.py',
    '../_base_/datasets/k600_videomaev2-ft.py',
    '../_base_/schedules/videomaev2_finetune_adamw.py',
    '../_base_/default_runtime.py',
]
# initialisation: the official file (docs/model_zoo.md) or a plugin checkpoint
pretrained = 'checkpoints/vit_g_hybrid_pt_1200e_k710_ft.pth'
lr = 1e-5
model = dict(
    backbone=dict(
        drop_path_rate=0.25,
        init_cfg=dict(type='VideoMAEv2Pretrained', checkpoint=pretrained)),
    # the K710 head, its rows in this dataset's class order (the official
    # script slices it with misc/label_710to600.json)
    cls_head=dict(
        num_classes=600,
        init_cfg=dict(
            type='VideoMAEv2Pretrained', checkpoint=pretrained, prefix='cls_head.',
            index_map='tools/data/kinetics/label_710to600.json')))
optim_wrapper = dict(
    optimizer=dict(lr=lr, weight_decay=0.1),
    paramwise_cfg=dict(layer_decay_rate=0.9))
warmup_epochs = 1
param_scheduler = [
    dict(type='LinearLR', start_factor=1e-8, by_epoch=True, begin=0,
         end=warmup_epochs, convert_to_iter_based=True),
    dict(type='CosineToMinLR', min_lr=_base_.min_lr, by_epoch=True,
         begin=warmup_epochs, convert_to_iter_based=True),
]
train_cfg = dict(max_epochs=3, val_interval=1)
train_dataloader = dict(batch_size=3)
