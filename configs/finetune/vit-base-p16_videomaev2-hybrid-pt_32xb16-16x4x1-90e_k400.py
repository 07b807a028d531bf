# ViT-B/16 fine-tuned on Kinetics-400 from the hybrid pre-training:
# scripts/finetune/vit_b_k400_ft.sh (32 GPUs x 16 videos x 2 repeated samples; lr 7e-4 x
# 512 / 256).
_base_ = [
    '../_base_/models/videomaev2_vit-base-p16_recognizer.py',
    '../_base_/datasets/k400_videomaev2-ft.py',
    '../_base_/schedules/videomaev2_finetune_adamw.py',
    '../_base_/default_runtime.py',
]
# initialisation: the official file (docs/model_zoo.md) or a plugin checkpoint
pretrained = 'checkpoints/vit_b_hybrid_pt_800e.pth'
model = dict(
    backbone=dict(
        init_cfg=dict(type='VideoMAEv2Pretrained', checkpoint=pretrained)))
optim_wrapper = dict(
    optimizer=dict(lr=7e-4))
train_cfg = dict(max_epochs=90)
train_dataloader = dict(batch_size=16)
