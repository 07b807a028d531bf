# ViT-B/16 fine-tuned on Kinetics-710 from the hybrid pre-training:
# scripts/finetune/vit_b_k710_ft.sh (32 GPUs x 16 videos x 2 repeated samples; lr 7e-4 x
# 512 / 256).
_base_ = [
    '../_base_/models/videomaev2_vit-base-p16_recognizer.py',
    '../_base_/datasets/k710_videomaev2-ft.py',
    '../_base_/schedules/videomaev2_finetune_adamw.py',
    '../_base_/default_runtime.py',
]
# initialisation: the official file (docs/model_zoo.md) or a plugin checkpoint
pretrained = 'checkpoints/vit_b_hybrid_pt_800e.pth'
lr = 7e-4
model = dict(
    backbone=dict(
        init_cfg=dict(type='VideoMAEv2Pretrained', checkpoint=pretrained)),
    cls_head=dict(
        num_classes=710),
    data_preprocessor=dict(blending=dict(augments=[
        dict(type='MixupBlending', alpha=0.8, num_classes=710),
        dict(type='CutmixBlending', alpha=1.0, num_classes=710)
    ])))
optim_wrapper = dict(
    optimizer=dict(lr=lr))
param_scheduler = [
    dict(type='LinearLR', start_factor=1e-8, by_epoch=True, begin=0,
         end=_base_.warmup_epochs, convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', eta_min_ratio=_base_.min_lr / lr,
         by_epoch=True, begin=_base_.warmup_epochs, convert_to_iter_based=True),
]
train_cfg = dict(max_epochs=90)
train_dataloader = dict(batch_size=16)
