# ViT-L/16 VideoMAE V2 (K400 fine-tuned) AVA detector trained on AVA-Kinetics (MMAction2's
# AVAKineticsDataset with each sample's own frame range, AVAKineticsDetectionDataset;
# raw frames), evaluated on AVA v2.2 val; model and schedule as its AVA v2.2 twin.
_base_ = ['./vit-large-p16_videomaev2-k400-ft_8xb8-16x4x1-20e-adamw_ava22-rgb.py']
data_root = 'data/ava_kinetics/rawframes'
anno_root = 'data/ava_kinetics/annotations'
train_dataloader = dict(dataset=dict(
    type='AVAKineticsDetectionDataset', data_prefix=dict(img=data_root),
    ann_file=f'{anno_root}/ava_train_v2.2.csv',
    exclude_file=f'{anno_root}/ava_train_excluded_timestamps_v2.2.csv',
    label_file=f'{anno_root}/ava_action_list_v2.2_for_activitynet_2019.pbtxt',
    proposal_file=f'{anno_root}/ava_dense_proposals_train.FAIR.recall_93.9.pkl'))
