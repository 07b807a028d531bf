# ViT-B/16 on Something-Something V2 alone. Not an official recipe (the official scripts
# pre-train on UnlabeledHybrid only): the schedule of the same size's hybrid script, for
# 600 epochs x 4 repeated samples = the 2400 epochs VideoMAE V1 pre-trained on SSv2
# without repeats.
_base_ = [
    '../_base_/models/videomaev2_vit-base-p16_pretrain.py',
    '../_base_/datasets/ssv2_videomaev2-pt.py',
    '../_base_/schedules/videomaev2_pretrain_adamw.py',
    '../_base_/default_runtime.py',
]
train_cfg = dict(max_epochs=600)
default_hooks = dict(checkpoint=dict(interval=20))  # official save_ckpt_freq
