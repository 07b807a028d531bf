# Follow-up fine-tuning of the distilled ViT-S on K400 (the official model zoo
# reports such models, 16x7x3, without publishing them or their script: the
# recipe is our choice, vit_b_k400_ft.sh's at half its lr for 30 epochs). The
# exported student (tools/export_student.py) initialises the backbone and its
# K710 head, its rows in the K400 class order, the head.
# Test with ./vit-small-p16_videomaev2-k710-dist-ft_16x4x1_test-16x7x3_k400.py.
_base_ = [
    '../_base_/models/videomaev2_vit-small-p16_recognizer.py',
    '../_base_/datasets/k400_videomaev2-ft.py',
    '../_base_/schedules/videomaev2_finetune_adamw.py',
    '../_base_/default_runtime.py',
]
pretrained = 'work_dirs/vit-small-p16_videomaev2-dist-vit-g-k710-ft_16x4x1-100e_k710/student.pth'
model = dict(
    backbone=dict(init_cfg=dict(type='VideoMAEv2Pretrained', checkpoint=pretrained)),
    cls_head=dict(init_cfg=dict(
        type='VideoMAEv2Pretrained', checkpoint=pretrained, prefix='cls_head.',
        index_map='tools/data/kinetics/label_710to400.json')))
optim_wrapper = dict(optimizer=dict(lr=5e-4))
train_cfg = dict(max_epochs=30)
