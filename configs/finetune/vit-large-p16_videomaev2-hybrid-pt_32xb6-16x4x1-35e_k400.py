# ViT-L/16 fine-tuned on Kinetics-400 from the hybrid pre-training:
# scripts/finetune/vit_l_k400_ft.sh (32 GPUs x 6 videos x 2 repeated samples; lr 2e-3 x
# 192 / 256).
_base_ = [
    '../_base_/models/videomaev2_vit-large-p16_recognizer.py',
    '../_base_/datasets/k400_videomaev2-ft.py',
    '../_base_/schedules/videomaev2_finetune_adamw.py',
    '../_base_/default_runtime.py',
]
# initialisation: the official file (docs/model_zoo.md) or a plugin checkpoint
pretrained = 'checkpoints/vit_l_hybrid_pt_1200e.pth'
model = dict(
    backbone=dict(
        drop_path_rate=0.2,
        init_cfg=dict(type='VideoMAEv2Pretrained', checkpoint=pretrained)))
optim_wrapper = dict(
    optimizer=dict(lr=2e-3))
train_cfg = dict(max_epochs=35)
train_dataloader = dict(batch_size=6)
