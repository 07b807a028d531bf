"""Video datasets that draw their random choices per sample and name the videos they cannot read."""
import os
import tempfile
import warnings

import av
from decord._ffi.base import DECORDError
from mmaction.datasets import VideoDataset
from mmaction.registry import DATASETS

from .seeded_sampling import seeded_random

# What decord, PyAV and the file backends raise for missing, truncated or
# corrupt files (decord wraps some of its errors in RuntimeError).
DECODE_ERRORS = (DECORDError, av.FFmpegError, OSError, RuntimeError)


class VideoDecodeError(IOError):
    """A video could not be opened or decoded; the message names the file."""


def decode_error(filename: str, error: BaseException) -> VideoDecodeError:
    """A ``VideoDecodeError`` naming the file, the decoder's error type and
    the last line of its message."""
    text = str(error).strip()
    reason = text.splitlines()[-1][:200] if text else ''
    return VideoDecodeError(f'cannot decode video {filename}: {type(error).__name__}: {reason}')


class GuardedSamplesMixin:
    """For MMEngine datasets of videos: every sample's pipeline runs under the
    seed its ``SeededIndex`` carries (``seeded_sampling``), and a video that
    cannot be decoded is named.

    Args:
        on_corrupt (str, optional): 'raise': ``VideoDecodeError`` naming the
            file; 'skip': a warning naming it, then another video instead
            (MMEngine's refetch), counted per epoch by ``SkippedVideosHook``.
            Default: 'raise' for a test-mode dataset (validation, test: skipping
            would change what is measured), 'skip' for training.
    """

    def __init__(self, *args, on_corrupt=None, **kwargs):
        test_mode = kwargs.get('test_mode', False)
        on_corrupt = on_corrupt or ('raise' if test_mode else 'skip')
        if on_corrupt not in ('raise', 'skip'):
            raise ValueError(f"on_corrupt must be 'raise' or 'skip', got {on_corrupt!r}")
        if on_corrupt == 'skip' and test_mode:
            raise ValueError("on_corrupt='skip' in a test-mode dataset would change the set "
                             "measured: use 'raise' and fix or remove the file")
        self.on_corrupt = on_corrupt
        # the skipped files, one a line, appended by whichever process skips
        # them (loader workers included) and read by SkippedVideosHook
        self.skipped_log = None
        if on_corrupt == 'skip':
            fd, self.skipped_log = tempfile.mkstemp(prefix='vmae2-skipped-videos-', suffix='.txt')
            os.close(fd)
        super().__init__(*args, **kwargs)

    def prepare_sample(self, idx):
        """The pipeline's output for ``idx`` (the dataset's own ``prepare_data``)."""
        return super().prepare_data(idx)

    def prepare_data(self, idx):
        try:
            with seeded_random(getattr(idx, 'seed', None)):
                return self.prepare_sample(idx)
        except DECODE_ERRORS as e:
            filename = self.get_data_info(idx).get('filename', f'index {idx}')
            error = decode_error(filename, e)
            if self.on_corrupt == 'raise':
                raise error from e
            warnings.warn(f'{error} (skipped, on_corrupt="skip")')
            with open(self.skipped_log, 'a') as f:
                f.write(f'{filename}\n')
            return None


@DATASETS.register_module()
class SeededVideoDataset(GuardedSamplesMixin, VideoDataset):
    """MMAction2's ``VideoDataset`` (same arguments, same samples) with
    ``GuardedSamplesMixin``: per-sample seeds from ``SeededSampler``, and
    ``on_corrupt``."""
