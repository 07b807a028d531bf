# THUMOS14 on pre-extracted clip features: train on the validation videos,
# evaluate on the test videos (20 classes), features every 4 frames of
# 16-frame clips, training crops of at most 2304 features, mAP at tIoU
# 0.3:0.1:0.7. `feat_dir` is set by the config that picks the features.
data_root = 'data/thumos14'
ann_file = f'{data_root}/annotations/thumos14.json'
feat_dir = f'{data_root}/features'
feat_stride, num_frames, max_seq_len = 4, 16, 2304
classes = ('BaseballPitch', 'BasketballDunk', 'Billiards', 'CleanAndJerk', 'CliffDiving',
           'CricketBowling', 'CricketShot', 'Diving', 'FrisbeeCatch', 'GolfSwing',
           'HammerThrow', 'HighJump', 'JavelinThrow', 'LongJump', 'PoleVault', 'Shotput',
           'SoccerPenalty', 'TennisSwing', 'ThrowDiscus', 'VolleyballSpiking')
pack = dict(type='PackLocalizationInputs', keys=('gt_segments', 'gt_labels'),
            meta_keys=('video_name', 'fps', 'duration', 'feat_stride', 'feat_num_frames',
                       'ann_segments', 'ann_labels'))
train_pipeline = [
    dict(type='LoadTemporalFeatures'),
    dict(type='RandomTemporalTruncate', max_seq_len=max_seq_len, trunc_thresh=0.5,
         crop_ratio=(0.9, 1.0)),
    pack,
]
test_pipeline = [dict(type='LoadTemporalFeatures'), pack]
dataset = dict(type='TemporalFeatureDataset', ann_file=ann_file,
               data_prefix=dict(feats=feat_dir), feat_stride=feat_stride,
               num_frames=num_frames, metainfo=dict(classes=classes))
train_dataloader = dict(
    batch_size=2, num_workers=4, persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=True),
    dataset=dict(subset='validation', pipeline=train_pipeline, **dataset))
val_dataloader = dict(
    batch_size=4, num_workers=4, persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(subset='test', pipeline=test_pipeline, test_mode=True, **dataset))
test_dataloader = val_dataloader
val_evaluator = dict(type='LocalizationMetric', tiou_thresholds=(0.3, 0.4, 0.5, 0.6, 0.7))
test_evaluator = val_evaluator
