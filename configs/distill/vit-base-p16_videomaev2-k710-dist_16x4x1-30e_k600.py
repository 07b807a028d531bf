# Follow-up fine-tuning of the distilled ViT-B on K600: as the ViT-S config.
_base_ = ['./vit-small-p16_videomaev2-k710-dist_16x4x1-30e_k600.py']
pretrained = 'work_dirs/vit-base-p16_videomaev2-dist-vit-g-k710-ft_16x4x1-100e_k710/student.pth'
model = dict(
    backbone=dict(arch='b', init_cfg=dict(checkpoint=pretrained)),
    cls_head=dict(in_channels=768, init_cfg=dict(checkpoint=pretrained)))
