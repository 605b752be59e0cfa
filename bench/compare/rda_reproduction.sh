#!/usr/bin/env bash
# The Reverse Derivative Ascent paper's experiments reproduced over Z2 (build/bench/rda_reproduction):
# Iris two- and three-class with the memoriser, MNIST 0 versus 1 with the paper's pseudo-linear model,
# next to the paper's figures. Iris is read from the copy Debian's python3-sklearn ships (installed
# here when missing); MNIST from the shared data.
# usage: bench/compare/rda_reproduction.sh
# Writes bench/results/rda_reproduction.json and bench/results/rda_reproduction.md.
set -euo pipefail
source "$(dirname "$0")/common.sh"
iris_mnist_study rda_reproduction
