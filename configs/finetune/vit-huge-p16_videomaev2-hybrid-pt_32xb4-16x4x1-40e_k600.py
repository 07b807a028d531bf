# ViT-H/16 fine-tuned on Kinetics-600 from the hybrid pre-training:
# scripts/finetune/vit_h_k600_ft.sh (1 GPUs x 4 videos x 2 repeated samples; lr 1e-3 x 4
# / 256). NB: vit_h_k600_ft.sh sets GPUS=1, GPUS_PER_NODE=1 (TB 4), unlike every other
# ViT-H script (32 GPUs): a leftover default, it seems; the config is named for 32 GPUs
# like them.
_base_ = [
    '../_base_/models/videomaev2_vit-huge-p16_recognizer.py',
    '../_base_/datasets/k600_videomaev2-ft.py',
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
        num_classes=600,
        dropout_ratio=0.5))
optim_wrapper = dict(
    paramwise_cfg=dict(layer_decay_rate=0.8))
train_cfg = dict(max_epochs=40)
train_dataloader = dict(batch_size=4)
