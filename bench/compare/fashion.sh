#!/usr/bin/env bash
# Fashion-MNIST (Debian's dataset-fashion-mnist, installed here when missing) through the command
# line: `bitlens classify train` for SECONDS on THREADS threads with pixels as LEVELS thermometer
# bits (validation split 0.1 chooses the model), then `classify test` once on the 10,000 test images.
#   bench/compare/fashion.sh [SECONDS=120] [THREADS=2] [LEVELS=3]
# Writes bench/results/fashion.json and bench/results/fashion.md.
set -euo pipefail
source "$(dirname "$0")/common.sh"
source "$repo/scripts/install_missing.sh"
install_missing dataset-fashion-mnist
secs=${1:-120}; threads=${2:-2}; levels=${3:-3}
dir=/usr/share/datasets/fashion-mnist
out="$repo/bench/results"; mkdir -p "$out"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
tr=$("$bitlens" classify train "$dir/train-images-idx3-ubyte.gz" --levels "$levels" --time-limit "$secs" --threads "$threads" --quiet --out "$tmp/f.bgc")
te=$("$bitlens" classify test "$tmp/f.bgc" "$dir/t10k-images-idx3-ubyte.gz" --levels "$levels" --threads "$threads")
echo "$tr"; echo "$te"
valid=$(grep -o 'validation class accuracy [0-9.]*' <<<"$tr" | grep -o '[0-9.]*$')
test=$(grep -o 'class accuracy: [0-9.]*' <<<"$te" | grep -o '[0-9.]*$')
samples=$(grep -o 'trained: [0-9]*' <<<"$tr" | grep -o '[0-9]*$')
printf '{"seconds":%s,"threads":%s,"levels":%s,"samples":%s,"valid_accuracy":%s,"test_accuracy":%s}\n' \
  "$secs" "$threads" "$levels" "${samples:-0}" "${valid:-null}" "${test:-null}" > "$out/fashion.json"
{ echo "| Fashion-MNIST, 6 x 8000 gates, $levels bits per pixel, $secs s on $threads threads | validation (chosen) | test, once |"
  echo "|---|---|---|"; echo "| bitlens classify | $valid% | $test% |"; } > "$out/fashion.md"
echo "written: $out/fashion.json, $out/fashion.md"
