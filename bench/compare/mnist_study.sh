#!/usr/bin/env bash
# A study of the Z2 flip rule's settings for gate networks on binarised MNIST, through the command line a user
# has: each variant is `bitlens classify train` for EPOCHS passes over the 54,000 training images
# (the same work for every variant, whatever else the machine is doing; the validation split 0.1
# chooses the model), then `bitlens classify test` once on the test set.
#   bench/compare/mnist_study.sh [EPOCHS=40] [THREADS=1] [OUTDIR=bench/results]
# Writes OUTDIR/mnist_study.md and OUTDIR/mnist_study.json.
set -u
source "$(dirname "$0")/common.sh"
need_data mnist
epochs=${1:-40}; threads=${2:-1}; out=${3:-$repo/bench/results}
mkdir -p "$out"
zip="$data/mnist/BinarizedMNISTData.zip"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
variants=(
  "default: no constant tables, first layer on bits 1 in 2-98% of images, margin 32, protect 128 (6 x 8000, batch 1024, flip 0.002)|"
  "batch 512, flip 0.001 (the default before 2026-12-07)|--batch 512 --flip 0.001"
  "first layer on every bit|--all-inputs"
  "first layer on every bit that varies|--input-fraction 0"
  "first layer on bits 1 in 1-99% of images|--input-fraction 0.01"
  "first layer on bits 1 in 5-95% of images|--input-fraction 0.05"
  "first layer on every bit, constants allowed (the rule before 2026-12)|--all-inputs --allow-constant"
  "accumulated gains, decay 0.5 (Bop)|--gain-decay 0.5"
  "accumulated gains, decay 0.9 (Bop)|--gain-decay 0.9"
  "accumulated gains, decay 0.9, 4x flips|--gain-decay 0.9 --flip 0.008"
  "constants allowed, accumulated gains, decay 0.9|--allow-constant --gain-decay 0.9"
  "margin 16, protect 64|--margin 16"
  "margin 48, protect 192|--margin 48"
  "margin 32, protect 64|--protect-margin 64"
  "margin 32, protect 256|--protect-margin 256"
  "fewer flips (flip 0.001)|--flip 0.001"
  "more flips (flip 0.004)|--flip 0.004"
  "4x flips (flip 0.008)|--flip 0.008"
  "larger batch (2048, flip 0.004)|--batch 2048 --flip 0.004"
  "smaller batch (128, flip 0.00025)|--batch 128 --flip 0.00025"
  "a quarter of gates random at start|--random-init 0.25"
  "shallower (4 x 12000)|--layers 4 --width 12000"
  "deeper (8 x 6000)|--layers 8 --width 6000"
)
json="$out/mnist_study.json"; md="$out/mnist_study.md"
echo "[" > "$json"
{ echo "| variant ($epochs epochs) | seconds | validation (chosen) | test, once |"; echo "|---|---|---|---|"; } > "$md"
first=1
for v in "${variants[@]}"; do
  name=${v%%|*}; opts=${v#*|}
  # shellcheck disable=SC2086
  tr=$("$bitlens" classify train "$zip:MNISTTraining.txt" --method flips --epochs "$epochs" --time-limit 100000 --threads "$threads" --quiet --out "$tmp/m.bgc" $opts 2>&1) || { echo "$name: failed"; echo "$tr"; continue; }
  te=$("$bitlens" classify test "$tmp/m.bgc" "$zip:MNISTTest.txt" --threads "$threads" 2>&1)
  seconds=$(grep -o 'epochs) in [0-9.]*' <<<"$tr" | grep -o '[0-9.]*$')
  valid=$(grep -o 'validation class accuracy [0-9.]*' <<<"$tr" | grep -o '[0-9.]*$')
  test=$(grep -o 'class accuracy: [0-9.]*' <<<"$te" | grep -o '[0-9.]*$')
  [ $first = 1 ] || echo "," >> "$json"; first=0
  printf '  {"variant":"%s","options":"%s","epochs":%s,"threads":%s,"seconds":%s,"valid_accuracy":%s,"test_accuracy":%s}' \
    "$name" "$opts" "$epochs" "$threads" "${seconds:-null}" "${valid:-null}" "${test:-null}" >> "$json"
  echo "| $name | $seconds | $valid% | $test% |" >> "$md"
  echo "$name: $seconds s, valid $valid%, test $test%"
done
echo "]" >> "$json"
echo "written: $json, $md"
