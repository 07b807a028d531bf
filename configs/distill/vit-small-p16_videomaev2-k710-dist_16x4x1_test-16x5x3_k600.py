# Test of the official distilled ViT-S (distill/vit_s_k710_dl_from_giant.pth:
# distilled on K710 from the K710 fine-tuned ViT-g) on K600, 16x5x3
# (published top-1 83.1; ViT-B: the vit-base-p16 twin of this config):
#   python tools/test.py THIS_CONFIG checkpoints/vit_s_k710_dl_from_giant.pth
# It also takes the MMAction2 conversion or a plugin export.
# Its 710-way head is read in the K600 class order of tools/data/kinetics/
# label_map_k600.txt (label_710to600.json; annotation files in another class
# order need their own map: tools/data/make_label_index_map.py).
_base_ = [
    '../_base_/models/videomaev2_vit-small-p16_recognizer.py',
    '../_base_/datasets/k600_videomaev2-ft.py',
    '../_base_/default_runtime.py',
]
model = dict(
    backbone=dict(drop_path_rate=0.0),
    cls_head=dict(num_classes=710,
                  index_map='tools/data/kinetics/label_710to600.json'),
    data_preprocessor=dict(blending=None))
train_dataloader = None
val_dataloader = None
test_cfg = dict(type='TestLoop')
