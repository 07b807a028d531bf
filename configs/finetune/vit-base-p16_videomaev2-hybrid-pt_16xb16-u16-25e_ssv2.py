# ViT-B/16 fine-tuned on Something-Something V2 from the hybrid pre-training:
# scripts/finetune/vit_b_ssv2_ft.sh (16 GPUs x 16 videos x 2 repeated samples; lr 2e-3 x
# 256 / 256).
_base_ = [
    '../_base_/models/videomaev2_vit-base-p16_recognizer.py',
    '../_base_/datasets/ssv2_videomaev2-ft.py',
    '../_base_/schedules/videomaev2_finetune_adamw.py',
    '../_base_/default_runtime.py',
]
# initialisation: the official file (docs/model_zoo.md) or a plugin checkpoint
pretrained = 'checkpoints/vit_b_hybrid_pt_800e.pth'
model = dict(
    backbone=dict(
        init_cfg=dict(type='VideoMAEv2Pretrained', checkpoint=pretrained)),
    cls_head=dict(
        num_classes=174))
optim_wrapper = dict(
    optimizer=dict(lr=2e-3),
    paramwise_cfg=dict(layer_decay_rate=0.65))
train_cfg = dict(max_epochs=25)
train_dataloader = dict(batch_size=16)
