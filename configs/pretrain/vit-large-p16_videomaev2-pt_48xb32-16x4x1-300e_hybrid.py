# ViT-L/16 on UnlabeledHybrid: scripts/pretrain/vit_l_hybrid_pt.sh, the official
# vit_l_hybrid_pt_1200e (300 epochs x 4 repeated samples) on 48 GPUs x 32 videos.
_base_ = [
    '../_base_/models/videomaev2_vit-large-p16_pretrain.py',
    '../_base_/datasets/hybrid_videomaev2-pt.py',
    '../_base_/schedules/videomaev2_pretrain_adamw_300e.py',
    '../_base_/default_runtime.py',
]
default_hooks = dict(checkpoint=dict(interval=20))  # official save_ckpt_freq
