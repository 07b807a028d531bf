# ActionFormer on VideoMAE V2-g (K710 fine-tuned) features of THUMOS14, as in
# the VideoMAE V2 paper (69.6 average mAP reported). Extract the features with
#   tools/extract_features.py <ViT-g config> <checkpoint> --video-list ... \
#       --out-dir data/thumos14/features/videomaev2_g --reference-preprocessing
_base_ = ['../_base_/default_runtime.py', '../_base_/models/actionformer.py',
          '../_base_/datasets/thumos14_features.py',
          '../_base_/schedules/actionformer_adamw.py']
feat_dir = 'data/thumos14/features/videomaev2_g'
model = dict(backbone=dict(in_channels=1408))
train_dataloader = dict(dataset=dict(data_prefix=dict(feats=feat_dir)))
val_dataloader = dict(dataset=dict(data_prefix=dict(feats=feat_dir)))
test_dataloader = val_dataloader
