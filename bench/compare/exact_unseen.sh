#!/usr/bin/env bash
# Exact learning on tables that are not in ../shared/data, of the kinds the IWLS 2022 and CGP suites
# hold: arithmetic and comparison from `bitlens gen`, and random functions drawn here from a seed.
# Each is learned with `bitlens learn --time-limit SECONDS` (default 20) and compared with ABC's
# baseline flow run on the same table in the same run (read_truth; collapse; sop; strash; dc2).
#   bench/compare/exact_unseen.sh [SECONDS] [OUTDIR] [SEED]
# Writes OUTDIR/unseen.json and OUTDIR/unseen.md (default OUTDIR: bench/results).
set -u
source "$(dirname "$0")/common.sh"
secs=${1:-20}
out=${2:-$repo/bench/results}
seed=${3:-2026}
command -v berkeley-abc >/dev/null || { echo "skipped: berkeley-abc is not installed (it checks and gives the reference)"; exit 0; }
mkdir -p "$out"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
tables=()
for spec in "adder 5" "adder 6" "multiplier 3" "multiplier 4" "comparator 5" "comparator 6" "majority 9" "majority 11" "parity 12" "mux 3"; do
  set -- $spec
  "$bitlens" gen "$1" "$2" --out "$tmp/$1$2.truth"; tables+=("$tmp/$1$2.truth")
done
# Random functions: n inputs, m outputs, each bit a fair coin from the seed.
for nm in "6 1" "8 2" "10 1" "10 4" "12 3"; do
  set -- $nm
  awk -v n="$1" -v m="$2" -v s="$seed" 'BEGIN { srand(s + 1000 * n + m); for (o = 0; o < m; o++) { l = ""; for (r = 0; r < 2 ^ n; r++) l = l (rand() < 0.5 ? "0" : "1"); print l } }' > "$tmp/random$1x$2.truth"
  tables+=("$tmp/random$1x$2.truth")
done
json="$out/unseen.json"; md="$out/unseen.md"
echo "[" > "$json"
{ echo "| table | in | out | exact | ours (ANDs) | kept | ABC baseline | ours / ABC |"; echo "|---|---|---|---|---|---|---|---|"; } > "$md"
first=1 exact_n=0 total=0 logsum=0
for t in "${tables[@]}"; do
  name=$(basename "$t" .truth)
  res=$("$bitlens" learn "$t" --time-limit "$secs" --quiet --threads 1 2>&1)
  exact=false
  grep -q "result: exact" <<<"$res" && grep -q "Networks are equivalent" <<<"$res" && exact=true
  ands=$(and_count "$res")
  kept=network; grep -q '^model: decision diagram' <<<"$res" && kept=diagram
  abc=$(berkeley-abc -c "read_truth -xf $t; collapse; sop; strash; dc2; print_stats" 2>&1 | grep -o 'and = *[0-9]*' | grep -o '[0-9]*')
  dims=$(grep -o '([0-9]* inputs, [0-9]* outputs' <<<"$res" | grep -o '[0-9]*' | tr '\n' ' '); ni=${dims%% *}; no=$(cut -d' ' -f2 <<<"$dims")
  ratio=$(awk -v a="$ands" -v b="${abc:-0}" 'BEGIN{ if (b > 0 && a > 0) printf "%.3f", a / b; else print "null" }')
  total=$((total + 1)); $exact && exact_n=$((exact_n + 1))
  [ "$ratio" != null ] && logsum=$(awk -v l="$logsum" -v r="$ratio" 'BEGIN{printf "%.6f", l + log(r)}')
  [ $first = 1 ] || echo "," >> "$json"; first=0
  printf '  {"table":"%s","inputs":%s,"outputs":%s,"exact":%s,"ands":%s,"kept":"%s","abc_baseline":%s,"ratio":%s}' \
    "$name" "${ni:-0}" "${no:-0}" "$exact" "$ands" "$kept" "${abc:-null}" "$ratio" >> "$json"
  echo "| $name | $ni | $no | $exact | $ands | $kept | ${abc:--} | $ratio |" >> "$md"
  echo "$name: exact=$exact ands=$ands kept=$kept abc=${abc:--} ratio=$ratio"
done
echo "]" >> "$json"
geo=$(awk -v l="$logsum" -v n="$total" 'BEGIN{printf "%.3f", exp(l / n)}')
{ echo; echo "Exact: $exact_n of $total within ${secs} s each (seed $seed); geometric mean of ours / ABC baseline: $geo."; } >> "$md"
echo "exact $exact_n/$total, geometric mean ours/ABC $geo; wrote $json and $md"
