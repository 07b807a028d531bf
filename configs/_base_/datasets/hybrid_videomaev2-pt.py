# UnlabeledHybrid (K710, SSv2, AVA, WebVid2M, self-collected Instagram; 1.35M
# clips) for VideoMAE V2 pre-training: each source with its own frame
# interval, as the reference (SSv2 2, the others 4; videomaev2-pt_pipelines.py).
# Annotation lines are `path label` (labels unused).
_base_ = ['./videomaev2-pt_pipelines.py']
source = dict(type='RepeatAugVideoDataset', num_repeats=_base_.num_repeats, sample_once=True)
k710 = dict(source, ann_file='data/kinetics710/k710_train_list_videos.txt',
            data_prefix=dict(video='data/kinetics710/videos'))
sthv2 = dict(source, ann_file='data/sthv2/sthv2_train_list_videos.txt',
             data_prefix=dict(video='data/sthv2/videos'))
ava = dict(source, ann_file='data/ava/ava_train_list_videos.txt',
           data_prefix=dict(video='data/ava/videos_15min'))
webvid2m = dict(source, ann_file='data/webvid2m/webvid2m_train_list_videos.txt',
                data_prefix=dict(video='data/webvid2m/videos'))
instagram = dict(source, ann_file='data/instagram/instagram_train_list_videos.txt',
                 data_prefix=dict(video='data/instagram/videos'))
train_dataloader = dict(dataset=dict(
    type='SeededConcatDataset',  # ConcatDataset passing the sampler's seeds on
    datasets=[
        dict(k710, pipeline=_base_.pipeline_interval4),
        dict(sthv2, pipeline=_base_.pipeline_interval2),
        dict(ava, pipeline=_base_.pipeline_interval4),
        dict(webvid2m, pipeline=_base_.pipeline_interval4),
        dict(instagram, pipeline=_base_.pipeline_interval4),
    ]))
