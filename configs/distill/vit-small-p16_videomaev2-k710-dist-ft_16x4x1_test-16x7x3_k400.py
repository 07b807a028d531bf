# Test of a distilled ViT-S fine-tuned further on K400
# (./vit-small-p16_videomaev2-k710-dist_16x4x1-30e_k400.py) with 7 clips x 3 crops, the
# protocol of the official model zoo's figure for such models (top-1 84.0; the
# official ones are not published).
_base_ = [
    '../_base_/models/videomaev2_vit-small-p16_recognizer.py',
    '../_base_/datasets/k400_videomaev2-ft.py',
    '../_base_/default_runtime.py',
]
model = dict(
    backbone=dict(drop_path_rate=0.0),
    cls_head=dict(num_classes=400),
    data_preprocessor=dict(blending=None))
test_pipeline = [
    dict(type='PyAVIndexedInit'),
    dict(type='SampleFrames', clip_len=16, frame_interval=4, num_clips=7,
         test_mode=True),
    dict(type='PyAVIndexedDecode'),
] + _base_.test_augment
test_dataloader = dict(dataset=dict(pipeline=test_pipeline))
train_dataloader = None
val_dataloader = None
test_cfg = dict(type='TestLoop')
