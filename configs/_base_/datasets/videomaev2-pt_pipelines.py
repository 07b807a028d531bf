# VideoMAE V2 pre-training data (the reference's run_mae_pretraining.py and
# dataset/pretrain_datasets.py): one clip of 16 frames at a fixed interval
# from a random start, the multi-scale crop (scales 1/.875/.75/.66, 13 fixed
# crop positions, no flip) resized to 224 px, tube masking 90% for the encoder
# and running cell 50% for the decoder over the clip's token grid, 4 repeated
# samples per decoded video (num_sample 4: crop and masks redrawn per repeat).
# 32 videos per GPU.
# Frames are decoded with PyAV (PyAVIndexedInit / PyAVIndexedDecode: decord's
# frames for the same indices, fewer decoded; DecordInit / DecordDecode remain
# selectable): docs/data_loading.md.
# The masks' token grid follows the backbone's patch and tubelet size: 16 and 2
# here (ViT-S/B/L/H); the ViT-g/14 configs assemble their pipelines from the
# pieces below with masks for patch 14.
patch_size, tubelet_size = 16, 2
decode_interval4 = [
    dict(type='PyAVIndexedInit'),
    dict(type='SampleFrames', clip_len=16, frame_interval=4, num_clips=1),
    dict(type='PyAVIndexedDecode'),
]
decode_interval2 = [
    dict(type='PyAVIndexedInit'),
    dict(type='SampleFrames', clip_len=16, frame_interval=2, num_clips=1),
    dict(type='PyAVIndexedDecode'),
]
crop = [
    dict(type='MultiScaleCrop', input_size=224, scales=(1, .875, .75, .66),
         random_crop=False, max_wh_scale_gap=1, num_fixed_crops=13),
    # MMAction2's Resize, its frames written into one array (no copy in FormatShape)
    dict(type='StackedResize', scale=(224, 224), keep_ratio=False),
    dict(type='FormatShape', input_format='NCTHW'),
]
mask_and_pack = [
    dict(type='TubeMasking', mask_ratio=0.9, patch_size=patch_size,
         tubelet_size=tubelet_size),
    dict(type='RunningCellMasking', mask_ratio=0.5, patch_size=patch_size,
         tubelet_size=tubelet_size),
    dict(type='PackActionInputs', algorithm_keys=('encoder_mask', 'decoder_mask')),
]
pipeline_interval4 = decode_interval4 + crop + mask_and_pack
pipeline_interval2 = decode_interval2 + crop + mask_and_pack
num_repeats = 4
train_dataloader = dict(
    batch_size=32,  # videos per GPU; each gives num_repeats clips
    num_workers=10,
    persistent_workers=True,
    pin_memory=True,
    drop_last=True,
    # DefaultSampler's order; every sample's random draws (crop, masks) seeded by
    # (seed, epoch, rank, index): vmae2_mmaction/datasets/seeded_sampling.py
    sampler=dict(type='SeededSampler', shuffle=True),
    collate_fn=dict(type='repeat_pseudo_collate'))
