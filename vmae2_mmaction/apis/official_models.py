"""Plugin model configs for the official VideoMAE V2 models' constructor arguments."""


def backbone_cfg(kw: dict, embed_dims: int, num_layers: int, num_heads: int, eps: float,
                 out_type: str) -> dict:
    """``VideoMAEv2ViT`` with the official model's geometry (``kw``) and width."""
    return dict(
        type='VideoMAEv2ViT',
        arch=dict(
            embed_dims=embed_dims,
            num_layers=num_layers,
            num_heads=num_heads,
            mlp_ratio=kw['mlp_ratio']),
        img_size=kw['img_size'],
        num_frames=kw['all_frames'],
        patch_size=kw['patch_size'],
        tubelet_size=kw['tubelet_size'],
        qkv_bias=kw['qkv_bias'],
        norm_eps=eps,
        out_type=out_type)


def official_pretrain_model_cfg(kw: dict, eps: float = 1e-6) -> dict:
    """The plugin's ``VideoMAEv2`` config for the reference's
    ``PretrainVisionTransformer(**kw)`` (LayerNorm epsilon ``eps``)."""
    return dict(
        type='VideoMAEv2',
        backbone=backbone_cfg(kw, kw['encoder_embed_dim'], kw['encoder_depth'],
                              kw['encoder_num_heads'], eps, 'tokens'),
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
        head=dict(
            type='PixelReconstructionHead',
            patch_size=kw['patch_size'],
            tubelet_size=kw['tubelet_size']))


def official_finetune_model_cfg(kw: dict, eps: float = 1e-6) -> dict:
    """The plugin's recognizer config for the reference's fine-tuning
    ``VisionTransformer(**kw)`` (mean pooling, ``fc_norm``, linear head)."""
    return dict(
        type='VideoMAEv2Recognizer',
        backbone=backbone_cfg(kw, kw['embed_dim'], kw['depth'], kw['num_heads'], eps, 'avg'),
        cls_head=dict(
            type='TimeSformerHead', num_classes=kw['num_classes'], in_channels=kw['embed_dim']),
        data_preprocessor=dict(type='ActionDataPreprocessor', format_shape='NCTHW'))
