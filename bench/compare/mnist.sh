#!/usr/bin/env bash
# Binarised MNIST at the difflogic-sized architecture (784 → 6 × 8000 gates → group-sum 10):
# training samples/s (1 and 2 threads), the fused step against the XOR stream of the same run,
# inference images/s on 1 thread, time to 90% / 95% validation accuracy, the test accuracy of the
# validation-chosen model (measured once) and peak memory, next to the
# peer figures of ../shared/data/baselines/peer_measurements.md.
# usage: bench/compare/mnist.sh [seconds=120] [layers=6] [width=8000] [batch=512] [flip=0.001]
# Writes bench/results/mnist.json and bench/results/mnist.md.
set -euo pipefail
source "$(dirname "$0")/common.sh"
need_data mnist
exe=${MNIST_COMPARE:-$repo/build/bench/mnist_compare}
[ -x "$exe" ] || { echo "error: $exe not found; build first (scripts/setup.sh build)" >&2; exit 2; }
mkdir -p "$repo/bench/results"
"$exe" "$data/mnist/BinarizedMNISTData.zip" "$repo/bench/results/mnist" "${1:-120}" "${2:-6}" "${3:-8000}" "${4:-512}" "${5:-0.001}"
echo "written: bench/results/mnist.json, bench/results/mnist.md"
