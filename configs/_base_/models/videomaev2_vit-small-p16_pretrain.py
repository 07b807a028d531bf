# VideoMAE V2 pre-training model, ViT-S/16 encoder + 4-block decoder
# (192 wide, 3 heads), 16 frames x 224 px, tubelet 2: the reference's
# pretrain_videomae_small_patch16_224.
_base_ = ['./videomaev2_vit-base-p16_pretrain.py']
model = dict(
    backbone=dict(arch='s'),
    neck=dict(
        in_channels=384,
        embed_dims=192,
        num_heads=3,
        out_channels=3 * 2 * 16 * 16),
    head=dict(patch_size=16))
