"""A tiny teacher trained on synthetic videos distils into a smaller student:
the KL term falls, the student agrees with the teacher more than the same
student trained on the labels alone, and the exported student scores exactly
as before export (plugin format) and runs in MMAction2's own ViT (mmaction2)."""
import glob
import json
import os.path as osp
import pickle

import numpy as np
import pytest
import torch

from tests.conftest import ROOT, run_tool

pytestmark = pytest.mark.slow  # make test-fast leaves these out

FT = osp.join(ROOT, 'configs/demo/vit-tiny-p8_videomaev2-ft_16x2x1-30e_synthetic.py')
DIST = osp.join(ROOT, 'configs/demo/vit-tiny-p8_videomaev2-dist_16x2x1-10e_synthetic.py')
EPOCHS = 8


def data_options(data):
    return [
        f'{s}_dataloader.dataset.{k}' +
        (f'={data}/{"train" if s == "train" else "val"}.txt' if k == 'ann_file' else f'={data}')
        for s in ('train', 'val', 'test') for k in ('ann_file', 'data_prefix.video')
    ]


def scores(path):
    with open(path, 'rb') as f:
        return np.stack([r['pred_score'].numpy() for r in pickle.load(f)])


def agreement(a, b):
    return float((a.argmax(1) == b.argmax(1)).mean())


@pytest.fixture(scope='module')
def runs(tmp_path_factory):
    tmp = tmp_path_factory.mktemp('distill')
    data = tmp / 'data'
    run_tool('tools/data/make_synthetic.py', str(data), '--train', '32', '--val', '64', '--seed',
             '1')
    opts = data_options(data)
    common = ['train_cfg.val_interval=100', 'default_hooks.logger.interval=1']
    # the teacher: the tiny demo ViT, briefly trained on the labels
    run_tool('tools/train.py', FT, '--work-dir', str(tmp / 'teacher'), '--cfg-options',
             'train_cfg.max_epochs=3', *common, *opts)
    teacher_ckpt = str(tmp / 'teacher' / 'epoch_3.pth')
    run_tool('tools/test.py', FT, teacher_ckpt, '--work-dir', str(tmp / 't'), '--dump',
             str(tmp / 'teacher.pkl'), '--cfg-options', *opts)
    # the student distilled from it
    run_tool('tools/train.py', DIST, '--work-dir', str(tmp / 'dist'), '--cfg-options',
             f'model.teacher_checkpoint={teacher_ckpt}', f'train_cfg.max_epochs={EPOCHS}', *common,
             *opts)
    dist_ckpt = str(tmp / 'dist' / f'epoch_{EPOCHS}.pth')
    run_tool('tools/test.py', DIST, dist_ckpt, '--work-dir', str(tmp / 'd'), '--dump',
             str(tmp / 'dist.pkl'), '--cfg-options', f'model.teacher_checkpoint={teacher_ckpt}',
             *opts)
    # the same student trained on the labels, same budget
    student_cfg = tmp / 'student.py'
    student_cfg.write_text(f"""_base_ = ['{FT}']
model = dict(
    backbone=dict(arch=dict(_delete_=True, embed_dims=64, num_layers=2, num_heads=2),
                  drop_path_rate=0.0),
    cls_head=dict(in_channels=64))
""")
    run_tool('tools/train.py', str(student_cfg), '--work-dir', str(tmp / 'base'), '--cfg-options',
             f'train_cfg.max_epochs={EPOCHS}', *common, *opts)
    run_tool('tools/test.py', str(student_cfg), str(tmp / 'base' / f'epoch_{EPOCHS}.pth'),
             '--work-dir', str(tmp / 'b'), '--dump', str(tmp / 'base.pkl'), '--cfg-options', *opts)
    return dict(tmp=tmp, opts=opts, dist_ckpt=dist_ckpt, student_cfg=str(student_cfg))


def test_kl_falls_and_student_follows_teacher(runs):
    tmp = runs['tmp']
    [scalars] = glob.glob(str(tmp / 'dist' / '*' / 'vis_data' / 'scalars.json'))
    kd = [json.loads(line)['loss_kd'] for line in open(scalars) if 'loss_kd' in line]
    assert np.mean(kd[-4:]) < np.mean(kd[:4])
    teacher = scores(tmp / 'teacher.pkl')
    distilled = agreement(scores(tmp / 'dist.pkl'), teacher)
    baseline = agreement(scores(tmp / 'base.pkl'), teacher)
    print(f'agreement with the teacher: distilled {distilled:.3f}, labels only {baseline:.3f}')
    assert distilled > baseline


def test_export_plugin_scores_exactly_as_before(runs):
    tmp = runs['tmp']
    out = tmp / 'student_plugin.pth'
    run_tool('tools/export_student.py', runs['dist_ckpt'], str(out))
    run_tool('tools/test.py', runs['student_cfg'], str(out), '--work-dir', str(tmp / 'e'), '--dump',
             str(tmp / 'exported.pkl'), '--cfg-options', *runs['opts'])
    np.testing.assert_array_equal(scores(tmp / 'exported.pkl'), scores(tmp / 'dist.pkl'))


def test_export_mmaction2_loads_in_mmaction2_config(runs):
    """MMAction2's own configs/recognition/videomaev2 config (VisionTransformer
    + TimeSformerHead), shrunk to the student, loads the export and gives the
    student's scores."""
    import mmaction
    from mmaction.registry import MODELS
    from mmengine.config import Config
    from mmengine.runner import load_checkpoint
    tmp = runs['tmp']
    out = tmp / 'student_mm.pth'
    run_tool('tools/export_student.py', runs['dist_ckpt'], str(out), '--format', 'mmaction2')
    mm_cfg = Config.fromfile(
        osp.join(
            osp.dirname(mmaction.__file__), '.mim', 'configs', 'recognition', 'videomaev2',
            'vit-base-p16_videomaev2-vit-g-dist-k710-pre_16x4x1_kinetics-400.py'))
    mm_cfg.model.backbone.update(img_size=64, patch_size=8, embed_dims=64, depth=2, num_heads=2)
    mm_cfg.model.cls_head.update(num_classes=4, in_channels=64)
    theirs = MODELS.build(mm_cfg.model).eval()
    ckpt = load_checkpoint(theirs, str(out), map_location='cpu', strict=False)
    assert 'state_dict' in ckpt
    ours = MODELS.build(Config.fromfile(runs['student_cfg']).model).eval()
    load_checkpoint(ours, str(tmp / 'student_plugin.pth'), map_location='cpu', strict=True)
    video = torch.randn(2, 3, 16, 64, 64)
    with torch.no_grad():
        torch.testing.assert_close(
            theirs.cls_head(theirs.backbone(video)),
            ours.cls_head(ours.backbone(video)),
            atol=1e-5,
            rtol=0)
