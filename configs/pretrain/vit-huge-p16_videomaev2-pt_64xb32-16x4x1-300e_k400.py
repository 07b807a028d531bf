# ViT-H/16 on Kinetics-400 alone. Not an official recipe (the official scripts pre-train
# on UnlabeledHybrid only): the schedule of the same size's hybrid script (300 epochs x
# 4 repeated samples; VideoMAE V1 pre-trained 800 epochs on K400, without repeats).
_base_ = [
    '../_base_/models/videomaev2_vit-huge-p16_pretrain.py',
    '../_base_/datasets/k400_videomaev2-pt.py',
    '../_base_/schedules/videomaev2_pretrain_adamw_300e.py',
    '../_base_/default_runtime.py',
]
default_hooks = dict(checkpoint=dict(interval=10))  # official save_ckpt_freq
