# ViT-H/16 fine-tuned on Something-Something V2 from the hybrid pre-training:
# scripts/finetune/vit_h_ssv2_ft.sh (32 GPUs x 4 videos x 2 repeated samples; lr 5e-4 x
# 128 / 256).
_base_ = [
    '../_base_/models/videomaev2_vit-huge-p16_recognizer.py',
    '../_base_/datasets/ssv2_videomaev2-ft.py',
    '../_base_/schedules/videomaev2_finetune_adamw.py',
    '../_base_/default_runtime.py',
]
# initialisation: the official file (docs/model_zoo.md) or a plugin checkpoint
pretrained = 'checkpoints/vit_h_hybrid_pt_1200e.pth'
model = dict(
    backbone=dict(
        drop_path_rate=0.2,
        init_cfg=dict(type='VideoMAEv2Pretrained', checkpoint=pretrained)),
    cls_head=dict(
        num_classes=174))
optim_wrapper = dict(
    optimizer=dict(lr=5e-4),
    paramwise_cfg=dict(layer_decay_rate=0.8))
train_cfg = dict(max_epochs=20)
train_dataloader = dict(batch_size=4)
