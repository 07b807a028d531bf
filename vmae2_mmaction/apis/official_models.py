"""Plugin model configs for the official VideoMAE V2 models' constructor arguments."""


def official_pretrain_model_cfg(kw: dict, eps: float = 1e-6) -> dict:
    """The plugin's ``VideoMAEv2`` config for the reference's
    ``PretrainVisionTransformer(**kw)`` (LayerNorm epsilon ``eps``)."""
    p, t = kw['patch_size'], kw['tubelet_size']
    return dict(
        type='VideoMAEv2',
        backbone=dict(
            type='VideoMAEv2ViT',
            arch=dict(
                embed_dims=kw['encoder_embed_dim'],
                num_layers=kw['encoder_depth'],
                num_heads=kw['encoder_num_heads'],
                mlp_ratio=kw['mlp_ratio']),
            img_size=kw['img_size'],
            num_frames=kw['all_frames'],
            patch_size=p,
            tubelet_size=t,
            qkv_bias=kw['qkv_bias'],
            norm_eps=eps,
            out_type='tokens'),
        neck=dict(
            type='VideoMAEv2Decoder',
            in_channels=kw['encoder_embed_dim'],
            embed_dims=kw['decoder_embed_dim'],
            num_layers=kw['decoder_depth'],
            num_heads=kw['decoder_num_heads'],
            out_channels=kw['decoder_num_classes'],
            mlp_ratio=kw['mlp_ratio'],
            qkv_bias=kw['qkv_bias'],
            norm_eps=eps),
        head=dict(type='PixelReconstructionHead', patch_size=p, tubelet_size=t))


def official_finetune_model_cfg(kw: dict, eps: float = 1e-6) -> dict:
    """The plugin's recognizer config for the reference's fine-tuning
    ``VisionTransformer(**kw)`` (mean pooling, ``fc_norm``, linear head)."""
    return dict(
        type='VideoMAEv2Recognizer',
        backbone=dict(
            type='VideoMAEv2ViT',
            arch=dict(
                embed_dims=kw['embed_dim'],
                num_layers=kw['depth'],
                num_heads=kw['num_heads'],
                mlp_ratio=kw['mlp_ratio']),
            img_size=kw['img_size'],
            num_frames=kw['all_frames'],
            patch_size=kw['patch_size'],
            tubelet_size=kw['tubelet_size'],
            qkv_bias=kw['qkv_bias'],
            norm_eps=eps,
            out_type='avg'),
        cls_head=dict(
            type='TimeSformerHead', num_classes=kw['num_classes'], in_channels=kw['embed_dim']),
        data_preprocessor=dict(type='ActionDataPreprocessor', format_shape='NCTHW'))
