import decord
import numpy as np

from tests.conftest import run_tool


def read(path):
    return decord.VideoReader(str(path)).get_batch(range(0, 32, 8)).asnumpy()


def test_videos_and_lists(synthetic_data):
    lines = (synthetic_data / 'train.txt').read_text().split('\n')[:-1]
    assert len(lines) == 16
    labels = [int(line.split()[1]) for line in lines]
    assert sorted(set(labels)) == [0, 1, 2, 3] and labels.count(0) == 4
    video = decord.VideoReader(str(synthetic_data / lines[0].split()[0]))
    assert len(video) == 32 and video[0].shape == (64, 64, 3)
    assert (synthetic_data / 'classes.txt').read_text().split() == [
        'move_right', 'move_left', 'move_down', 'move_up'
    ]


def test_deterministic_for_a_seed(tmp_path):
    for name, seed in (('a', 3), ('b', 3), ('c', 4)):
        run_tool('tools/data/make_synthetic.py', str(tmp_path / name), '--train', '2', '--val', '1',
                 '--seed', str(seed))
    a, b, c = (read(tmp_path / n / 'train' / '00001.mp4') for n in 'abc')
    assert np.array_equal(a, b) and not np.array_equal(a, c)


def test_motion_direction_is_the_class(tmp_path):
    """The shape's centre moves right / left / down / up per class 0..3."""
    run_tool('tools/data/make_synthetic.py', str(tmp_path), '--train', '4', '--val', '1',
             '--frames', '16', '--size', '64')
    expected = [(1, 0), (-1, 0), (0, 1), (0, -1)]
    for label, (dx, dy) in enumerate(expected):
        frames = decord.VideoReader(str(tmp_path / 'train' / f'0000{label}.mp4'))
        first, last = (frames[i].asnumpy().astype(float) for i in (0, 15))
        centres = []
        for frame in (first, last):
            background = np.median(frame.reshape(-1, 3), axis=0)
            fg = np.abs(frame - background).sum(-1) > 60
            ys, xs = np.nonzero(fg)
            centres.append((xs.mean(), ys.mean()))
        move = np.subtract(centres[1], centres[0])
        assert np.sign(np.round(move / 4)).tolist() == [dx, dy], (label, move)


def test_noise_option_keeps_the_motions(tmp_path):
    """``--noise 0 0`` draws the same shapes and paths on a flat background."""
    for name, noise in (('noisy', ('4', '16')), ('flat', ('0', '0'))):
        run_tool('tools/data/make_synthetic.py', str(tmp_path / name), '--train', '2', '--val', '1',
                 '--noise', *noise)
    noisy, flat = (
        read(tmp_path / n / 'train' / '00001.mp4').astype(float) for n in ('noisy', 'flat'))
    corner = flat[:, :8, :8]  # the shapes stay clear of it in this seed's video
    assert np.abs(corner - corner[0, 0, 0]).max() <= 2  # flat up to the codec
    assert np.abs(noisy[:, :8, :8] - corner).std() > 2
    background = np.median(flat.reshape(-1, 3), axis=0)
    shape_flat = np.abs(flat - background).sum(-1) > 60
    shape_noisy = np.abs(noisy - background).sum(-1) > 60
    assert (shape_flat & shape_noisy).sum() > 0.8 * shape_flat.sum() > 0


def test_lossless_videos_hold_the_rendered_pixels(tmp_path):
    """``--lossless`` (FFV1 .mkv) decodes to exactly the rendered frames."""
    from vmae2_mmaction.testing.synthetic import render_video
    run_tool('tools/data/make_synthetic.py', str(tmp_path), '--train', '1', '--val', '1',
             '--lossless', '--seed', '5')
    assert (tmp_path / 'train.txt').read_text() == 'train/00000.mkv 0\n'
    decoded = decord.VideoReader(str(tmp_path / 'train' /
                                     '00000.mkv')).get_batch(range(32)).asnumpy()
    rendered = render_video(0, 32, 64, np.random.RandomState(5))[..., ::-1]  # BGR -> RGB
    assert np.array_equal(decoded, rendered)


def global_motion(clip: np.ndarray) -> np.ndarray:
    """(vx, vy) in pixels per frame: least squares of the brightness-constancy
    constraint gx vx + gy vy + gt = 0 over every pixel, channel and frame pair."""
    x = clip.astype(np.float64)
    gt = x[1:] - x[:-1]
    mid = (x[1:] + x[:-1]) / 2
    gy, gx = np.gradient(mid, axis=1), np.gradient(mid, axis=2)
    a = np.stack([gx.ravel(), gy.ravel()], 1)
    return np.linalg.lstsq(a, -gt.ravel(), rcond=None)[0]


def test_sprite_videos_move_in_their_class_direction_losslessly(tmp_path):
    """``--sprites --lossless``: each video decodes to exactly its rendered
    clip, and its global motion points in its class direction."""
    from vmae2_mmaction.testing.synthetic import sprite_clip
    run_tool('tools/data/make_synthetic.py', str(tmp_path), '--sprites', '--lossless', '--frames',
             '8', '--size', '32', '--train', '12', '--val', '1', '--seed', '2')
    lines = (tmp_path / 'train.txt').read_text().split('\n')[:-1]
    rng = np.random.RandomState(2)
    expected = [(1, 0), (-1, 0), (0, 1), (0, -1)]
    for line in lines:
        rel, label = line.split()
        clip = decord.VideoReader(str(tmp_path / rel)).get_batch(range(8)).asnumpy()
        assert np.array_equal(clip, sprite_clip(int(label), rng, 8, 32))
        motion = global_motion(clip)
        axis = int(np.argmax(np.abs(motion)))
        direction = expected[int(label)]
        assert direction[axis] != 0 and np.sign(motion[axis]) == direction[axis], (line, motion)
        assert not (clip[0] == clip[-1]).all()  # the shapes move
