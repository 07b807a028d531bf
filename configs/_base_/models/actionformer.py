# ActionFormer (Zhang et al., ECCV 2022) as VideoMAE V2 uses it for THUMOS14:
# 2 embedding convs, 2 stem blocks, 5 downsampling blocks (6 levels, strides
# 1..32), local attention window 19, 512-d, shared heads with 3 convs, centre
# sampling radius 1.5, focal + DIoU loss, per-class Gaussian Soft-NMS.
model = dict(
    type='ActionFormer',
    backbone=dict(type='ConvTransformer1d', in_channels=2048, embed_dims=512, num_heads=4,
                  window_size=19, arch=(2, 2, 5), drop_path_rate=0.1),
    neck=dict(type='PyramidLayerNorm', in_channels=512, num_levels=6),
    cls_head=dict(type='PyramidConvHead', in_channels=512, out_channels=20, feat_channels=512,
                  num_convs=3),
    reg_head=dict(type='PyramidConvHead', in_channels=512, out_channels=2, feat_channels=512,
                  num_convs=3),
    max_seq_len=2304,
    regression_ranges=[(0, 4), (4, 8), (8, 16), (16, 32), (32, 64), (64, 10000)],
    center_sample_radius=1.5,
    loss_weight=1.0,
    init_loss_norm=100,
    loss_norm_momentum=0.9,
    test_cfg=dict(pre_nms_thresh=0.001, pre_nms_topk=2000, duration_thresh=0.05,
                  nms_sigma=0.5, min_score=0.001, max_seg_num=200))
