"""Repeated-sampling video dataset that names unreadable videos."""
import warnings

from decord._ffi.base import DECORDError
from mmaction.datasets import RepeatAugDataset
from mmaction.registry import DATASETS

# What decord and the file backends raise for missing, truncated or corrupt
# files (decord wraps some of its errors in RuntimeError).
DECODE_ERRORS = (DECORDError, OSError, RuntimeError)


class VideoDecodeError(IOError):
    """A video could not be opened or decoded; the message names the file."""


@DATASETS.register_module()
class RepeatAugVideoDataset(RepeatAugDataset):
    """MMAction2's ``RepeatAugDataset`` (one decoded video -> ``num_repeats``
    independently augmented and masked clips, collated by
    ``repeat_pseudo_collate``), plus handling of unreadable videos.

    VideoMAE V2 pre-training uses ``num_repeats=4, sample_once=True``: the
    reference decodes one clip and applies the augmentation (and masks) k times.

    Args:
        on_corrupt (str): 'raise' (default): a video that cannot be decoded
            raises ``VideoDecodeError`` naming the file; 'skip': warn and
            train on another video instead (MMEngine's refetch).
        **kwargs: ``RepeatAugDataset``'s arguments.
    """

    def __init__(self, *args, on_corrupt: str = 'raise', **kwargs):
        if on_corrupt not in ('raise', 'skip'):
            raise ValueError(f"on_corrupt must be 'raise' or 'skip', got {on_corrupt!r}")
        self.on_corrupt = on_corrupt
        super().__init__(*args, **kwargs)

    def prepare_data(self, idx):
        try:
            return super().prepare_data(idx)
        except DECODE_ERRORS as e:
            filename = self.get_data_info(idx).get('filename', f'index {idx}')
            reason = str(e).strip().splitlines()[-1][:200] if str(e).strip() else ''
            message = f'cannot decode video {filename}: {type(e).__name__}: {reason}'
            if self.on_corrupt == 'skip':
                warnings.warn(f'{message} (skipped, on_corrupt="skip")')
                return None
            raise VideoDecodeError(message) from e
