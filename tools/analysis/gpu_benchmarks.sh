#!/usr/bin/env bash
# Every GPU figure of docs/benchmarks.md in one run, then the scale-out check.
#   bash tools/analysis/gpu_benchmarks.sh [OUT]          (on a CUDA machine)
#   DEVICE=cpu QUICK=1 bash tools/analysis/gpu_benchmarks.sh   (dry run: tiny
#       inputs, ViT-B in place of ViT-g, no compiled cases, the demo model
#       in place of ViT-g)
# Writes OUT/<case>.log and one JSON line per case to OUT/results.jsonl
# (tools/analysis/benchmark.py's last line, with the case name).
# Cases: ViT-B pre-training at batch 32 and 128, end to end (uint8 pinned batch,
# copy and normalisation in the step) and model only, eager and compiled, and
# once under CUDA's sync debug mode (host_syncs: 'none' or the first one);
# ViT-g/14 pre-training at batch 8 with gradient checkpointing (full and
# selective, cp_policy='save_matmuls') and without;
# ViT-B fine-tuning (batch 16) and inference (batch 32). Then FlexibleRunner
# with FSDP2Strategy trains a few ViT-g/14 pre-training iterations on synthetic
# videos through tools/dist_train.sh, saves a checkpoint and resumes from it.
set -uo pipefail
cd "$(dirname "$0")/../.."
PY=${PY:-python3}
OUT=${1:-work_dirs/gpu_benchmarks}
DEVICE=${DEVICE:-cuda}
QUICK=${QUICK:-0}
mkdir -p "$OUT"
: >"$OUT/results.jsonl"
B_PT=configs/pretrain/vit-base-p16_videomaev2-pt_32xb32-16x4x1-200e_k400.py
G_PT=configs/pretrain/vit-giant-p14_videomaev2-pt_64xb32-16x4x1-300e_hybrid.py
B_FT=configs/finetune/vit-base-p16_videomaev2-hybrid-pt_32xb16-16x4x1-90e_k400.py
ITERS=(--iters 20 --warmup 5)
AMP=(--amp bf16)
STRATEGY=FSDP2Strategy
SCALE_CFG=$G_PT
if [ "$QUICK" = 1 ]; then
  ITERS=(--iters 1 --warmup 1)
  G_PT=$B_PT
  SCALE_CFG=configs/demo/vit-tiny-p8_videomaev2-pt_16x2x1-30e_synthetic.py
fi
[ "$DEVICE" = cpu ] && AMP=()
failed=0

bench() {  # CASE CONFIG [benchmark.py args]
  local name=$1 config=$2
  shift 2
  local shape=()
  [ "$QUICK" = 1 ] && shape=(--shape 4 32 32)
  echo "== $name"
  if $PY tools/analysis/benchmark.py "$config" --device "$DEVICE" "${AMP[@]}" "${ITERS[@]}" \
      "${shape[@]}" "$@" >"$OUT/$name.log" 2>&1; then
    tail -1 "$OUT/$name.log" | $PY -c "import json, sys; r = json.load(sys.stdin); \
r['case'] = '$name'; print(json.dumps(r))" | tee -a "$OUT/results.jsonl"
  else
    echo "FAILED: $name (see $OUT/$name.log)"; tail -5 "$OUT/$name.log"; failed=1
  fi
}

for batch in 32 128; do
  [ "$QUICK" = 1 ] && batch=2
  sync=()
  [ "$DEVICE" = cuda ] && [ "$batch" = 32 ] && sync=(--check-sync)
  bench "vit-b-pt-b$batch-end-to-end" $B_PT --batch $batch "${sync[@]}"
  bench "vit-b-pt-b$batch-model-only" $B_PT --batch $batch --model-only
  [ "$QUICK" = 1 ] && break  # compiling takes minutes on a CPU
  bench "vit-b-pt-b$batch-compiled-end-to-end" $B_PT --batch $batch --compile
  bench "vit-b-pt-b$batch-compiled-model-only" $B_PT --batch $batch --compile --model-only
done
gbatch=8
[ "$QUICK" = 1 ] && gbatch=2
bench vit-g-pt-b8-checkpointing $G_PT --batch $gbatch --cfg-options model.backbone.with_cp=True
bench vit-g-pt-b8-checkpointing-save-matmuls $G_PT --batch $gbatch --cfg-options \
  model.backbone.with_cp=True model.backbone.cp_policy=save_matmuls
bench vit-g-pt-b8-no-checkpointing $G_PT --batch $gbatch --cfg-options model.backbone.with_cp=False
NO_INIT=(--cfg-options model.backbone.init_cfg=None)  # random weights: no checkpoint needed
bench vit-b-ft-b16 $B_FT --batch $((QUICK == 1 ? 2 : 16)) "${NO_INIT[@]}"
bench vit-b-ft-b16-model-only $B_FT --batch $((QUICK == 1 ? 2 : 16)) --model-only "${NO_INIT[@]}"
bench vit-b-test-b32 $B_FT --mode test --batch $((QUICK == 1 ? 2 : 32)) --model-only "${NO_INIT[@]}"

echo "== $STRATEGY: train, checkpoint, resume ($SCALE_CFG on synthetic videos)"
DATA="$OUT/synthetic"
[ -f "$DATA/train.txt" ] || $PY tools/data/make_synthetic.py "$DATA" --train 16 --val 4 >/dev/null
run_train() {  # EPOCHS [train.py args]
  local epochs=$1
  shift
  PYTHON=$PY bash tools/dist_train.sh "$SCALE_CFG" 1 --work-dir "$OUT/scale-out" "$@" --cfg-options \
    runner_type=FlexibleRunner strategy.type=$STRATEGY "train_dataloader.dataset.ann_file=$DATA/train.txt" \
    "train_dataloader.dataset.data_prefix.video=$DATA" train_dataloader.batch_size=2 \
    train_dataloader.num_workers=2 train_cfg.max_epochs="$epochs" default_hooks.checkpoint.interval=1 \
    default_hooks.logger.interval=1
}
if run_train 1 >"$OUT/scale-out.log" 2>&1 && ls "$OUT"/scale-out/epoch_1.pth >/dev/null 2>&1 \
    && run_train 2 --resume >"$OUT/scale-out-resume.log" 2>&1 \
    && grep -q "resumed epoch: 1" "$OUT/scale-out-resume.log" \
    && ls "$OUT"/scale-out/epoch_2.pth >/dev/null 2>&1; then
  echo "{\"case\": \"scale-out\", \"strategy\": \"$STRATEGY\", \"resumed\": true}" | tee -a "$OUT/results.jsonl"
else
  echo "FAILED: $STRATEGY run (see $OUT/scale-out*.log)"; tail -15 "$OUT"/scale-out*.log; failed=1
fi
exit $failed
