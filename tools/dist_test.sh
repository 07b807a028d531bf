#!/usr/bin/env bash
# tools/dist_test.sh CONFIG CHECKPOINT NPROC [test.py args]
# NNODES, NODE_RANK, MASTER_ADDR and PORT come from the environment, as in
# MMAction2. Without a GPU the processes run on CPU with the gloo backend.
exec "$(dirname "$0")/dist_launch.sh" test.py "$3" "$1" "$2" "${@:4}"
