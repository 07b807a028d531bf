# The VideoMAE V2 recognizer (videomaev2_vit-base-p16_recognizer.py) with the
# ViT-g/14 backbone.
_base_ = ['./videomaev2_vit-base-p16_recognizer.py']
model = dict(backbone=dict(arch='g'), cls_head=dict(in_channels=1408))
