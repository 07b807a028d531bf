# As vit-giant-p14_videomaev2-k710-ft_16x4x1-50e_ucf101.py, on HMDB51 (split 1).
_base_ = ['./vit-giant-p14_videomaev2-k710-ft_16x4x1-50e_ucf101.py']
num_classes = 51
model = dict(
    cls_head=dict(num_classes=num_classes),
    data_preprocessor=dict(blending=dict(augments=[
        dict(type='MixupBlending', alpha=0.8, num_classes=num_classes),
        dict(type='CutmixBlending', alpha=1.0, num_classes=num_classes)
    ])))
data_root = 'data/hmdb51/videos'
train_dataloader = dict(dataset=dict(
    ann_file='data/hmdb51/hmdb51_train_list_videos.txt',
    data_prefix=dict(video=data_root)))
val_dataloader = dict(dataset=dict(
    ann_file='data/hmdb51/hmdb51_val_list_videos.txt',
    data_prefix=dict(video=data_root)))
test_dataloader = val_dataloader
