"""TeacherStudentRecognizer: the frozen teacher, the student, their checks."""
import pytest
import torch
from mmaction.registry import MODELS
from mmaction.structures import ActionDataSample
from mmengine.optim import build_optim_wrapper

from vmae2_mmaction.checkpoint import CheckpointMismatchError


def recognizer(width, depth, classes=4):
    return dict(
        type='Recognizer3D',
        backbone=dict(
            type='VideoMAEv2ViT',
            arch=dict(embed_dims=width, num_layers=depth, num_heads=2),
            img_size=32,
            num_frames=4,
            patch_size=8,
            out_type='avg'),
        cls_head=dict(
            type='VideoMAEv2Head', num_classes=classes, in_channels=width, init_scale=1.0))


@pytest.fixture
def teacher_ckpt(tmp_path):
    torch.manual_seed(0)
    teacher = MODELS.build(recognizer(32, 2))
    teacher.init_weights()
    path = tmp_path / 'teacher.pth'
    torch.save(dict(state_dict=teacher.state_dict()), path)
    return str(path), teacher


def distiller(ckpt, **kwargs):
    cfg = dict(
        type='TeacherStudentRecognizer',
        student=recognizer(16, 1),
        teacher=recognizer(32, 2),
        teacher_checkpoint=ckpt,
        data_preprocessor=dict(type='ActionDataPreprocessor', format_shape='NCTHW'))
    cfg.update(kwargs)
    model = MODELS.build(cfg)
    model.init_weights()
    return model


def batch(n=2):
    samples = [ActionDataSample().set_gt_label(torch.tensor([i % 4])) for i in range(n)]
    return dict(inputs=[torch.rand(1, 3, 4, 32, 32) * 255 for _ in range(n)], data_samples=samples)


def test_teacher_frozen_hidden_and_sees_student_input(teacher_ckpt):
    ckpt, reference_teacher = teacher_ckpt
    model = distiller(
        ckpt,
        feature_loss=dict(type='FeatureDistillationLoss', student_channels=16, teacher_channels=32))
    torch.testing.assert_close(model.teacher.backbone.blocks[0].attn.qkv.weight,
                               reference_teacher.backbone.blocks[0].attn.qkv.weight)
    # not in parameters, state dict or optimizer
    assert not any(k.startswith('teacher') for k in model.state_dict())
    optim = build_optim_wrapper(model, dict(optimizer=dict(type='AdamW', lr=1e-3)))
    student_params = {id(p) for p in model.parameters()}
    optim_params = {id(p) for g in optim.optimizer.param_groups for p in g['params']}
    assert optim_params == student_params
    assert not student_params & {id(p) for p in model.teacher.parameters()}
    # the teacher sees exactly what the student sees
    seen = {}

    def record(name):

        def hook(module, args, out):
            seen[name] = args[0].clone()

        return hook

    model.teacher.backbone.register_forward_hook(record('teacher'))
    model.student.backbone.register_forward_hook(record('student'))
    model.train()
    losses = model.train_step(batch(), optim)
    assert torch.equal(seen['teacher'], seen['student'])
    assert {'loss_kd', 'loss_cls', 'loss_feat'} <= set(losses)
    assert not model.teacher.training
    assert all(p.grad is None for p in model.teacher.parameters())


def test_validation_uses_the_student(teacher_ckpt):
    model = distiller(teacher_ckpt[0]).eval()
    data = model.data_preprocessor(batch(), False)
    with torch.no_grad():
        out = model(**data, mode='predict')
        direct = model.student(**data, mode='predict')
    torch.testing.assert_close(out[0].pred_score, direct[0].pred_score)


def test_class_count_mismatch_names_both(teacher_ckpt):
    with pytest.raises(ValueError, match=r'student .*\(3, 16\).* teacher .*\(4, 32\)'):
        distiller(teacher_ckpt[0], student=recognizer(16, 1, classes=3))


def test_teacher_checkpoint_must_fit(teacher_ckpt):
    with pytest.raises(
            CheckpointMismatchError,
            match=r'backbone.patch_embed.proj.weight: checkpoint \(32, 3, 2, 8, 8\) '
            r'vs model \(48, 3, 2, 8, 8\)'):
        distiller(teacher_ckpt[0], teacher=recognizer(48, 2))


def test_teacher_runs_under_the_same_autocast(teacher_ckpt):
    model = distiller(teacher_ckpt[0])
    dtypes = {}
    model.teacher.cls_head.register_forward_hook(
        lambda m, args, out: dtypes.__setitem__('teacher', out.dtype))
    data = model.data_preprocessor(batch(), True)
    with torch.autocast('cpu', dtype=torch.bfloat16):
        model(**data, mode='loss')
    assert dtypes['teacher'] == torch.bfloat16
