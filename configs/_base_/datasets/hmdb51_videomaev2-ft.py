# HMDB51 (split 1) for VideoMAE V2 fine-tuning: the Kinetics-400 pipelines
# and 16x5x3 testing (k400_videomaev2-ft.py) at frame interval 2
# (scripts/finetune/vit_g_k710_it_hmdb51_ft.sh:47) on this dataset's lists.
_base_ = ['./k400_videomaev2-ft.py']
data_root = 'data/hmdb51/videos'
ann_file_train = 'data/hmdb51/hmdb51_train_list_videos.txt'
ann_file_val = 'data/hmdb51/hmdb51_val_list_videos.txt'
train_pipeline = [
    dict(type='PyAVIndexedInit'),
    dict(type='SampleFrames', clip_len=16, frame_interval=2, num_clips=1),
    dict(type='PyAVIndexedDecode'),
] + _base_.train_augment
val_pipeline = [
    dict(type='PyAVIndexedInit'),
    dict(type='SampleFrames', clip_len=16, frame_interval=2, num_clips=1, test_mode=True),
    dict(type='PyAVIndexedDecode'),
] + _base_.val_augment
test_pipeline = [
    dict(type='PyAVIndexedInit'),
    dict(type='SampleFrames', clip_len=16, frame_interval=2, num_clips=5, test_mode=True),
    dict(type='PyAVIndexedDecode'),
] + _base_.test_augment
train_dataloader = dict(dataset=dict(
    ann_file=ann_file_train, data_prefix=dict(video=data_root), pipeline=train_pipeline))
val_dataloader = dict(dataset=dict(
    ann_file=ann_file_val, data_prefix=dict(video=data_root), pipeline=val_pipeline))
test_dataloader = dict(dataset=dict(
    ann_file=ann_file_val, data_prefix=dict(video=data_root), pipeline=test_pipeline))
