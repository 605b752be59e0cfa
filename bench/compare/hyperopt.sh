#!/usr/bin/env bash
# Hyperoptimisers over the reals (build/bench/hyperopt_study): final training loss against the
# initial step size for SGD, hyperoptimised SGD, stacked hyperoptimised SGD, Adam and hyperoptimised
# Adam, on Iris (from Debian's python3-sklearn, installed here when missing) and the first 1,000
# images of the binarised MNIST (shared data).
# usage: bench/compare/hyperopt.sh
# Writes bench/results/hyperopt.json and bench/results/hyperopt.md.
set -euo pipefail
source "$(dirname "$0")/common.sh"
need_data mnist
exe=${HYPEROPT_STUDY:-$repo/build/bench/hyperopt_study}
[ -x "$exe" ] || { echo "error: $exe not found; build first (scripts/setup.sh build)" >&2; exit 2; }
iris=$(debian_iris)
mkdir -p "$repo/bench/results"
"$exe" "$iris" "$data/mnist/BinarizedMNISTData.zip" "$repo/bench/results/hyperopt"
echo "written: bench/results/hyperopt.json, bench/results/hyperopt.md"
