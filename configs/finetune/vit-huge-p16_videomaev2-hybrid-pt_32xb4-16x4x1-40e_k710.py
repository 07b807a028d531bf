# ViT-H/16 fine-tuned on Kinetics-710 from the hybrid pre-training:
# scripts/finetune/vit_h_k710_ft.sh (32 GPUs x 4 videos x 2 repeated samples; lr 1e-3 x
# 128 / 256).
_base_ = [
    '../_base_/models/videomaev2_vit-huge-p16_recognizer.py',
    '../_base_/datasets/k710_videomaev2-ft.py',
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
        num_classes=710,
        dropout_ratio=0.5))
optim_wrapper = dict(
    paramwise_cfg=dict(layer_decay_rate=0.8))
train_cfg = dict(max_epochs=40)
train_dataloader = dict(batch_size=4)
