# Kinetics-400 for VideoMAE V2 fine-tuning (the reference's VideoClsDataset,
# dataset/datasets.py): one clip of 16 frames at interval 4; RandAugment
# rand-m7-n4-mstd0.5-inc1 on the full decoded frames (bicubic, grey fill), then
# a random resized crop (area 0.08-1, aspect 3/4-4/3) to 224, horizontal flip
# 0.5 and random erasing 0.25 in the reference's 'pixel' mode (per-pixel
# mean + std x N(0, 1), i.e. N(0, 1) after normalisation; one box for every
# frame); 2 repeated samples per decoded video, each augmented on its own.
# Validation: short side 224, centre crop, the centre clip. Test 16x5x3: short
# side 224, three crops along the long side, five clips spread over the video;
# softmax scores averaged.
# Frames are decoded with PyAV (PyAVIndexedInit / PyAVIndexedDecode: decord's
# frames for the same indices, fewer decoded; DecordInit / DecordDecode remain
# selectable): docs/data_loading.md.
# MMAction2's VideoDataset, its random draws seeded per sample (with SeededSampler)
# and its unreadable videos named (validation, test) or skipped (training)
dataset_type = 'SeededVideoDataset'
data_root = 'data/kinetics400/videos'
ann_file_train = 'data/kinetics400/kinetics400_train_list_videos.txt'
ann_file_val = 'data/kinetics400/kinetics400_val_list_videos.txt'
ann_file_test = 'data/kinetics400/kinetics400_val_list_videos.txt'
img_norm = dict(mean=[123.675, 116.28, 103.53], std=[58.395, 57.12, 57.375])

# VideoRandAugmentCrop: RandAugment, MMAction2's RandomResizedCrop and its
# Resize to 224x224 (their draws, their frames, in one array), computed only
# on what the crop keeps and the resize reads. ClipRandomErasing: MMAction2's
# RandomErasing drawing the clip's fill at once (the same distribution)
train_augment = [
    dict(type='VideoRandAugmentCrop', config_str='rand-m7-n4-mstd0.5-inc1',
         interpolation='bicubic', area_range=(0.08, 1.0),
         aspect_ratio_range=(3 / 4, 4 / 3), scale=(224, 224)),
    dict(type='Flip', flip_ratio=0.5),
    dict(type='ClipRandomErasing', erase_prob=0.25, mode='rand',
         fill_color=img_norm['mean'], fill_std=img_norm['std']),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs'),
]
test_augment = [
    dict(type='Resize', scale=(-1, 224)),
    dict(type='ThreeCrop', crop_size=224),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs'),
]
val_augment = [
    dict(type='Resize', scale=(-1, 224)),
    dict(type='CenterCrop', crop_size=224),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs'),
]
train_pipeline = [
    dict(type='PyAVIndexedInit'),
    dict(type='SampleFrames', clip_len=16, frame_interval=4, num_clips=1),
    dict(type='PyAVIndexedDecode'),
] + train_augment
val_pipeline = [
    dict(type='PyAVIndexedInit'),
    dict(type='SampleFrames', clip_len=16, frame_interval=4, num_clips=1,
         test_mode=True),
    dict(type='PyAVIndexedDecode'),
] + val_augment
test_pipeline = [
    dict(type='PyAVIndexedInit'),
    dict(type='SampleFrames', clip_len=16, frame_interval=4, num_clips=5,
         test_mode=True),
    dict(type='PyAVIndexedDecode'),
] + test_augment
train_dataloader = dict(
    batch_size=16,  # videos per GPU; each gives num_repeats clips
    num_workers=10,
    persistent_workers=True,
    pin_memory=True,
    drop_last=True,
    sampler=dict(type='SeededSampler', shuffle=True),
    collate_fn=dict(type='repeat_pseudo_collate'),
    dataset=dict(
        type='RepeatAugVideoDataset',
        ann_file=ann_file_train,
        data_prefix=dict(video=data_root),
        num_repeats=2,
        sample_once=True,
        pipeline=train_pipeline))
val_dataloader = dict(
    batch_size=16,
    num_workers=10,
    persistent_workers=True,
    pin_memory=True,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(
        type=dataset_type,
        ann_file=ann_file_val,
        data_prefix=dict(video=data_root),
        pipeline=val_pipeline,
        test_mode=True))
test_dataloader = dict(  # one video a batch: 15 views each
    val_dataloader, batch_size=1,
    dataset=dict(val_dataloader['dataset'], ann_file=ann_file_test, pipeline=test_pipeline))
val_evaluator = dict(type='AccMetric')
test_evaluator = val_evaluator
