#!/usr/bin/env bash
# Fashion-MNIST (Debian's dataset-fashion-mnist, installed here when missing) through the command
# line: `bitlens classify train` for SECONDS on THREADS threads with pixels as LEVELS thermometer
# bits (validation split 0.1 chooses the model), then `classify test` once on the 10,000 test images;
# then scikit-learn (Debian's python3-sklearn) on the same bits in the same run: logistic regression
# and a random forest (bench/compare/sklearn_idx.py).
#   bench/compare/fashion.sh [SECONDS=120] [THREADS=2] [LEVELS=3] [CLASSIFY OPTIONS…]
#   (options after LEVELS go to `classify train`, e.g. --local 2)
# Writes bench/results/fashion.json and bench/results/fashion.md.
set -euo pipefail
source "$(dirname "$0")/common.sh"
source "$repo/scripts/install_missing.sh"
install_missing dataset-fashion-mnist python3-sklearn
secs=${1:-120}; threads=${2:-2}; levels=${3:-3}; shift $(( $# < 3 ? $# : 3 )); extra=("$@")
dir=/usr/share/datasets/fashion-mnist
out="$repo/bench/results"; mkdir -p "$out"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
tr=$("$bitlens" classify train "$dir/train-images-idx3-ubyte.gz" --levels "$levels" --time-limit "$secs" --threads "$threads" --quiet --out "$tmp/f.bgc" ${extra[@]+"${extra[@]}"})
te=$("$bitlens" classify test "$tmp/f.bgc" "$dir/t10k-images-idx3-ubyte.gz" --levels "$levels" --threads "$threads")
echo "$tr"; echo "$te"
valid=$(grep -o 'validation class accuracy [0-9.]*' <<<"$tr" | grep -o '[0-9.]*$')
test=$(grep -o 'class accuracy: [0-9.]*' <<<"$te" | grep -o '[0-9.]*$')
samples=$(grep -o 'trained: [0-9]*' <<<"$tr" | grep -o '[0-9]*$')
# Debian's python3, where python3-sklearn is installed (not whatever python3 comes first on PATH).
sk=$(/usr/bin/python3 "$repo/bench/compare/sklearn_idx.py" "$dir/train-images-idx3-ubyte.gz" "$dir/t10k-images-idx3-ubyte.gz" "$levels" "$threads")
echo "$sk"
printf '{"seconds":%s,"threads":%s,"levels":%s,"options":"%s","samples":%s,"valid_accuracy":%s,"test_accuracy":%s,"sklearn":[%s]}\n' \
  "$secs" "$threads" "$levels" "${extra[*]+${extra[*]}}" "${samples:-0}" "${valid:-null}" "${test:-null}" "$(paste -sd, <<<"$sk")" > "$out/fashion.json"
{ echo "| Fashion-MNIST, $levels bits per pixel, $threads threads | training | validation (chosen) | test, once |"
  echo "|---|---|---|---|"; echo "| bitlens classify, 6 x 8000 gates${extra[*]+ ${extra[*]}} | $secs s | $valid% | $test% |"
  /usr/bin/python3 -c 'import json, sys
for line in sys.stdin:
    r = json.loads(line)
    print("| scikit-learn %s | %s s | | %.2f%% |" % (r["model"], r["train_seconds"], 100 * r["test_accuracy"]))' <<<"$sk"
} > "$out/fashion.md"
echo "written: $out/fashion.json, $out/fashion.md"
