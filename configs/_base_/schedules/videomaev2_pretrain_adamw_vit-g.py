# The pre-training schedule of scripts/pretrain/vit_g_hybrid_pt.sh: lr 6e-4,
# gradient clipping 0.02, 300 epochs, 30 of warm-up (the rest as videomaev2_pretrain_adamw.py).
_base_ = ['./videomaev2_pretrain_adamw_300e.py']
optim_wrapper = dict(optimizer=dict(lr=6e-4), clip_grad=dict(max_norm=0.02))
