import cv2
import pytest

from tests.conftest import DEMO_PT_CONFIG, data_options, run_tool

pytestmark = pytest.mark.slow  # make test-fast leaves these out


@pytest.fixture(scope='module')
def tiny_checkpoint(synthetic_data, tmp_path_factory):
    work_dir = tmp_path_factory.mktemp('pretrain')
    run_tool('tools/train.py', DEMO_PT_CONFIG, '--work-dir', str(work_dir), '--cfg-options',
             'train_cfg.max_epochs=1', *data_options(synthetic_data))
    return str(work_dir / 'epoch_1.pth')


def test_reconstruction_png_on_a_real_video(tiny_checkpoint, sample_video, tmp_path):
    out = tmp_path / 'recon.png'
    proc = run_tool('tools/visualize_reconstruction.py', DEMO_PT_CONFIG, tiny_checkpoint,
                    sample_video, '--out', str(out))
    assert 'wrote' in proc.stdout
    image = cv2.imread(str(out))
    # 3 rows (original, masked, reconstruction) x 8 frames of 64 px, scaled x2
    assert image.shape == (3 * 128, 8 * 128, 3)
    rows = image.reshape(3, 128, -1, 3).astype(float)
    assert rows[0].std() > 10  # real frames
    assert (rows[1] == rows[1][0, 0]).mean() > 0.5  # mostly grey: 90% masked


def test_unreadable_video_is_named(tiny_checkpoint, tmp_path):
    bad = tmp_path / 'not_a_video.mp4'
    bad.write_bytes(b'nothing here' * 50)
    proc = run_tool(
        'tools/visualize_reconstruction.py',
        DEMO_PT_CONFIG,
        tiny_checkpoint,
        str(bad),
        '--out',
        str(tmp_path / 'x.png'),
        check=False)
    assert proc.returncode != 0
    assert 'cannot read video' in proc.stderr and 'not_a_video.mp4' in proc.stderr
