#!/usr/bin/env bash
# Multitask against single-task training on binarised MNIST (build/bench/multitask_compare): the
# digit, "more ink than the median", and both in one network with a head per task, each run with
# the same budget. Test accuracy once per run, at the end of its budget.
# usage: bench/compare/multitask.sh [seconds=60] [layers=6] [width=4800] [threads=2]
# Writes bench/results/multitask.json and bench/results/multitask.md.
set -euo pipefail
source "$(dirname "$0")/common.sh"
need_data mnist
exe=${MULTITASK_COMPARE:-$repo/build/bench/multitask_compare}
[ -x "$exe" ] || { echo "error: $exe not found; build first (scripts/setup.sh build)" >&2; exit 2; }
mkdir -p "$repo/bench/results"
"$exe" "$data/mnist/BinarizedMNISTData.zip" "$repo/bench/results/multitask" "${1:-60}" "${2:-6}" "${3:-4800}" "${4:-2}"
echo "written: bench/results/multitask.json, bench/results/multitask.md"
