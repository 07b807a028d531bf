# ViT-S student distilled on K710 from the ViT-g teacher fine-tuned on K710. The
# official repository publishes the result (distill/vit_s_k710_dl_from_giant.pth)
# but no distillation script: the recipe here is our choice (docs/model_zoo.md).
# The student matches the teacher's logits (KL, temperature 1) on the same
# augmented clips (the fine-tuning augmentation and Mixup/CutMix, seen by both),
# for a long schedule ("a good teacher is patient and consistent"), with the
# ViT-S fine-tuning recipe of the official ViT-B scripts (vit_b_k710_ft.sh: 16
# videos per GPU, layer decay 0.75, drop path 0.1) at lr 1e-3 for 100 epochs.
# The student starts from a post-pre-trained ViT-S (pre-trained, then fine-tuned
# on K710, as the official model zoo describes), the teacher from
# vit_g_hybrid_pt_1200e_k710_ft.pth (or its MMAction2 conversion, or a plugin
# checkpoint). Export the student with tools/export_student.py.
_base_ = [
    '../_base_/datasets/k710_videomaev2-ft.py',
    '../_base_/schedules/videomaev2_finetune_adamw.py',
    '../_base_/default_runtime.py',
]
num_classes = 710
student_init = 'checkpoints/vit_s_k710_post_pretrained.pth'  # any supported format
teacher_checkpoint = 'checkpoints/vit_g_hybrid_pt_1200e_k710_ft.pth'
model = dict(
    type='TeacherStudentRecognizer',
    student=dict(
        type='VideoMAEv2Recognizer',
        backbone=dict(
            type='VideoMAEv2ViT', arch='s', out_type='avg', drop_path_rate=0.1,
            init_cfg=dict(type='VideoMAEv2Pretrained', checkpoint=student_init)),
        cls_head=dict(type='VideoMAEv2Head', num_classes=num_classes,
                      in_channels=384, label_smooth_eps=0.1, average_clips='prob')),
    teacher=dict(
        type='VideoMAEv2Recognizer',
        backbone=dict(type='VideoMAEv2ViT', arch='g', out_type='avg'),
        cls_head=dict(type='VideoMAEv2Head', num_classes=num_classes,
                      in_channels=1408, average_clips='prob')),
    teacher_checkpoint=teacher_checkpoint,
    distill_loss=dict(type='LogitDistillationLoss', temperature=1.0),
    cls_loss_weight=0.0,
    data_preprocessor=dict(
        type='ActionDataPreprocessor',
        mean=[123.675, 116.28, 103.53],
        std=[58.395, 57.12, 57.375],
        format_shape='NCTHW',
        blending=dict(
            type='RandomBatchAugment',
            augments=[
                dict(type='MixupBlending', alpha=0.8),  # num_classes: the student's
                dict(type='CutmixBlending', alpha=1.0)
            ],
            probs=[0.5, 0.5])))
train_cfg = dict(max_epochs=100)
