# ActionFormer on VideoMAE V2-g features of FineAction (106 classes, features
# every 16 frames; VideoMAE V2 reports 18.2 average mAP at tIoU 0.5:0.05:0.95).
# Train on the training subset, evaluate on validation; classes come from the
# annotation file (ordered by label_id). Extract with --stride 16.
_base_ = ['../_base_/default_runtime.py', '../_base_/models/actionformer.py',
          '../_base_/datasets/thumos14_features.py',
          '../_base_/schedules/actionformer_adamw.py']
data_root = 'data/fineaction'
ann_file = f'{data_root}/annotations/annotations_gt.json'
feat_dir = f'{data_root}/features/videomaev2_g'
model = dict(backbone=dict(in_channels=1408), cls_head=dict(out_channels=106))
dataset = dict(ann_file=ann_file, data_prefix=dict(feats=feat_dir), feat_stride=16,
               metainfo=dict(classes=None))
train_dataloader = dict(dataset=dict(subset='training', **dataset))
val_dataloader = dict(dataset=dict(subset='validation', **dataset))
test_dataloader = val_dataloader
val_evaluator = dict(tiou_thresholds=(0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95))
test_evaluator = val_evaluator

max_epochs = 50  # 5 warm-up + 45 cosine
param_scheduler = [
    dict(type='LinearLR', start_factor=1e-3, by_epoch=True, begin=0, end=5,
         convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=max_epochs - 5, eta_min=1e-8, by_epoch=True,
         begin=5, end=max_epochs, convert_to_iter_based=True),
]
train_cfg = dict(max_epochs=max_epochs)
