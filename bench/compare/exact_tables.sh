#!/usr/bin/env bash
# Exact learning of complete truth tables against the field's figures:
#   bench/compare/exact_tables.sh iwls2022 [SECONDS] [OUTDIR]   IWLS 2022 (contest best and ABC baseline)
#   bench/compare/exact_tables.sh cgp [SECONDS] [OUTDIR]        CGP suite (ABC baseline and &deepsyn where listed)
#   bench/compare/exact_tables.sh epfl [SECONDS] [OUTDIR]       EPFL ctrl, cavlc, dec, int2float (against the original AIGs)
# For each table: `bitlens learn --time-limit SECONDS` (default 60), exactness and ABC-verified AND count.
# Score (IWLS 2022 contest rule): sum over tables of 100 x best / ours, 0 where not exact.
# Writes OUTDIR/<suite>.json and OUTDIR/<suite>.md (default OUTDIR: bench/results).
set -u
source "$(dirname "$0")/common.sh"
suite=${1:?usage: exact_tables.sh iwls2022|cgp|epfl [SECONDS] [OUTDIR]}
secs=${2:-60}
out=${3:-$repo/bench/results}
need_data "$suite"
mkdir -p "$out"
case "$suite" in
  iwls2022) ref="$data/iwls2022/sizes_best_vs_abc.txt"; best_col=4; abc_col=5;;
  cgp) ref="$data/cgp/ABC_reference_sizes.txt"; best_col=5; abc_col=4;;
  epfl)  # the reference is the original AIG shipped beside each table, measured here by ABC
    ref=$(mktemp); trap 'rm -f "$ref"' EXIT; best_col=2; abc_col=3
    for a in "$data/epfl"/*.aig; do
      n=$(basename "$a" .aig)
      echo "$n $(berkeley-abc -c "read $a; print_stats" 2>&1 | grep -o 'and = *[0-9]*' | grep -o '[0-9]*')" >> "$ref"
    done;;
  *) echo "unknown suite '$suite'" >&2; exit 2;;
esac
json="$out/$suite.json"; md="$out/$suite.md"
echo "[" > "$json"
{
  echo "| table | in | out | exact | seconds | ours (ANDs) | kept | ABC baseline | best known | score |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
} > "$md"
total=0 exact_n=0 score_sum=0 first=1 with_ref=0
skipped=""
pattern='*.truth'; [ "$suite" = epfl ] && pattern='*.tt.pla'
for t in "$data/$suite"/$pattern; do
  name=$(basename "$t"); name=${name%%.*}
  if [ ! -s "$t" ]; then skipped="$skipped $name"; echo "$name: skipped (empty file in the shared data)"; continue; fi
  line=$(grep -E "^$name[[:space:]]" "$ref" 2>/dev/null | head -1)
  abc=$(awk -v c=$abc_col '{print $c}' <<<"$line"); best=$(awk -v c=$best_col '{print $c}' <<<"$line")
  start=$(date +%s%N)
  res=$("$bitlens" learn "$t" --time-limit "$secs" --quiet --threads 1 --out "$out/$suite-$name.aig" 2>&1)
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  dims=$(grep -o '([0-9]* inputs, [0-9]* outputs' <<<"$res" | grep -o '[0-9]*' | tr '\n' ' ')
  ni=$(cut -d' ' -f1 <<<"$dims"); no=$(cut -d' ' -f2 <<<"$dims")
  exact=false
  grep -q "result: exact" <<<"$res" && grep -q "Networks are equivalent" <<<"$res" && exact=true
  ands=$(and_count "$res")
  kept=network  # which candidate `learn` kept: the decision diagram or a learned LUT network
  grep -q '^model: decision diagram' <<<"$res" && kept=diagram
  score=0
  if $exact && [ -n "$best" ] && [ "$ands" -gt 0 ]; then score=$(awk -v b="$best" -v o="$ands" 'BEGIN{printf "%.2f", 100*b/o}'); fi
  if $exact && [ -n "$best" ] && [ "$ands" = 0 ]; then score=100; fi
  total=$((total + 1)); $exact && exact_n=$((exact_n + 1))
  [ -n "$best" ] && with_ref=$((with_ref + 1))
  score_sum=$(awk -v a="$score_sum" -v b="$score" 'BEGIN{printf "%.2f", a+b}')
  [ $first = 1 ] || echo "," >> "$json"; first=0
  printf '  {"table":"%s","inputs":%s,"outputs":%s,"exact":%s,"seconds":%.2f,"ands":%s,"kept":"%s","ands_bitlens_lowering":%s,"abc_baseline":%s,"best":%s,"score":%s}' \
    "$name" "${ni:-0}" "${no:-0}" "$exact" "$(awk -v m=$ms 'BEGIN{print m/1000}')" "$ands" "$kept" "$(grep -o "AIG: [0-9]* AND" <<<"$res" | grep -o "[0-9]*" || echo 0)" "${abc:-null}" "${best:-null}" "$score" >> "$json"
  echo "| $name | $ni | $no | $exact | $(awk -v m=$ms 'BEGIN{printf "%.1f", m/1000}') | $($exact && echo "$ands" || echo "-") | $kept | ${abc:--} | ${best:--} | $score |" >> "$md"
  echo "$name: exact=$exact ands=$ands kept=$kept abc=${abc:--} best=${best:--} score=$score (${ms} ms)"
done
echo "]" >> "$json"
{
  echo
  echo "Exact: $exact_n of $total within ${secs} s each; score $score_sum (maximum $((100 * with_ref)): $with_ref tables have a best-known size)."
  [ -z "$skipped" ] || echo "Skipped (empty files in the shared data):$skipped."
} >> "$md"
echo "exact $exact_n/$total, score $score_sum of $((100 * with_ref)); wrote $json and $md"
