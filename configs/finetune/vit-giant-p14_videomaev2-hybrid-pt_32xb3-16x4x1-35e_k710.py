# ViT-g/14 fine-tuned on Kinetics-710 from the hybrid pre-training:
# scripts/finetune/vit_g_k710_ft.sh (32 GPUs x 3 videos x 2 repeated samples; lr 1e-3 x
# 96 / 256). Reproduces the official vit_g_hybrid_pt_1200e_k710_ft (docs/model_zoo.md).
_base_ = [
    '../_base_/models/videomaev2_vit-giant-p14_recognizer.py',
    '../_base_/datasets/k710_videomaev2-ft.py',
    '../_base_/schedules/videomaev2_finetune_adamw.py',
    '../_base_/default_runtime.py',
]
# initialisation: the official file (docs/model_zoo.md) or a plugin checkpoint
pretrained = 'checkpoints/vit_g_hybrid_pt_1200e.pth'
model = dict(
    backbone=dict(
        drop_path_rate=0.3,
        init_cfg=dict(type='VideoMAEv2Pretrained', checkpoint=pretrained)),
    cls_head=dict(
        num_classes=710))
optim_wrapper = dict(
    optimizer=dict(weight_decay=0.1),
    paramwise_cfg=dict(layer_decay_rate=0.9),
    clip_grad=dict(max_norm=5.0))
train_cfg = dict(max_epochs=35)
train_dataloader = dict(batch_size=3)
