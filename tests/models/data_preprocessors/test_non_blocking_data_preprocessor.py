import torch
from mmaction.registry import MODELS
from mmaction.structures import ActionDataSample

NORM = dict(mean=[123.675, 116.28, 103.53], std=[58.395, 57.12, 57.375], format_shape='NCTHW')


def test_uint8_batch_normalised_on_device_as_mmaction2_float_batch():
    ours = MODELS.build(dict(type='NonBlockingActionDataPreprocessor', **NORM))
    theirs = MODELS.build(dict(type='ActionDataPreprocessor', **NORM))
    assert ours._non_blocking and not theirs._non_blocking
    clips = [torch.randint(0, 256, (1, 3, 4, 8, 8), dtype=torch.uint8) for _ in range(2)]
    samples = [ActionDataSample() for _ in clips]
    out = ours(dict(inputs=clips, data_samples=samples))['inputs']
    ref = theirs(dict(inputs=[c.float() for c in clips], data_samples=samples))['inputs']
    assert out.dtype == torch.float32
    torch.testing.assert_close(out, ref, rtol=0, atol=0)
    assert clips[0].dtype == torch.uint8  # the loader's batch is left as it was
