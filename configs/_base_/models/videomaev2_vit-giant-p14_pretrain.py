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
# Its masks cover the token grid of patch 14 (8 x 16 x 16 at 16 x 224 px): the
# last steps of the pre-training pipelines (videomaev2-pt_pipelines.py), which
# the ViT-g/14 pre-training configs assemble with them.
mask_and_pack_p14 = [
    dict(type='TubeMasking', mask_ratio=0.9, patch_size=14, tubelet_size=2),
    dict(type='RunningCellMasking', mask_ratio=0.5, patch_size=14, tubelet_size=2),
    dict(type='PackActionInputs', algorithm_keys=('encoder_mask', 'decoder_mask')),
]
