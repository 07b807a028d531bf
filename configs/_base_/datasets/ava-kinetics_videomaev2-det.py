# AVA-Kinetics training set (raw frames; AVAKineticsDetectionDataset: MMAction2's
# AVAKineticsDataset with each sample's own frame range) for the AVA-Kinetics detection
# configs, which keep everything else from their AVA v2.2 twin. One key only, so that it
# can stand beside the twin in `_base_` (MMEngine refuses two bases defining one key).
ava_kinetics_train_dataset = dict(
    type='AVAKineticsDetectionDataset',
    data_prefix=dict(img='data/ava_kinetics/rawframes'),
    ann_file='data/ava_kinetics/annotations/ava_train_v2.2.csv',
    exclude_file='data/ava_kinetics/annotations/ava_train_excluded_timestamps_v2.2.csv',
    label_file='data/ava_kinetics/annotations/'
    'ava_action_list_v2.2_for_activitynet_2019.pbtxt',
    proposal_file='data/ava_kinetics/annotations/'
    'ava_dense_proposals_train.FAIR.recall_93.9.pkl')
