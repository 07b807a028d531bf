# ViT-g/14 on UnlabeledHybrid: scripts/pretrain/vit_g_hybrid_pt.sh, the official
# vit_g_hybrid_pt_1200e (300 epochs x 4 repeated samples) on 64 GPUs x 32 videos.
_base_ = [
    '../_base_/models/videomaev2_vit-giant-p14_pretrain.py',
    '../_base_/datasets/hybrid_videomaev2-pt.py',
    '../_base_/schedules/videomaev2_pretrain_adamw_vit-g.py',
    '../_base_/default_runtime.py',
]
# ViT-g/14: masks for patch 14 (its model base's mask_and_pack_p14)
mask_and_pack = _base_.mask_and_pack_p14
pipeline_interval4 = _base_.decode_interval4 + _base_.crop + mask_and_pack
train_dataloader = dict(dataset=dict(datasets=[
    dict(_base_.k710, pipeline=pipeline_interval4),
    dict(_base_.sthv2, pipeline=_base_.decode_interval2 + _base_.crop + mask_and_pack),
    dict(_base_.ava, pipeline=pipeline_interval4),
    dict(_base_.webvid2m, pipeline=pipeline_interval4),
    dict(_base_.instagram, pipeline=pipeline_interval4),
]))
default_hooks = dict(checkpoint=dict(interval=5))  # official save_ckpt_freq
