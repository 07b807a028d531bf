#!/usr/bin/env bash
# tools/dist_extract_features.sh CONFIG CHECKPOINT NPROC [extract_features.py args]
# (or NPROC last: CONFIG CHECKPOINT [args] NPROC). Each of the NPROC processes
# extracts every NPROC-th video of the list; the summary lists all failures.
if [[ "$3" =~ ^[0-9]+$ ]]; then
  exec "$(dirname "$0")/dist_launch.sh" extract_features.py "$3" "$1" "$2" "${@:4}"
fi
exec "$(dirname "$0")/dist_launch.sh" extract_features.py "${@: -1}" "$1" "$2" "${@:3:$#-3}"
