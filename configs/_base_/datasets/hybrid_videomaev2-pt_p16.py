# UnlabeledHybrid (K710, SSv2, AVA, WebVid2M, self-collected Instagram;
# 1.35M clips) for VideoMAE V2 pre-training, patch 16 (token grid 8x14x14):
# 16 frames at interval 2 (SSv2) or 4 (others), the reference's multi-scale crop (scales
# 1/.875/.75/.66, 13 fixed crops, no flip) to 224 px, tube masking 90% for the
# encoder, running cell 50% for the decoder, 4 repeated samples per decoded
# video (num_sample 4). Annotation lines are `path label` (labels unused).
# Each source keeps its own frame interval, as the reference UnlabeledHybrid.
pipeline_interval4 = [
    dict(type='DecordInit'),
    dict(type='SampleFrames', clip_len=16, frame_interval=4, num_clips=1),
    dict(type='DecordDecode'),
    dict(type='MultiScaleCrop', input_size=224, scales=(1, .875, .75, .66),
         random_crop=False, max_wh_scale_gap=1),
    dict(type='Resize', scale=(224, 224), keep_ratio=False),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='TubeMasking', token_grid=(8, 14, 14), mask_ratio=0.9),
    dict(type='RunningCellMasking', token_grid=(8, 14, 14), mask_ratio=0.5),
    dict(type='PackActionInputs', algorithm_keys=('encoder_mask', 'decoder_mask')),
]
pipeline_interval2 = [
    dict(type='DecordInit'),
    dict(type='SampleFrames', clip_len=16, frame_interval=2, num_clips=1),
    dict(type='DecordDecode'),
    dict(type='MultiScaleCrop', input_size=224, scales=(1, .875, .75, .66),
         random_crop=False, max_wh_scale_gap=1),
    dict(type='Resize', scale=(224, 224), keep_ratio=False),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='TubeMasking', token_grid=(8, 14, 14), mask_ratio=0.9),
    dict(type='RunningCellMasking', token_grid=(8, 14, 14), mask_ratio=0.5),
    dict(type='PackActionInputs', algorithm_keys=('encoder_mask', 'decoder_mask')),
]
train_dataloader = dict(
    batch_size=8,  # videos per GPU; each gives num_repeats clips
    num_workers=8,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=True),
    collate_fn=dict(type='repeat_pseudo_collate'),
    dataset=dict(
        type='ConcatDataset',
        datasets=[
            dict(
                type='RepeatAugVideoDataset',
                ann_file='data/kinetics710/k710_train_list_videos.txt',
                data_prefix=dict(video='data/kinetics710/videos'),
                num_repeats=4,
                sample_once=True,
                pipeline=pipeline_interval4),
            dict(
                type='RepeatAugVideoDataset',
                ann_file='data/sthv2/sthv2_train_list_videos.txt',
                data_prefix=dict(video='data/sthv2/videos'),
                num_repeats=4,
                sample_once=True,
                pipeline=pipeline_interval2),
            dict(
                type='RepeatAugVideoDataset',
                ann_file='data/ava/ava_train_list_videos.txt',
                data_prefix=dict(video='data/ava/videos_15min'),
                num_repeats=4,
                sample_once=True,
                pipeline=pipeline_interval4),
            dict(
                type='RepeatAugVideoDataset',
                ann_file='data/webvid2m/webvid2m_train_list_videos.txt',
                data_prefix=dict(video='data/webvid2m/videos'),
                num_repeats=4,
                sample_once=True,
                pipeline=pipeline_interval4),
            dict(
                type='RepeatAugVideoDataset',
                ann_file='data/instagram/instagram_train_list_videos.txt',
                data_prefix=dict(video='data/instagram/videos'),
                num_repeats=4,
                sample_once=True,
                pipeline=pipeline_interval4),
        ]))
