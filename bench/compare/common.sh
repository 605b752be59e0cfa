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
debian_iris() {  # the path of Fisher's Iris as Debian's python3-sklearn ships it (installed when missing)
  source "$repo/scripts/install_missing.sh"
  install_missing python3-sklearn
  local f=/usr/lib/python3/dist-packages/sklearn/datasets/data/iris.csv
  [ -f "$f" ] || { echo "error: $f not found although python3-sklearn is installed" >&2; exit 2; }
  echo "$f"
}
