# An AVA detector: mmdet's FastRCNN with the plugin ViT in feature-map mode
# ([B, C, T', H', W'], final LayerNorm), MMAction2's AVARoIHead with
# SingleRoIExtractor3D (RoIAlign 8x8 at stride = patch size, temporal average
# pooling) and BBoxHeadAVA (81 outputs incl. background, multilabel,
# dropout 0.5); person proposals come from the dataset. As MMAction2's
# VideoMAE AVA configs, with the plugin backbone.
model = dict(
    type='FastRCNN',
    _scope_='mmdet',
    backbone=dict(
        type='mmaction.VideoMAEv2ViT',
        arch='b',
        img_size=224,
        num_frames=16,
        out_type='featmap',
        drop_path_rate=0.2),
    roi_head=dict(
        type='AVARoIHead',
        bbox_roi_extractor=dict(
            type='SingleRoIExtractor3D',
            roi_layer_type='RoIAlign',
            featmap_stride=16,
            output_size=8,
            with_temporal_pool=True,
            temporal_pool_mode='avg'),
        bbox_head=dict(
            type='BBoxHeadAVA',
            background_class=True,
            in_channels=768,
            num_classes=81,
            multilabel=True,
            dropout_ratio=0.5)),
    data_preprocessor=dict(
        type='ActionDataPreprocessor',
        _scope_='mmaction',
        mean=[123.675, 116.28, 103.53],
        std=[58.395, 57.12, 57.375],
        format_shape='NCTHW'),
    train_cfg=dict(
        rcnn=dict(
            assigner=dict(type='MaxIoUAssignerAVA', pos_iou_thr=0.9, neg_iou_thr=0.9,
                          min_pos_iou=0.9),
            sampler=dict(type='RandomSampler', num=32, pos_fraction=1, neg_pos_ub=-1,
                         add_gt_as_proposals=True),
            pos_weight=1.0)),
    test_cfg=dict(rcnn=None))
