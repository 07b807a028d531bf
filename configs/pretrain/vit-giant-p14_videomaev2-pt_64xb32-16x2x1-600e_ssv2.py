# ViT-g/14 on Something-Something V2 alone. Not an official recipe (the official scripts
# pre-train on UnlabeledHybrid only): the schedule of the same size's hybrid script, for
# 600 epochs x 4 repeated samples = the 2400 epochs VideoMAE V1 pre-trained on SSv2
# without repeats.
_base_ = [
    '../_base_/models/videomaev2_vit-giant-p14_pretrain.py',
    '../_base_/datasets/ssv2_videomaev2-pt.py',
    '../_base_/schedules/videomaev2_pretrain_adamw_vit-g.py',
    '../_base_/default_runtime.py',
]
# ViT-g/14: masks for patch 14 (its model base's mask_and_pack_p14)
mask_and_pack = _base_.mask_and_pack_p14
train_dataloader = dict(dataset=dict(
    pipeline=_base_.decode_interval2 + _base_.crop + mask_and_pack))
train_cfg = dict(max_epochs=600)
default_hooks = dict(checkpoint=dict(interval=5))  # official save_ckpt_freq
