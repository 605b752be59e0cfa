#!/usr/bin/env bash
# Binarised MNIST at the difflogic-sized architecture (784 → 6 × 8000 gates → group-sum 10):
# training samples/s (1 and 2 threads) of the relaxation and of the flip rule, the flip rule's fused
# step against the XOR stream of the same run, inference images/s on 1 thread, time to 90% / 95% /
# 97% validation accuracy, the test accuracy of the validation-chosen model (measured once) and
# peak memory, next to the peer figures of ../shared/data/baselines/peer_measurements.md.
# usage: bench/compare/mnist.sh [seconds=600] [method=relax|flips] [layers=6] [width=8000] [batch] [flip=0.002] [shift=0]
#        (the training run takes the seconds on 2 threads; batch 0: 256 for relax, 1024 for flips;
#        shift: the relaxation shows each training image shifted by up to this many pixels)
# Writes bench/results/mnist.json and bench/results/mnist.md.
set -euo pipefail
source "$(dirname "$0")/common.sh"
need_data mnist
exe=$(bench_exe mnist_compare MNIST_COMPARE)
mkdir -p "$repo/bench/results"
"$exe" "$data/mnist/BinarizedMNISTData.zip" "$repo/bench/results/mnist" "${1:-600}" "${2:-relax}" "${3:-6}" "${4:-8000}" \
  "${5:-0}" "${6:-0.002}" "${7:-0}"
echo "written: bench/results/mnist.json, bench/results/mnist.md"
