#!/usr/bin/env bash
# tools/dist_train.sh CONFIG NPROC [train.py args]
# NNODES, NODE_RANK, MASTER_ADDR and PORT come from the environment, as in
# MMAction2. Without a GPU the processes run on CPU with the gloo backend.
exec "$(dirname "$0")/dist_launch.sh" train.py "$2" "$1" "${@:3}"
