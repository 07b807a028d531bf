# ActionFormer on ActionFormer's two-stream I3D features of THUMOS14
# (2048-d, the baseline the VideoMAE V2 features are compared with).
_base_ = ['../_base_/default_runtime.py', '../_base_/models/actionformer.py',
          '../_base_/datasets/thumos14_features.py',
          '../_base_/schedules/actionformer_adamw.py']
feat_dir = 'data/thumos14/features/i3d'
model = dict(backbone=dict(in_channels=2048))
train_dataloader = dict(dataset=dict(data_prefix=dict(feats=feat_dir)))
val_dataloader = dict(dataset=dict(data_prefix=dict(feats=feat_dir)))
test_dataloader = val_dataloader
