# Something-Something V2 for VideoMAE V2 fine-tuning: the Kinetics-400
# augmentation (k400_videomaev2-ft.py) without the flip (direction matters)
# on TSN-style clips: 16 segments, one random frame from each (the reference's
# RawFrameClsDataset; its --sampling_rate is unused). Validation: the segment
# centres. Test 16x2x3: two temporal offsets per segment x three crops along
# the long side; softmax scores averaged.
_base_ = ['./k400_videomaev2-ft.py']
data_root = 'data/sthv2/videos'
ann_file_train = 'data/sthv2/sthv2_train_list_videos.txt'
ann_file_val = 'data/sthv2/sthv2_val_list_videos.txt'
train_pipeline = [
    dict(type='PyAVIndexedInit'),
    dict(type='UniformSample', clip_len=16, num_clips=1),
    dict(type='PyAVIndexedDecode'),
] + [t for t in _base_.train_augment if t['type'] != 'Flip']
val_pipeline = [
    dict(type='PyAVIndexedInit'),
    dict(type='UniformSample', clip_len=16, num_clips=1, test_mode=True),
    dict(type='PyAVIndexedDecode'),
] + _base_.val_augment
test_pipeline = [
    dict(type='PyAVIndexedInit'),
    dict(type='UniformSample', clip_len=16, num_clips=2, test_mode=True),
    dict(type='PyAVIndexedDecode'),
] + _base_.test_augment
train_dataloader = dict(dataset=dict(
    ann_file=ann_file_train, data_prefix=dict(video=data_root), pipeline=train_pipeline))
val_dataloader = dict(dataset=dict(
    ann_file=ann_file_val, data_prefix=dict(video=data_root), pipeline=val_pipeline))
test_dataloader = dict(dataset=dict(
    ann_file=ann_file_val, data_prefix=dict(video=data_root), pipeline=test_pipeline))
