# VideoMAE V2 pre-training model, ViT-B/16 encoder + 4-block decoder (384 wide),
# 16 frames x 224 px, tubelet 2: the reference's pretrain_videomae_base_patch16_224.
model = dict(
    type='VideoMAEv2',
    backbone=dict(
        type='VideoMAEv2ViT',
        arch='b',
        img_size=224,
        num_frames=16,
        tubelet_size=2,
        out_type='tokens',
        drop_path_rate=0.0,
        with_cp=False),
    neck=dict(
        type='VideoMAEv2Decoder',
        in_channels=768,
        embed_dims=384,
        num_layers=4,
        num_heads=6,
        out_channels=3 * 2 * 16 * 16),
    head=dict(
        type='PixelReconstructionHead',
        patch_size=16,
        tubelet_size=2,
        norm_pix=True,
        loss=dict(type='PixelReconstructionLoss')),
    data_preprocessor=dict(
        type='NonBlockingActionDataPreprocessor',
        mean=[123.675, 116.28, 103.53],
        std=[58.395, 57.12, 57.375],
        format_shape='NCTHW'))
