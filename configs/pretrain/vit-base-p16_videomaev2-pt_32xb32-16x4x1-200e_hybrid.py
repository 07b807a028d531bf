# ViT-B/16 on UnlabeledHybrid: scripts/pretrain/vit_b_hybrid_pt.sh, the official
# vit_b_hybrid_pt_800e (200 epochs x 4 repeated samples) on 32 GPUs x 32 videos.
_base_ = [
    '../_base_/models/videomaev2_vit-base-p16_pretrain.py',
    '../_base_/datasets/hybrid_videomaev2-pt.py',
    '../_base_/schedules/videomaev2_pretrain_adamw.py',
    '../_base_/default_runtime.py',
]
default_hooks = dict(checkpoint=dict(interval=20))  # official save_ckpt_freq
