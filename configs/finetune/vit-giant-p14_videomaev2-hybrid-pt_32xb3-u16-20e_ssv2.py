# ViT-g/14 fine-tuned on Something-Something V2 from the hybrid pre-training:
# scripts/finetune/vit_g_ssv2_ft.sh (32 GPUs x 3 videos x 2 repeated samples; lr 3e-4 x
# 96 / 256). Reproduces the official vit_g_hybrid_pt_1200e_ssv2_ft (docs/model_zoo.md).
_base_ = [
    '../_base_/models/videomaev2_vit-giant-p14_recognizer.py',
    '../_base_/datasets/ssv2_videomaev2-ft.py',
    '../_base_/schedules/videomaev2_finetune_adamw.py',
    '../_base_/default_runtime.py',
]
# initialisation: the official file (docs/model_zoo.md) or a plugin checkpoint
pretrained = 'checkpoints/vit_g_hybrid_pt_1200e.pth'
lr = 3e-4
model = dict(
    backbone=dict(
        drop_path_rate=0.25,
        init_cfg=dict(type='VideoMAEv2Pretrained', checkpoint=pretrained)),
    cls_head=dict(
        num_classes=174),
    data_preprocessor=dict(blending=dict(augments=[
        dict(type='MixupBlending', alpha=0.8, num_classes=174),
        dict(type='CutmixBlending', alpha=1.0, num_classes=174)
    ])))
optim_wrapper = dict(
    optimizer=dict(lr=lr),
    paramwise_cfg=dict(layer_decay_rate=0.9))
param_scheduler = [
    dict(type='LinearLR', start_factor=1e-8, by_epoch=True, begin=0,
         end=_base_.warmup_epochs, convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', eta_min_ratio=_base_.min_lr / lr,
         by_epoch=True, begin=_base_.warmup_epochs, convert_to_iter_based=True),
]
train_cfg = dict(max_epochs=20)
train_dataloader = dict(batch_size=3)
