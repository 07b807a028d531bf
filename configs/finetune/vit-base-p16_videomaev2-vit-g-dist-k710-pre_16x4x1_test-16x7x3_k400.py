# Test of the official distilled ViT-B (K710 distillation from ViT-g, then
# K400 fine-tuning) with 7 clips x 3 crops, e.g.
#   tools/test.py THIS_CONFIG vit_b_k710_dl_from_giant_k400_ft.pth
# The checkpoint may be the official file, its MMAction2 conversion or a plugin
# export; tools/test.py loads it through `load_from` after conversion with
# tools/convert_checkpoint.py.
_base_ = [
    '../_base_/models/videomaev2_vit-base-p16_recognizer.py',
    '../_base_/datasets/k400_videomaev2-ft.py',
    '../_base_/default_runtime.py',
]
model = dict(
    backbone=dict(arch='b', drop_path_rate=0.0),
    cls_head=dict(in_channels=768),
    data_preprocessor=dict(blending=None))
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
test_cfg = dict(type='TestLoop')
train_dataloader = None
val_dataloader = None
