# ViT-S/16 VideoMAE V2 (K400 fine-tuned) AVA detector trained on AVA-Kinetics (raw
# frames), evaluated on AVA v2.2 val; model and schedule as its AVA v2.2 twin.
_base_ = ['./vit-small-p16_videomaev2-k400-ft_8xb8-16x4x1-20e-adamw_ava22-rgb.py',
          '../_base_/datasets/ava-kinetics_videomaev2-det.py']
train_dataloader = dict(dataset=_base_.ava_kinetics_train_dataset)
