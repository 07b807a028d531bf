# ViT-H/16 VideoMAE V2 (K400 fine-tuned) AVA detector trained on
# AVA-Kinetics, evaluated on AVA v2.2 val.
# Layer decay 0.8, drop path 0.2, lr 0.00025 per 64 clips.
# Initialised from the recognition checkpoint (plugin, official or MMAction2
# format); its `fc_norm` is not used and the feature-map `norm` starts fresh.
_base_ = ['../_base_/default_runtime.py',
          '../_base_/models/videomaev2_vit-base-p16_fast-rcnn.py',
          '../_base_/datasets/ava-kinetics_videomaev2-det.py',
          '../_base_/schedules/videomaev2_detection_adamw.py']
checkpoint = 'checkpoints/vit-huge-p16_videomaev2-k400-ft.pth'
model = dict(
    backbone=dict(
        arch='h', drop_path_rate=0.2,
        with_cp=True,
        init_cfg=dict(type='VideoMAEv2Pretrained', checkpoint=checkpoint,
                      prefix='backbone.')),
    roi_head=dict(bbox_roi_extractor=dict(featmap_stride=16),
                  bbox_head=dict(in_channels=1280)))
optim_wrapper = dict(optimizer=dict(lr=0.00025), paramwise_cfg=dict(layer_decay_rate=0.8))
