# Test of the official distilled ViT-S (K710 distillation from ViT-g, then
# K400 fine-tuning) with 5 clips x 3 crops; see the ViT-B config.
_base_ = ['./vit-base-p16_videomaev2-vit-g-dist-k710-pre_16x4x1_test-16x5x3_k400.py']
model = dict(backbone=dict(arch='s'), cls_head=dict(in_channels=384))
