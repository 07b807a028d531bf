# Follow-up fine-tuning of the distilled ViT-S on K600: as the K400 config, with
# the K710 head's rows in the K600 class order of tools/data/kinetics/
# label_map_k600.txt (annotation files in another class order need their own
# map: tools/data/make_label_index_map.py).
_base_ = ['./vit-small-p16_videomaev2-k710-dist_16x4x1-30e_k400.py']
model = dict(
    cls_head=dict(
        num_classes=600,
        init_cfg=dict(index_map='tools/data/kinetics/label_710to600.json')))
data_root = 'data/kinetics600/videos'
train_dataloader = dict(dataset=dict(
    ann_file='data/kinetics600/kinetics600_train_list_videos.txt',
    data_prefix=dict(video=data_root)))
val_dataloader = dict(dataset=dict(
    ann_file='data/kinetics600/kinetics600_val_list_videos.txt',
    data_prefix=dict(video=data_root)))
test_dataloader = val_dataloader
