# Something-Something V2 for VideoMAE V2 pre-training: interval 2, as the
# reference's SSv2 part of the hybrid (videomaev2-pt_pipelines.py).
# Annotation lines are `path label` (labels unused).
_base_ = ['./videomaev2-pt_pipelines.py']
train_dataloader = dict(dataset=dict(
    type='RepeatAugVideoDataset',
    ann_file='data/sthv2/sthv2_train_list_videos.txt',
    data_prefix=dict(video='data/sthv2/videos'),
    num_repeats=_base_.num_repeats,
    sample_once=True,
    pipeline=_base_.pipeline_interval2))
