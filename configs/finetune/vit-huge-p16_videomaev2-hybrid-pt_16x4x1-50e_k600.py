# As vit-huge-p16_videomaev2-hybrid-pt_16x4x1-50e_k400.py, on Kinetics-600.
_base_ = ['./vit-huge-p16_videomaev2-hybrid-pt_16x4x1-50e_k400.py']
num_classes = 600
model = dict(
    cls_head=dict(num_classes=num_classes),
    data_preprocessor=dict(blending=dict(augments=[
        dict(type='MixupBlending', alpha=0.8, num_classes=num_classes),
        dict(type='CutmixBlending', alpha=1.0, num_classes=num_classes)
    ])))
data_root = 'data/kinetics600/videos'
train_dataloader = dict(dataset=dict(
    ann_file='data/kinetics600/kinetics600_train_list_videos.txt',
    data_prefix=dict(video=data_root)))
val_dataloader = dict(dataset=dict(
    ann_file='data/kinetics600/kinetics600_val_list_videos.txt',
    data_prefix=dict(video=data_root)))
test_dataloader = val_dataloader
