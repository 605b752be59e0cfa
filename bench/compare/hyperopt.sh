#!/usr/bin/env bash
# Hyperoptimisers over the reals (build/bench/hyperopt_study): final training loss against the
# initial step size for SGD, hyperoptimised SGD, stacked hyperoptimised SGD, Adam and hyperoptimised
# Adam, on Iris (from Debian's python3-sklearn, installed here when missing) and the first 1,000
# images of the binarised MNIST (shared data).
# usage: bench/compare/hyperopt.sh
# Writes bench/results/hyperopt_study.json and bench/results/hyperopt_study.md.
set -euo pipefail
source "$(dirname "$0")/common.sh"
iris_mnist_study hyperopt_study
