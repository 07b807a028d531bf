_base_ = [
    '../_base_/models/videomaev2_vit-base-p16_recognizer.py',
    '../_base_/datasets/k710_videomaev2-ft.py',
    '../_base_/schedules/videomaev2_finetune_adamw.py',
    '../_base_/default_runtime.py',
]
# ViT-H/16 from hybrid pre-training, fine-tuned on k710: 40 epochs,
# base lr 0.001 (x total batch / 256), layer decay 0.8, drop path 0.2, head dropout 0.0.
# Initialisation: a plugin, official or MMAction2 checkpoint (VideoMAEv2Pretrained
# converts the keys); set `pretrained` or pass
# --cfg-options model.backbone.init_cfg.checkpoint=PATH.
pretrained = 'work_dirs/vit-huge-p16_videomaev2-pt_16x4x1-800e_hybrid/epoch_800.pth'
num_classes = 710
model = dict(
    backbone=dict(
        arch='h',
        drop_path_rate=0.2,
        with_cp=True,
        init_cfg=dict(type='VideoMAEv2Pretrained', checkpoint=pretrained)),
    cls_head=dict(num_classes=num_classes, in_channels=1280, dropout_ratio=0.0),
    data_preprocessor=dict(blending=dict(augments=[
        dict(type='MixupBlending', alpha=0.8, num_classes=num_classes),
        dict(type='CutmixBlending', alpha=1.0, num_classes=num_classes)
    ])))
max_epochs, warmup_epochs, base_lr = 40, 5, 0.001
optim_wrapper = dict(
    optimizer=dict(lr=base_lr), paramwise_cfg=dict(layer_decay_rate=0.8))
param_scheduler = [
    dict(type='LinearLR', start_factor=1e-6 / base_lr, by_epoch=True, begin=0,
         end=warmup_epochs, convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=max_epochs - warmup_epochs,
         eta_min_ratio=1e-6 / base_lr, by_epoch=True, begin=warmup_epochs,
         end=max_epochs, convert_to_iter_based=True),
]
train_cfg = dict(max_epochs=max_epochs)
train_dataloader = dict(batch_size=8)
default_hooks = dict(checkpoint=dict(interval=5, save_best='auto', max_keep_ckpts=2))
