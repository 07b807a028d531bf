# ViT-B student distilled from the ViT-g teacher fine-tuned on K710, on K710:
# the student matches the teacher's logits (KL, temperature 1) on the same
# augmented clips (RandAugment, Mixup/CutMix... applied once, seen by both),
# with a long schedule ("a good teacher is patient and consistent"). The student
# starts from a post-pre-trained ViT-B (student_init: pre-trained, then
# fine-tuned on K710, as the official model zoo describes), the teacher
# from the K710 fine-tuned ViT-g (official vit_g_hybrid_pt_1200e_k710_ft.pth,
# its MMAction2 conversion or a plugin checkpoint).
# Export the result with tools/export_student.py.
_base_ = [
    '../_base_/datasets/k710_videomaev2-ft.py',
    '../_base_/schedules/videomaev2_finetune_adamw.py',
    '../_base_/default_runtime.py',
]
num_classes = 710
student_init = 'checkpoints/vit_b_k710_post_pretrained.pth'  # any supported format
teacher_checkpoint = 'checkpoints/vit_g_hybrid_pt_1200e_k710_ft.pth'
model = dict(
    type='TeacherStudentRecognizer',
    student=dict(
        type='Recognizer3D',
        backbone=dict(
            type='VideoMAEv2ViT', arch='b', out_type='avg', drop_path_rate=0.1,
            init_cfg=dict(type='VideoMAEv2Pretrained', checkpoint=student_init)),
        cls_head=dict(type='VideoMAEv2Head', num_classes=num_classes,
                      in_channels=768, label_smooth_eps=0.1, average_clips='prob')),
    teacher=dict(
        type='Recognizer3D',
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
                dict(type='MixupBlending', alpha=0.8, num_classes=num_classes),
                dict(type='CutmixBlending', alpha=1.0, num_classes=num_classes)
            ],
            probs=[0.5, 0.5])))
max_epochs, warmup_epochs, base_lr = 100, 5, 1e-3
optim_wrapper = dict(
    optimizer=dict(lr=base_lr), paramwise_cfg=dict(layer_decay_rate=0.75))
param_scheduler = [
    dict(type='LinearLR', start_factor=1e-6 / base_lr, by_epoch=True, begin=0,
         end=warmup_epochs, convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=max_epochs - warmup_epochs,
         eta_min_ratio=1e-6 / base_lr, by_epoch=True, begin=warmup_epochs,
         end=max_epochs, convert_to_iter_based=True),
]
train_cfg = dict(max_epochs=max_epochs)
train_dataloader = dict(batch_size=16)
default_hooks = dict(checkpoint=dict(interval=5, save_best='auto', max_keep_ckpts=2))
