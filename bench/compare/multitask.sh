#!/usr/bin/env bash
# Multitask against single-task training on binarised MNIST (build/bench/multitask_compare): the
# digit, "more ink than the median", and both in one network with a head per task, each run with
# the same budget. Test accuracy once per run, at the end of its budget.
# usage: bench/compare/multitask.sh [seconds=60] [layers=6] [width=4800] [threads=2]
# Writes bench/results/multitask.json and bench/results/multitask.md.
set -euo pipefail
source "$(dirname "$0")/common.sh"
need_data mnist
exe=$(bench_exe multitask_compare MULTITASK_COMPARE)
mkdir -p "$repo/bench/results"
"$exe" "$data/mnist/BinarizedMNISTData.zip" "$repo/bench/results/multitask" "${1:-60}" "${2:-6}" "${3:-4800}" "${4:-2}"
echo "written: bench/results/multitask.json, bench/results/multitask.md"
