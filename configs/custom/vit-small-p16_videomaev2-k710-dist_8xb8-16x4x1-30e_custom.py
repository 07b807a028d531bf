# Fine-tuning on your own videos (docs/custom_dataset.md): ViT-S/16 from the
# official distilled Kinetics-710 model (distill/vit_s_k710_dl_from_giant.pth,
# 83.7 top-1 on K400 16x5x3), its backbone loaded, its 710-way head replaced by
# a new one of your classes. Data: a folder of videos and list files of
# `relative/path.mp4 label` lines (MMAction2's VideoDataset), labels 0..N-1.
# The Kinetics fine-tuning augmentation and test views (16x5x3). No official
# script fine-tunes on other data: lr 5e-4 per 256 videos (auto_scale_lr: 1.25e-4
# at 64 videos a step, 8 GPUs x 8) for 30 epochs with 5 of warm-up, layer decay
# 0.75, is our choice (the official ViT-B K400 base lr halved, the weights being
# fine-tuned already). Fewer GPUs: docs/custom_dataset.md (gradient
# accumulation and the lr rule).
_base_ = [
    '../_base_/models/videomaev2_vit-small-p16_recognizer.py',
    '../_base_/datasets/k400_videomaev2-ft.py',
    '../_base_/schedules/videomaev2_finetune_adamw.py',
    '../_base_/default_runtime.py',
]
num_classes = 3  # your classes
data_root = 'data/custom/videos'
ann_file_train = 'data/custom/train.txt'
ann_file_val = 'data/custom/val.txt'
pretrained = 'checkpoints/vit_s_k710_dl_from_giant.pth'  # or any supported checkpoint

model = dict(
    backbone=dict(init_cfg=dict(type='VideoMAEv2Pretrained', checkpoint=pretrained)),
    cls_head=dict(num_classes=num_classes))
train_dataloader = dict(
    batch_size=8, dataset=dict(ann_file=ann_file_train, data_prefix=dict(video=data_root)))
val_dataloader = dict(dataset=dict(ann_file=ann_file_val, data_prefix=dict(video=data_root)))
test_dataloader = dict(dataset=dict(ann_file=ann_file_val, data_prefix=dict(video=data_root)))
optim_wrapper = dict(optimizer=dict(lr=5e-4))
train_cfg = dict(max_epochs=30, val_interval=5)
