# ViT-g/14 on Kinetics-400 alone. Not an official recipe (the official scripts pre-train
# on UnlabeledHybrid only): the schedule of the same size's hybrid script (300 epochs x
# 4 repeated samples; VideoMAE V1 pre-trained 800 epochs on K400, without repeats).
_base_ = [
    '../_base_/models/videomaev2_vit-giant-p14_pretrain.py',
    '../_base_/datasets/k400_videomaev2-pt.py',
    '../_base_/schedules/videomaev2_pretrain_adamw_vit-g.py',
    '../_base_/default_runtime.py',
]
# ViT-g/14: masks for patch 14 (its model base's mask_and_pack_p14)
mask_and_pack = _base_.mask_and_pack_p14
train_dataloader = dict(dataset=dict(
    pipeline=_base_.decode_interval4 + _base_.crop + mask_and_pack))
default_hooks = dict(checkpoint=dict(interval=5))  # official save_ckpt_freq
