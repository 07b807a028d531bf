# Test of the official distilled ViT-S (distill/vit_s_k710_dl_from_giant.pth) on K600, 16x5x3
# (published top-1 83.1; ViT-B: the vit-base-p16 twin of this config), as the K400 config:
#   python tools/test.py THIS_CONFIG checkpoints/vit_s_k710_dl_from_giant.pth
# Its 710-way head is read in the K600 class order of tools/data/kinetics/label_map_k600.txt
# (label_710to600.json; annotation files in another class order need their own map:
# tools/data/make_label_index_map.py).
_base_ = ['./vit-small-p16_videomaev2-k710-dist_16x4x1_test-16x5x3_k400.py']
model = dict(cls_head=dict(index_map='tools/data/kinetics/label_710to600.json'))
test_dataloader = dict(dataset=dict(ann_file='data/kinetics600/kinetics600_val_list_videos.txt',
                                    data_prefix=dict(video='data/kinetics600/videos')))
