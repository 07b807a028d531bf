_base_ = [
    '../_base_/models/videomaev2_vit-base-p16_recognizer.py',
    '../_base_/datasets/k400_videomaev2-ft.py',
    '../_base_/schedules/videomaev2_finetune_adamw.py',
    '../_base_/default_runtime.py',
]
# ViT-G/14 from K710 post-pre-training, fine-tuned on k400: 5 epochs,
# base lr 0.0001 (x total batch / 256), layer decay 0.9, drop path 0.3, head dropout 0.5.
# Initialisation: a plugin, official or MMAction2 checkpoint (VideoMAEv2Pretrained
# converts the keys); set `pretrained` or pass
# --cfg-options model.backbone.init_cfg.checkpoint=PATH.
pretrained = 'work_dirs/vit-giant-p14_videomaev2-hybrid-pt_16x4x1-40e_k710/best.pth'
num_classes = 400
model = dict(
    backbone=dict(
        arch='g',
        drop_path_rate=0.3,
        with_cp=True,
        init_cfg=dict(type='VideoMAEv2Pretrained', checkpoint=pretrained)),
    # the K710 head, sliced to the K400 classes with the reference's index map
    # (its misc/label_710to400.json; not shipped here, see README "Status", or
    # build it: tools/data/make_label_index_map.py K710_CLASSES label_map_k400.txt)
    cls_head=dict(
        num_classes=num_classes, in_channels=1408, dropout_ratio=0.5,
        init_cfg=dict(type='VideoMAEv2Pretrained', checkpoint=pretrained,
                      prefix='cls_head.',
                      index_map='data/kinetics710/label_map_710to400.json')),
    data_preprocessor=dict(blending=dict(augments=[
        dict(type='MixupBlending', alpha=0.8, num_classes=num_classes),
        dict(type='CutmixBlending', alpha=1.0, num_classes=num_classes)
    ])))
max_epochs, warmup_epochs, base_lr = 5, 1, 0.0001
optim_wrapper = dict(
    optimizer=dict(lr=base_lr), paramwise_cfg=dict(layer_decay_rate=0.9))
param_scheduler = [
    dict(type='LinearLR', start_factor=1e-6 / base_lr, by_epoch=True, begin=0,
         end=warmup_epochs, convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=max_epochs - warmup_epochs,
         eta_min_ratio=1e-6 / base_lr, by_epoch=True, begin=warmup_epochs,
         end=max_epochs, convert_to_iter_based=True),
]
train_cfg = dict(max_epochs=max_epochs)
train_dataloader = dict(batch_size=3)
default_hooks = dict(checkpoint=dict(interval=5, save_best='auto', max_keep_ckpts=2))
