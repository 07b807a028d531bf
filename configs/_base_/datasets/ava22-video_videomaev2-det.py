# AVA v2.2 decoded from the videos (data/ava/videos/<video_id>.mp4, decord)
# instead of extracted frames; otherwise as ava22_videomaev2-det.py.
_base_ = ['./ava22_videomaev2-det.py']
data_root = 'data/ava/videos'
train_pipeline = [
    dict(type='DecordInit'),
    dict(type='SampleAVAFrames', clip_len=16, frame_interval=4),
    dict(type='DecordDecode'),
    dict(type='RandomRescale', scale_range=(256, 320)),
    dict(type='RandomCrop', size=256),
    dict(type='Flip', flip_ratio=0.5),
    dict(type='FormatShape', input_format='NCTHW', collapse=True),
    dict(type='PackActionInputs'),
]
val_pipeline = [
    dict(type='DecordInit'),
    dict(type='SampleAVAFrames', clip_len=16, frame_interval=4, test_mode=True),
    dict(type='DecordDecode'),
    dict(type='Resize', scale=(-1, 256)),
    dict(type='FormatShape', input_format='NCTHW', collapse=True),
    dict(type='PackActionInputs'),
]
video = dict(use_frames=False, start_index=0, video_ext='.mp4', data_prefix=dict(img=data_root))
train_dataloader = dict(dataset=dict(pipeline=train_pipeline, **video))
val_dataloader = dict(dataset=dict(pipeline=val_pipeline, **video))
test_dataloader = val_dataloader
