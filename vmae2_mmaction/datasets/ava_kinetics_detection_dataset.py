"""MMAction2's AVA-Kinetics dataset with every sample's frame range its own."""
from mmaction.datasets import AVAKineticsDataset
from mmaction.registry import DATASETS


@DATASETS.register_module()
class AVAKineticsDetectionDataset(AVAKineticsDataset):
    """``AVAKineticsDataset`` whose samples each carry their own ``shot_info``.

    MMAction2 1.2's ``AVAKineticsDataset.load_data_list`` gives every sample the
    ``shot_info`` of the *last annotation line* of the file: a 15-minute AVA
    movie (frames 1..27001) and a 10-second Kinetics clip (``<id>_<start>_<end>``,
    frames 1..301) share one range, so ``SampleAVAFrames`` clamps the AVA
    samples' frames to the first 10 seconds when the file ends with a Kinetics
    line (or reads past a Kinetics clip's end when it ends with an AVA one).
    Here each sample's range comes from its own video's timestamps; everything
    else is MMAction2's.
    """

    def load_data_list(self) -> list:
        data_list = super().load_data_list()
        for info in data_list:
            span = info['timestamp_end'] - info['timestamp_start']
            info['shot_info'] = (1, span * self._FPS + 1)  # MMAction2's formula
        return data_list
