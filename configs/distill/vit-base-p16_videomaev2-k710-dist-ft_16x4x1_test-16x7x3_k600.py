# Test of a distilled ViT-B fine-tuned further on K600 with 7 clips x 3 crops
# (official model zoo: top-1 87.4, model not published): as the ViT-S config.
_base_ = ['./vit-small-p16_videomaev2-k710-dist-ft_16x4x1_test-16x7x3_k600.py']
model = dict(backbone=dict(arch='b'), cls_head=dict(in_channels=768))
