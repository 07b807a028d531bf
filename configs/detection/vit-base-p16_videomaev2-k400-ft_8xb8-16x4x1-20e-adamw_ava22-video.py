# The ViT-B AVA v2.2 detector (the model and schedule bases are ViT-B's)
# reading the videos with decord instead of extracted frames.
_base_ = ['../_base_/default_runtime.py',
          '../_base_/models/videomaev2_vit-base-p16_fast-rcnn.py',
          '../_base_/datasets/ava22-video_videomaev2-det.py',
          '../_base_/schedules/videomaev2_detection_adamw.py']
checkpoint = 'checkpoints/vit-base-p16_videomaev2-k400-ft.pth'
model = dict(backbone=dict(init_cfg=dict(type='VideoMAEv2Pretrained', checkpoint=checkpoint,
                                         prefix='backbone.')))
