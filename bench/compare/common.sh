# Shared by the comparison scripts: locating the binary and the shared data, and JSON helpers.
# Sourced, not run.
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
bitlens=${BITLENS:-$repo/build/bitlens}
data=${BITLENS_DATA:-$repo/../shared/data}
[ -x "$bitlens" ] || { echo "error: $bitlens not found; build first (scripts/setup.sh build) or set BITLENS" >&2; exit 2; }
need_data() {  # need_data SUBDIR: skip (exit 0) with a message when the shared data is absent
  if [ ! -d "$data/$1" ]; then
    echo "skipped: $data/$1 is not here (the shared benchmark data sits beside the repository as ../shared/data;"
    echo "         set BITLENS_DATA to its location to run this comparison)"
    exit 0
  fi
}
and_count() {  # the final AND count printed by `bitlens learn`
  local s; s=$(grep -o 'after ABC[^:]*: [0-9]* AND' <<<"$1" | grep -o '[0-9]* AND' | grep -o '[0-9]*')
  [ -n "$s" ] || s=$(grep -o 'AIG: [0-9]* AND' <<<"$1" | grep -o '[0-9]*')
  echo "${s:-0}"
}
bench_exe() {  # bench_exe NAME [VAR]: the path of build/bench/NAME (or of $VAR when set); exits when absent
  local exe=$repo/build/bench/$1
  [ -n "${2:-}" ] && [ -n "${!2:-}" ] && exe=${!2}
  [ -x "$exe" ] || { echo "error: $exe not found; build first (scripts/setup.sh build)" >&2; exit 2; }
  echo "$exe"
}
iris_mnist_study() {  # iris_mnist_study NAME: build/bench/NAME on Debian's Iris (python3-sklearn, installed
  # when missing) and the shared binarised MNIST, writing bench/results/NAME.{json,md}
  need_data mnist
  local exe
  exe=$(bench_exe "$1")
  source "$repo/scripts/install_missing.sh"
  install_missing python3-sklearn
  local iris=/usr/lib/python3/dist-packages/sklearn/datasets/data/iris.csv
  [ -f "$iris" ] || { echo "error: $iris not found although python3-sklearn is installed" >&2; exit 2; }
  mkdir -p "$repo/bench/results"
  "$exe" "$iris" "$data/mnist/BinarizedMNISTData.zip" "$repo/bench/results/$1"
  echo "written: bench/results/$1.json, bench/results/$1.md"
}
