#!/usr/bin/env bash
# Binarised MNIST by an ensemble of relaxed gate networks, all through the command line: MEMBERS
# networks of 6 × WIDTH gates, each trained by `bitlens classify train` for SECONDS_EACH on one
# thread with another seed (PARALLEL at a time), every image shifted by up to SHIFT pixels; the
# first k of them merged (`classify merge`) for k = 1 … MEMBERS and measured on the validation
# images (the last 6,000 training images, as in mnist.sh; no member trained on them); the k that
# scores best there is chosen, and only its ensemble is measured on the test set, once.
#   bench/compare/mnist_ensemble.sh [MEMBERS=8] [SECONDS_EACH=450] [PARALLEL=2] [WIDTH=8000] [SHIFT=1]
# Wall time: about MEMBERS × SECONDS_EACH / PARALLEL. Writes bench/results/mnist_ensemble.{json,md}.
set -euo pipefail
source "$(dirname "$0")/common.sh"
need_data mnist
members=${1:-8}; secs=${2:-450}; parallel=${3:-2}; width=${4:-8000}; shift_px=${5:-1}
out="$repo/bench/results"; mkdir -p "$out"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
zip="$data/mnist/BinarizedMNISTData.zip"
# The archive's members as files: the first 54,000 training rows, the last 6,000 for validation.
python3 - "$zip" "$tmp" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    rows = z.read("MNISTTraining.txt").decode().splitlines()
    test = z.read("MNISTTest.txt").decode()
open(sys.argv[2] + "/train.txt", "w").write("\n".join(rows[:-6000]) + "\n")
open(sys.argv[2] + "/valid.txt", "w").write("\n".join(rows[-6000:]) + "\n")
open(sys.argv[2] + "/test.txt", "w").write(test)
PY
started=$(date +%s)
train_member() {  # train_member SEED
  "$bitlens" classify train "$tmp/train.txt" --valid "$tmp/valid.txt" --image 28x28 --shift "$shift_px" --width "$width" \
    --time-limit "$secs" --threads 1 --seed "$1" --quiet --out "$tmp/m$1.bgc" > "$tmp/m$1.log"
}
for ((k = 1; k <= members; k += parallel)); do
  for ((j = k; j < k + parallel && j <= members; ++j)); do train_member "$j" & done
  wait
done
train_seconds=$(( $(date +%s) - started ))
accuracy() { "$bitlens" classify test "$1" "$2" --threads 2 | grep -o 'class accuracy: [0-9.]*' | grep -o '[0-9.]*$'; }
rows=""; best_k=0; best_valid=0; list=()
for ((k = 1; k <= members; ++k)); do
  list+=("$tmp/m$k.bgc")
  member_valid=$(grep -o 'validation class accuracy [0-9.]*' "$tmp/m$k.log" | grep -o '[0-9.]*$')
  if ((k == 1)); then cp "$tmp/m1.bgc" "$tmp/e1.bgc"; else "$bitlens" classify merge "${list[@]}" --out "$tmp/e$k.bgc" >/dev/null; fi
  valid=$(accuracy "$tmp/e$k.bgc" "$tmp/valid.txt")
  echo "member $k: validation $member_valid%; first $k merged ($((k * 6 * width)) gates): validation $valid%"
  rows+="| $k | $((k * 6 * width)) | $member_valid% | $valid% |"$'\n'
  if awk -v a="$valid" -v b="$best_valid" 'BEGIN { exit !(a > b) }'; then best_valid=$valid; best_k=$k; fi
done
test_acc=$(accuracy "$tmp/e$best_k.bgc" "$tmp/test.txt")
echo "chosen: the first $best_k members ($((best_k * 6 * width)) gates), validation $best_valid%; test, once: $test_acc%"
printf '{"members":%s,"seconds_each":%s,"parallel":%s,"width":%s,"shift":%s,"training_wall_seconds":%s,"chosen_members":%s,"gates":%s,"valid_accuracy":%s,"test_accuracy":%s}\n' \
  "$members" "$secs" "$parallel" "$width" "$shift_px" "$train_seconds" "$best_k" "$((best_k * 6 * width))" "$best_valid" "$test_acc" > "$out/mnist_ensemble.json"
{ echo "Ensemble of relaxed 6 × $width networks, $secs s each on 1 thread, $parallel at a time ($train_seconds s of training in all), images shifted by up to $shift_px pixel(s)."
  echo; echo "| members merged | gates | that member's validation | ensemble validation |"; echo "|---|---|---|---|"; printf '%s' "$rows"
  echo; echo "Chosen on validation: $best_k members, $((best_k * 6 * width)) gates; **test accuracy, measured once: $test_acc%**."
} > "$out/mnist_ensemble.md"
echo "written: $out/mnist_ensemble.json, $out/mnist_ensemble.md"
