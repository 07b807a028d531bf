#!/usr/bin/env bash
# tools/dist_launch.sh TOOL NPROC [TOOL args]: torchrun TOOL (train.py or
# test.py) on NPROC processes per node with --launcher pytorch; used by
# dist_train.sh and dist_test.sh. The project's .venv is used when present
# and no other virtual environment is active (PYTHON overrides).
TOOL=$1
NPROC=$2
DIR=$(cd "$(dirname "$0")" && pwd)
PYTHON=${PYTHON:-python}
[ -x "$DIR/../.venv/bin/python" ] && [ -z "${VIRTUAL_ENV:-}" ] && [ "$PYTHON" = python ] \
  && PYTHON="$DIR/../.venv/bin/python"

PYTHONPATH="$DIR/..":$PYTHONPATH \
exec "$PYTHON" -m torch.distributed.run \
    --nnodes="${NNODES:-1}" \
    --node_rank="${NODE_RANK:-0}" \
    --master_addr="${MASTER_ADDR:-127.0.0.1}" \
    --nproc_per_node="$NPROC" \
    --master_port="${PORT:-29500}" \
    "$DIR/$TOOL" "${@:3}" --launcher pytorch
