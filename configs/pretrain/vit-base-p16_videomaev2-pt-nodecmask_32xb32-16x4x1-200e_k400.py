# Ablation: no decoder masking (the decoder reconstructs every encoder-masked token, as
# VideoMAE V1); compare FLOPs and speed with vit-
# base-p16_videomaev2-pt_32xb32-16x4x1-200e_k400.py (paper, Table 1).
_base_ = ['./vit-base-p16_videomaev2-pt_32xb32-16x4x1-200e_k400.py']
model = dict(decoder_masking=False)
