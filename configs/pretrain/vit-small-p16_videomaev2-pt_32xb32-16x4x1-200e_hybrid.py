# ViT-S/16 on UnlabeledHybrid. Not an official recipe (there is no official ViT-S pre-
# training script): ViT-B's (vit_b_hybrid_pt.sh).
_base_ = [
    '../_base_/models/videomaev2_vit-small-p16_pretrain.py',
    '../_base_/datasets/hybrid_videomaev2-pt.py',
    '../_base_/schedules/videomaev2_pretrain_adamw.py',
    '../_base_/default_runtime.py',
]
default_hooks = dict(checkpoint=dict(interval=20))  # official save_ckpt_freq
