# Ablation: dual masking off on the decoder side (the decoder reconstructs every
# encoder-masked token, as VideoMAE V1). Compare FLOPs and speed with
# vit-base-p16_videomaev2-pt_16x4x1-800e_k400.py (paper, Table 1).
_base_ = ['./vit-base-p16_videomaev2-pt_16x4x1-800e_k400.py']
train_pipeline = [
    dict(type='DecordInit'),
    dict(type='SampleFrames', clip_len=16, frame_interval=4, num_clips=1),
    dict(type='DecordDecode'),
    dict(type='MultiScaleCrop', input_size=224, scales=(1, .875, .75, .66),
         random_crop=False, max_wh_scale_gap=1),
    dict(type='Resize', scale=(224, 224), keep_ratio=False),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='TubeMasking', token_grid=(8, 14, 14), mask_ratio=0.9),
    dict(type='PackActionInputs', algorithm_keys=('encoder_mask', )),
]
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
