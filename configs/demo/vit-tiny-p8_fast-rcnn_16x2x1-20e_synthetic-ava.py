# A tiny AVA-style detector on the synthetic AVA data
# (tools/data/make_synthetic_ava.py data/demo/ava): the demo ViT (128 wide, 4
# blocks, patch 8) in feature-map mode inside FastRCNN; CPU, minutes.
# Start from the demo fine-tuning checkpoint with
#   --cfg-options model.backbone.init_cfg.checkpoint=<recognizer .pth>
# No flip: walking left and right are different actions.
_base_ = ['../_base_/default_runtime.py',
          '../_base_/models/videomaev2_vit-base-p16_fast-rcnn.py',
          '../_base_/schedules/videomaev2_detection_adamw.py']
num_classes = 5  # 4 actions + the background column
model = dict(
    backbone=dict(arch=dict(_delete_=True, embed_dims=128, num_layers=4, num_heads=4,
                            mlp_ratio=4.),
                  img_size=64, patch_size=8, num_frames=16, drop_path_rate=0.1,
                  init_cfg=None),
    roi_head=dict(bbox_roi_extractor=dict(featmap_stride=8, output_size=4),
                  bbox_head=dict(in_channels=128, num_classes=num_classes, topk=(1, 2))))

data_root = 'data/demo/ava'
ann = f'{data_root}/annotations'
dataset = dict(type='AVADetectionDataset', fps=10, timestamp_start=0, timestamp_end=8,
               use_frames=False, start_index=0, video_ext='.mp4', num_classes=num_classes,
               label_file=f'{ann}/action_list.pbtxt', data_prefix=dict(img=f'{data_root}/videos'))
train_pipeline = [
    dict(type='DecordInit'),
    dict(type='SampleAVAFrames', clip_len=16, frame_interval=2),
    dict(type='DecordDecode'),
    dict(type='FormatShape', input_format='NCTHW', collapse=True),
    dict(type='PackActionInputs'),
]
val_pipeline = [
    dict(type='DecordInit'),
    dict(type='SampleAVAFrames', clip_len=16, frame_interval=2, test_mode=True),
    dict(type='DecordDecode'),
    dict(type='FormatShape', input_format='NCTHW', collapse=True),
    dict(type='PackActionInputs'),
]
train_dataloader = dict(
    batch_size=8, num_workers=0, persistent_workers=False,
    sampler=dict(type='DefaultSampler', shuffle=True),
    dataset=dict(ann_file=f'{ann}/train.csv', exclude_file=f'{ann}/train_excluded_timestamps.csv',
                 proposal_file=f'{ann}/train_proposals.pkl', pipeline=train_pipeline,
                 **dataset))
val_dataloader = dict(
    batch_size=1, num_workers=0, persistent_workers=False,  # AVARoIHead tests one clip at a time
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(ann_file=f'{ann}/val.csv', exclude_file=f'{ann}/val_excluded_timestamps.csv',
                 proposal_file=f'{ann}/val_proposals.pkl', pipeline=val_pipeline,
                 test_mode=True, **dataset))
test_dataloader = val_dataloader
val_evaluator = dict(type='AVADetectionMetric', ann_file=f'{ann}/val.csv',
                     label_file=f'{ann}/action_list.pbtxt',
                     exclude_file=f'{ann}/val_excluded_timestamps.csv', num_classes=num_classes)
test_evaluator = val_evaluator

max_epochs, warmup_epochs = 20, 1
optim_wrapper = dict(optimizer=dict(lr=1e-3), paramwise_cfg=dict(layer_decay_rate=0.75))
param_scheduler = [
    dict(type='LinearLR', start_factor=0.1, by_epoch=True, begin=0, end=warmup_epochs,
         convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=max_epochs - warmup_epochs, eta_min=0, by_epoch=True,
         begin=warmup_epochs, end=max_epochs, convert_to_iter_based=True),
]
train_cfg = dict(max_epochs=max_epochs, val_interval=max_epochs)
default_hooks = dict(logger=dict(interval=5), checkpoint=dict(interval=max_epochs))
auto_scale_lr = dict(enable=False)
randomness = dict(seed=0)
