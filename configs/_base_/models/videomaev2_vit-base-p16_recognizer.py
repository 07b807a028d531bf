# VideoMAE V2 recognizer (the reference's modeling_finetune.py): the ViT in
# recognition mode (mean of the tokens -> fc_norm, no cls token, drop path
# 0.1) + its head (dropout, truncated-normal init x 0.001), label smoothing
# 0.1, Mixup 0.8 / CutMix 1.0 switched with probability 0.5 on the batch
# (MMAction2's batch blending; VideoMAEv2Recognizer gives them the head's
# num_classes), softmax-averaged test views. VideoMAEv2Recognizer is
# MMAction2's Recognizer3D that also loads the official checkpoints.
model = dict(
    type='VideoMAEv2Recognizer',
    backbone=dict(
        type='VideoMAEv2ViT',
        arch='b',
        img_size=224,
        num_frames=16,
        tubelet_size=2,
        out_type='avg',
        drop_path_rate=0.1),
    cls_head=dict(
        type='VideoMAEv2Head',
        num_classes=400,
        in_channels=768,
        dropout_ratio=0.0,
        init_scale=0.001,
        label_smooth_eps=0.1,
        average_clips='prob'),
    data_preprocessor=dict(
        type='NonBlockingActionDataPreprocessor',
        mean=[123.675, 116.28, 103.53],
        std=[58.395, 57.12, 57.375],
        format_shape='NCTHW',
        blending=dict(
            type='RandomBatchAugment',
            augments=[
                dict(type='MixupBlending', alpha=0.8),
                dict(type='CutmixBlending', alpha=1.0)
            ],
            probs=[0.5, 0.5])))
