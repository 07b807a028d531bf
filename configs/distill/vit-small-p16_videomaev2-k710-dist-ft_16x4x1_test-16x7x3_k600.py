# Test of a distilled ViT-S fine-tuned further on K600
# (./vit-small-p16_videomaev2-k710-dist_16x4x1-30e_k600.py) with 7 clips x 3 crops (the
# official model zoo: top-1 84.6; the official model is not published): as the K400 config.
_base_ = ['./vit-small-p16_videomaev2-k710-dist-ft_16x4x1_test-16x7x3_k400.py']
model = dict(cls_head=dict(num_classes=600))
test_dataloader = dict(dataset=dict(ann_file='data/kinetics600/kinetics600_val_list_videos.txt',
                                    data_prefix=dict(video='data/kinetics600/videos')))
