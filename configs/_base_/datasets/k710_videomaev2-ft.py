# Kinetics-710 (K400 + K600 + K700, 710 classes) for VideoMAE V2 fine-tuning:
# the Kinetics-400 pipelines and 16x5x3 testing (k400_videomaev2-ft.py) on
# this dataset's lists.
_base_ = ['./k400_videomaev2-ft.py']
data_root = 'data/kinetics710/videos'
ann_file_train = 'data/kinetics710/kinetics710_train_list_videos.txt'
ann_file_val = 'data/kinetics710/kinetics710_val_list_videos.txt'
train_dataloader = dict(
    dataset=dict(ann_file=ann_file_train, data_prefix=dict(video=data_root)))
val_dataloader = dict(
    dataset=dict(ann_file=ann_file_val, data_prefix=dict(video=data_root)))
test_dataloader = dict(
    dataset=dict(ann_file=ann_file_val, data_prefix=dict(video=data_root)))
