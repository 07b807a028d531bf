"""The reference's weight initialisation of its transformers."""
import torch.nn as nn


def reference_init_(module: nn.Module) -> None:
    """Xavier-uniform linear weights, zero biases, unit LayerNorms, in place."""
    for m in module.modules():
        if isinstance(m, nn.Linear):
            nn.init.xavier_uniform_(m.weight)
            if m.bias is not None:
                nn.init.zeros_(m.bias)
        elif isinstance(m, nn.LayerNorm):
            nn.init.ones_(m.weight)
            nn.init.zeros_(m.bias)
