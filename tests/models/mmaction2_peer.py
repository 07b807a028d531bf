"""MMAction2's own VideoMAE ViT as a peer to compare the plugin backbone with."""
from mmaction.models.backbones.vit_mae import VisionTransformer

from vmae2_mmaction.checkpoint import to_mmaction2


def mmaction2_tiny_vit(backbone_sd: dict, **kwargs) -> VisionTransformer:
    """MMAction2's VisionTransformer (vit_mae.py) at the golden tiny size
    (96 px, patch 16, 64 wide, 2 blocks, 16 frames), in eval mode, loaded with
    a plugin backbone state dict (keys without ``backbone.``) through
    ``to_mmaction2``; only its fixed position table is left to it."""
    theirs = VisionTransformer(
        img_size=96,
        patch_size=16,
        embed_dims=64,
        depth=2,
        num_heads=4,
        num_frames=16,
        norm_cfg=dict(type='LN', eps=1e-6),
        **kwargs).eval()
    converted = to_mmaction2({f'backbone.{k}': v for k, v in backbone_sd.items()})
    missing, unexpected = theirs.load_state_dict(
        {
            k[len('backbone.'):]: v
            for k, v in converted.items()
        }, strict=False)
    assert missing == ['pos_embed'] and unexpected == []  # their fixed table
    return theirs
