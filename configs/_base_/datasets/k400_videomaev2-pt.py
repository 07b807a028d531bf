# Kinetics-400 for VideoMAE V2 pre-training: interval 4 (videomaev2-pt_pipelines.py).
# Annotation lines are `path label` (labels unused).
_base_ = ['./videomaev2-pt_pipelines.py']
train_dataloader = dict(dataset=dict(
    type='RepeatAugVideoDataset',
    ann_file='data/kinetics400/kinetics400_train_list_videos.txt',
    data_prefix=dict(video='data/kinetics400/videos_train'),
    num_repeats=_base_.num_repeats,
    sample_once=True,
    pipeline=_base_.pipeline_interval4))
