# ViT-g/14 fine-tuned on HMDB51 (split 1) from the K710 fine-tuned ViT-g:
# scripts/finetune/vit_g_k710_it_hmdb51_ft.sh (8 GPUs x 3 videos x 2 repeated samples;
# lr 5e-4 x 24 / 256). Reproduces the official vit_g_hybrid_pt_1200e_k710_it_hmdb51_ft
# (docs/model_zoo.md).
_base_ = [
    '../_base_/models/videomaev2_vit-giant-p14_recognizer.py',
    '../_base_/datasets/hmdb51_videomaev2-ft.py',
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
        num_classes=51,
        dropout_ratio=0.5))
optim_wrapper = dict(
    optimizer=dict(lr=5e-4),
    paramwise_cfg=dict(layer_decay_rate=0.9))
train_cfg = dict(max_epochs=15)
train_dataloader = dict(batch_size=3)
