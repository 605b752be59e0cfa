#!/usr/bin/env bash
# The Reverse Derivative Ascent paper's experiments reproduced over Z2 (build/bench/rda_reproduction):
# Iris two- and three-class with the memoriser, MNIST 0 versus 1 with the paper's pseudo-linear model,
# next to the paper's figures. Iris is read from the copy Debian's python3-sklearn ships (installed
# here when missing); MNIST from the shared data.
# usage: bench/compare/rda_reproduction.sh
# Writes bench/results/rda_reproduction.json and bench/results/rda_reproduction.md.
set -euo pipefail
source "$(dirname "$0")/common.sh"
need_data mnist
exe=${RDA_REPRODUCTION:-$repo/build/bench/rda_reproduction}
[ -x "$exe" ] || { echo "error: $exe not found; build first (scripts/setup.sh build)" >&2; exit 2; }
iris=$(debian_iris)
mkdir -p "$repo/bench/results"
"$exe" "$iris" "$data/mnist/BinarizedMNISTData.zip" "$repo/bench/results/rda_reproduction"
echo "written: bench/results/rda_reproduction.json, bench/results/rda_reproduction.md"
