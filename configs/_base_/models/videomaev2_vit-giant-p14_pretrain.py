# VideoMAE V2 pre-training model, ViT-G/14 encoder + 4-block decoder
# (512 wide, 8 heads), 16 frames x 224 px, tubelet 2, gradient checkpointing
# (the official --with_checkpoint): the reference's
# pretrain_videomae_giant_patch14_224.
_base_ = ['./videomaev2_vit-base-p16_pretrain.py']
model = dict(
    backbone=dict(arch='g', with_cp=True),
    neck=dict(
        in_channels=1408,
        embed_dims=512,
        num_heads=8,
        mlp_ratio=48 / 11,
        out_channels=3 * 2 * 14 * 14),
    head=dict(patch_size=14))
