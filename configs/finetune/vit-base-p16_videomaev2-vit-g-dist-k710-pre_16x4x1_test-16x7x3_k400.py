# Test of the official distilled ViT-B with 7 clips x 3 crops (its K400
# fine-tuned version is reported with this protocol); see the 16x5x3 config.
_base_ = ['./vit-base-p16_videomaev2-vit-g-dist-k710-pre_16x4x1_test-16x5x3_k400.py']
test_pipeline = [
    dict(type='DecordInit'),
    dict(type='SampleFrames', clip_len=16, frame_interval=4, num_clips=7,
         test_mode=True),
    dict(type='DecordDecode'),
    dict(type='Resize', scale=(-1, 224)),
    dict(type='ThreeCrop', crop_size=224),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs'),
]
test_dataloader = dict(dataset=dict(pipeline=test_pipeline))
