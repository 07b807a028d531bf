# Test of the official distilled ViT-B (distill/vit_b_k710_dl_from_giant.pth) on
# K600, 16x5x3 (published top-1 85.9): as the ViT-S config.
_base_ = ['./vit-small-p16_videomaev2-k710-dist_16x4x1_test-16x5x3_k600.py']
model = dict(backbone=dict(arch='b'), cls_head=dict(in_channels=768))
