#!/usr/bin/env bash
# Creates the project's virtual environment (.venv) with the pinned stack.
#
#   tools/setup_env.sh            # what `make setup` runs
#
# Environment knobs (docs/get_started.md, "Set-up"):
#   PYTHON           interpreter to build the venv from (default: python3.11)
#   VENV             where the venv goes (default: .venv)
#   TORCH_SPEC       pip requirement(s) for torch/torchvision (default: requirements/torch.txt)
#   TORCH_INDEX_URL  extra index to find TORCH_SPEC on (e.g. your CUDA build's index)
#   VMAE2_CACHE      cache for wheels we build (default: ~/.cache/vmae2_mmaction)
#   MAX_JOBS         parallel compile jobs for mmcv (default: number of cores)
#
# mmcv 2.1.0 is built from source with its compiled ops. The built wheel is kept in
# $VMAE2_CACHE/wheels/mmcv-2.1.0/<python>-torch-<torch version>-cuda-<cuda>/, so a
# second set-up reuses it, and a wheel built for another torch is never picked up
# (pip's own wheel cache is keyed by the sdist only: we bypass it with --no-cache-dir).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
PYTHON=${PYTHON:-python3.11}
VENV=${VENV:-.venv}
VMAE2_CACHE=${VMAE2_CACHE:-$HOME/.cache/vmae2_mmaction}
MMCV_VERSION=2.1.0
STEP="start"

fail() {
  echo "" >&2
  echo "setup FAILED at step: $STEP" >&2
  echo "  $*" >&2
  exit 1
}
trap 'fail "the command above exited with an error; see its output. Fix the cause and run \`make setup\` again (finished steps are reused)."' ERR

T0=$(date +%s)
step() { STEP="$1"; echo "==> [$(( $(date +%s) - T0 )) s] $1"; }

step "check prerequisites"
command -v "$PYTHON" >/dev/null 2>&1 \
  || fail "'$PYTHON' not found. Install Python 3.11 (or set PYTHON=/path/to/python3.11)."
"$PYTHON" -c 'import sys; assert sys.version_info[:2] == (3, 11)' 2>/dev/null \
  || fail "'$PYTHON' is $("$PYTHON" --version 2>&1), the project pins Python 3.11."
"$PYTHON" -c 'import venv, ensurepip' 2>/dev/null \
  || fail "'$PYTHON' lacks venv/ensurepip (Debian: apt-get install python3.11-venv)."
command -v "${CXX:-g++}" >/dev/null 2>&1 \
  || fail "no C++ compiler (${CXX:-g++}); mmcv's ops are compiled from source (Debian: apt-get install g++)."
"$PYTHON" - <<'EOF' || fail "Python headers missing (Debian: apt-get install python3.11-dev)."
import os, sysconfig
assert os.path.exists(os.path.join(sysconfig.get_paths()['include'], 'Python.h'))
EOF

step "create virtual environment $VENV"
[ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
PY="$ROOT/$VENV/bin/python"
PIP=("$PY" -m pip --disable-pip-version-check)
"${PIP[@]}" install -q --no-compile -r requirements/build.txt
# uv installs from its cache by hard links: a second set-up takes seconds
# instead of unpacking torch's 4 GB of CUDA libraries again. Bytecode is
# compiled at install: with PYTHONDONTWRITEBYTECODE set, every process would
# otherwise compile torch & co from source (~6 s per tool start here). pip
# still builds mmcv (below), whose build needs --no-build-isolation.
INSTALL=("$ROOT/$VENV/bin/uv" pip install --quiet --compile-bytecode --python "$PY")

step "install torch"
if [ -n "${TORCH_SPEC:-}" ]; then
  read -r -a torch_args <<<"$TORCH_SPEC"
else
  torch_args=(-r requirements/torch.txt)
fi
index_args=()
[ -n "${TORCH_INDEX_URL:-}" ] && index_args=(--extra-index-url "$TORCH_INDEX_URL")
"${INSTALL[@]}" "${index_args[@]}" "${torch_args[@]}"
"$PY" -c 'import torch, torchvision.ops; torchvision.ops.nms' 2>/dev/null \
  || fail "torch and torchvision do not work together (torchvision::nms missing?). \
A CPU-only '+cpu' torch wheel has no matching torchvision: use requirements/torch.txt's '===' pin."
TORCH_TAG=$("$PY" -c 'import sys, torch; print(f"py{sys.version_info[0]}{sys.version_info[1]}-torch-{torch.__version__}-cuda-{torch.version.cuda}")')
echo "    $TORCH_TAG"

step "mmcv $MMCV_VERSION with compiled ops"
WHEEL_DIR="$VMAE2_CACHE/wheels/mmcv-$MMCV_VERSION/$TORCH_TAG"
if ! "$PY" -c "import mmcv, mmcv.ops; assert mmcv.__version__ == '$MMCV_VERSION'" 2>/dev/null; then
  if ! ls "$WHEEL_DIR"/mmcv-*.whl >/dev/null 2>&1; then
    echo "    building from source into $WHEEL_DIR (about 8 minutes on 2 cores)"
    mkdir -p "$WHEEL_DIR.tmp"
    # --no-build-isolation: build against the torch installed above, not a fresh download.
    MMCV_WITH_OPS=1 MAX_JOBS=${MAX_JOBS:-$(nproc)} "${PIP[@]}" wheel -q --no-deps \
      --no-build-isolation --no-cache-dir --no-binary mmcv -w "$WHEEL_DIR.tmp" \
      "mmcv==$MMCV_VERSION" \
      || fail "building mmcv $MMCV_VERSION failed. Check the compiler errors above; torch >= 2.14 \
needs C++20, which mmcv $MMCV_VERSION's setup.py does not allow (use torch 2.13)."
    rm -rf "$WHEEL_DIR" && mv "$WHEEL_DIR.tmp" "$WHEEL_DIR"
  else
    echo "    reusing $WHEEL_DIR"
  fi
  "${INSTALL[@]}" --no-deps --force-reinstall "$WHEEL_DIR"/mmcv-*.whl
fi

step "install MMEngine, MMAction2, mmdet and the rest"
# The constraints file pins every transitive version we tested.
"${INSTALL[@]}" -c requirements/constraints.txt \
  -r requirements/runtime.txt -r requirements/tests.txt
# mmcv's own requirements (addict, yapf, opencv...) come through mmengine/mmaction2.
"${INSTALL[@]}" --no-deps --no-build-isolation -e .

step "check imports"
"$PY" -c "import vmae2_mmaction, mmaction.models, mmdet.models, mmcv.ops, timm.data, decord" \
  || fail "the environment was installed but an import fails (output above)."
echo "==> [$(( $(date +%s) - T0 )) s] environment ready: $VENV ($TORCH_TAG)"
