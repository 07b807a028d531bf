# AVA v2.2 from raw frames (img_00001.jpg ...): 16 frames at interval 4 around
# each keyframe; train: random rescale (short side 256-320), 256 crop, flip;
# test: short side 256, the full frame. Person proposals from the FAIR
# detector (score >= 0.9). Evaluation: frame mAP@0.5 IoU on the 60-class list.
dataset_type = 'AVADetectionDataset'
data_root = 'data/ava/rawframes'
anno_root = 'data/ava/annotations'
ann_file_train = f'{anno_root}/ava_train_v2.2.csv'
ann_file_val = f'{anno_root}/ava_val_v2.2.csv'
exclude_file_train = f'{anno_root}/ava_train_excluded_timestamps_v2.2.csv'
exclude_file_val = f'{anno_root}/ava_val_excluded_timestamps_v2.2.csv'
label_file = f'{anno_root}/ava_action_list_v2.2_for_activitynet_2019.pbtxt'
proposal_file_train = f'{anno_root}/ava_dense_proposals_train.FAIR.recall_93.9.pkl'
proposal_file_val = f'{anno_root}/ava_dense_proposals_val.FAIR.recall_93.9.pkl'

train_pipeline = [
    dict(type='SampleAVAFrames', clip_len=16, frame_interval=4),
    dict(type='RawFrameDecode'),
    dict(type='RandomRescale', scale_range=(256, 320)),
    dict(type='RandomCrop', size=256),
    dict(type='Flip', flip_ratio=0.5),
    dict(type='FormatShape', input_format='NCTHW', collapse=True),
    dict(type='PackActionInputs'),
]
val_pipeline = [
    dict(type='SampleAVAFrames', clip_len=16, frame_interval=4, test_mode=True),
    dict(type='RawFrameDecode'),
    dict(type='Resize', scale=(-1, 256)),
    dict(type='FormatShape', input_format='NCTHW', collapse=True),
    dict(type='PackActionInputs'),
]
train_dataloader = dict(
    batch_size=8, num_workers=8, persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=True),
    dataset=dict(type=dataset_type, ann_file=ann_file_train, exclude_file=exclude_file_train,
                 label_file=label_file, proposal_file=proposal_file_train,
                 pipeline=train_pipeline, data_prefix=dict(img=data_root)))
val_dataloader = dict(
    batch_size=1, num_workers=8, persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(type=dataset_type, ann_file=ann_file_val, exclude_file=exclude_file_val,
                 label_file=label_file, proposal_file=proposal_file_val,
                 pipeline=val_pipeline, data_prefix=dict(img=data_root), test_mode=True))
test_dataloader = val_dataloader
val_evaluator = dict(type='AVADetectionMetric', ann_file=ann_file_val,
                     label_file=label_file, exclude_file=exclude_file_val)
test_evaluator = val_evaluator
