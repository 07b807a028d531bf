# VideoMAE V2 pre-training model, ViT-L/16 encoder + 4-block decoder
# (512 wide, 8 heads), 16 frames x 224 px, tubelet 2: the reference's
# pretrain_videomae_large_patch16_224.
_base_ = ['./videomaev2_vit-base-p16_pretrain.py']
model = dict(
    backbone=dict(arch='l'),
    neck=dict(
        in_channels=1024,
        embed_dims=512,
        num_heads=8,
        out_channels=3 * 2 * 16 * 16),
    head=dict(patch_size=16))
