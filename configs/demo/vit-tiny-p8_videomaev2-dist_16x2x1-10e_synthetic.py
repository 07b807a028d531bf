# Distillation on the synthetic demo data (CPU, minutes): the tiny demo ViT
# (a fine-tuned checkpoint of vit-tiny-p8_videomaev2-ft_16x2x1-30e_synthetic.py,
# given as teacher_checkpoint) teaches a smaller ViT (64 wide, 2 blocks) by
# matching its logits on the same (augmented) clips.
_base_ = ['./vit-tiny-p8_videomaev2-ft_16x2x1-30e_synthetic.py']
teacher_model = {{_base_.model}}
student_model = dict(
    type='VideoMAEv2Recognizer',
    backbone=dict(
        type='VideoMAEv2ViT',
        arch=dict(embed_dims=64, num_layers=2, num_heads=2, mlp_ratio=4.),
        img_size=64, num_frames=16, patch_size=8, out_type='avg'),
    cls_head=dict(type='TimeSformerHead', num_classes=4, in_channels=64,
                  average_clips='prob'))
model = dict(
    _delete_=True,
    type='TeacherStudentRecognizer',
    student=student_model,
    teacher=teacher_model,
    teacher_checkpoint='work_dirs/demo/finetune/epoch_30.pth',
    distill_loss=dict(type='LogitDistillationLoss', temperature=1.0),
    cls_loss_weight=0.0,
    data_preprocessor={{_base_.model.data_preprocessor}})
max_epochs = 10
train_cfg = dict(max_epochs=max_epochs, val_interval=5)
param_scheduler = [
    dict(type='LinearLR', start_factor=0.01, by_epoch=True, begin=0, end=1,
         convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=max_epochs - 1, eta_min=1e-6,
         by_epoch=True, begin=1, end=max_epochs, convert_to_iter_based=True),
]
