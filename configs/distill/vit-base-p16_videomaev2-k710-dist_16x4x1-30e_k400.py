# Follow-up fine-tuning of the distilled ViT-B on K400: the exported student
# (tools/export_student.py) initialises the backbone, and its K710 head, sliced
# to the K400 classes with the reference's index map, initialises the head.
# Test with ../finetune/vit-base-p16_videomaev2-vit-g-dist-k710-pre_16x4x1_test-16x*x3_k400.py.
_base_ = [
    '../_base_/models/videomaev2_vit-base-p16_recognizer.py',
    '../_base_/datasets/k400_videomaev2-ft.py',
    '../_base_/schedules/videomaev2_finetune_adamw.py',
    '../_base_/default_runtime.py',
]
pretrained = 'work_dirs/vit-base-p16_videomaev2-dist-vit-g-k710-ft_16x4x1-100e_k710/student.pth'
num_classes = 400
model = dict(
    backbone=dict(
        arch='b', drop_path_rate=0.1,
        init_cfg=dict(type='VideoMAEv2Pretrained', checkpoint=pretrained)),
    cls_head=dict(
        num_classes=num_classes, in_channels=768,
        init_cfg=dict(type='VideoMAEv2Pretrained', checkpoint=pretrained,
                      prefix='cls_head.',
                      index_map='data/kinetics710/label_map_710to400.json')),
    data_preprocessor=dict(blending=dict(augments=[
        dict(type='MixupBlending', alpha=0.8, num_classes=num_classes),
        dict(type='CutmixBlending', alpha=1.0, num_classes=num_classes)
    ])))
max_epochs, warmup_epochs, base_lr = 30, 5, 5e-4
optim_wrapper = dict(
    optimizer=dict(lr=base_lr), paramwise_cfg=dict(layer_decay_rate=0.75))
param_scheduler = [
    dict(type='LinearLR', start_factor=1e-6 / base_lr, by_epoch=True, begin=0,
         end=warmup_epochs, convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=max_epochs - warmup_epochs,
         eta_min_ratio=1e-6 / base_lr, by_epoch=True, begin=warmup_epochs,
         end=max_epochs, convert_to_iter_based=True),
]
train_cfg = dict(max_epochs=max_epochs)
default_hooks = dict(checkpoint=dict(interval=5, save_best='auto', max_keep_ckpts=2))
