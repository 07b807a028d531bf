# ViT-g/14 fine-tuned on UCF101 (split 1) from the K710 fine-tuned ViT-g:
# scripts/finetune/vit_g_k710_it_ucf101_ft.sh (8 GPUs x 3 videos x 2 repeated samples;
# lr 1e-3 x 24 / 256). Reproduces the official vit_g_hybrid_pt_1200e_k710_it_ucf101_ft
# (docs/model_zoo.md).
_base_ = [
    '../_base_/models/videomaev2_vit-giant-p14_recognizer.py',
    '../_base_/datasets/ucf101_videomaev2-ft.py',
    '../_base_/schedules/videomaev2_finetune_adamw.py',
    '../_base_/default_runtime.py',
]
# initialisation: the official file (docs/model_zoo.md) or a plugin checkpoint
pretrained = 'checkpoints/vit_g_hybrid_pt_1200e_k710_ft.pth'
model = dict(
    backbone=dict(
        drop_path_rate=0.35,
        init_cfg=dict(type='VideoMAEv2Pretrained', checkpoint=pretrained)),
    cls_head=dict(
        num_classes=101,
        dropout_ratio=0.5))
optim_wrapper = dict(
    paramwise_cfg=dict(layer_decay_rate=0.9))
train_cfg = dict(max_epochs=50)
train_dataloader = dict(batch_size=3)
