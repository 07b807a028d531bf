# ViT-B student distilled on K710 from the K710 fine-tuned ViT-g teacher (the
# official result: distill/vit_b_k710_dl_from_giant.pth): as the ViT-S config,
# with a post-pre-trained ViT-B student.
_base_ = ['./vit-small-p16_videomaev2-dist-vit-g-k710-ft_16x4x1-100e_k710.py']
student_init = 'checkpoints/vit_b_k710_post_pretrained.pth'  # any supported format
model = dict(student=dict(
    backbone=dict(arch='b', init_cfg=dict(checkpoint=student_init)),
    cls_head=dict(in_channels=768)))
