#!/usr/bin/env bash
# IWLS 2020 "learning from examples": train on the training rows, select on the validation rows,
# report validation accuracy and AND count (contest limit: 5000) per benchmark, next to the
# decision-tree baseline of ../shared/data/baselines (test accuracy; the test rows are not public).
#   bench/compare/iwls2020.sh [SECONDS] [OUTDIR] [FIRST LAST]     (default 20 s, ex00..ex89)
set -u
source "$(dirname "$0")/common.sh"
secs=${1:-20}
out=${2:-$repo/bench/results}
first=${3:-0} last=${4:-89}
need_data iwls2020
mkdir -p "$out"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
tar -xJf "$data/iwls2020/iwls2020_trainvalid.tar.xz" -C "$work"
base="$work/iwls2020"
dt="$data/baselines/iwls2020_decision_tree_abc.txt"
json="$out/iwls2020.json"; md="$out/iwls2020.md"
echo "[" > "$json"
{ echo "| ex | inputs | model kept | valid acc (bitlens) | ANDs | decision tree test acc | DT ANDs |"; echo "|---|---|---|---|---|---|---|"; } > "$md"
sum=0 n=0 over=0 dt_sum=0 sep=""
declare -a cat_sum cat_n cat_dt
for i in $(seq "$first" "$last"); do
  ex=$(printf 'ex%02d' "$i")
  tr="$base/train/$ex.train.pla"; va="$base/validation/$ex.valid.pla"
  [ -f "$tr" ] || continue
  res=$("$bitlens" learn "$tr" --valid "$va" --time-limit "$secs" --max-ands 5000 --quiet --threads 1 --no-verify --out "$out/iwls2020-$ex.aig" 2>&1)
  acc=$(grep '^result:' <<<"$res" | grep -o 'validation accuracy [0-9.]*' | grep -o '[0-9.]*$')
  ands=$(and_count "$res")
  ni=$(grep -o '([0-9]* inputs' <<<"$res" | grep -o '[0-9]*')
  kept=LUTs
  grep -q '^model: gate network' <<<"$res" && kept=gates
  grep -q '^model: on the [0-9]* most informative inputs' <<<"$res" && kept="LUTs, informative inputs"
  grep -q '^model: decision tree' <<<"$res" && kept=tree
  grep -q '^model: decision tree distilled' <<<"$res" && kept="distilled tree"
  grep -q '^model: forest' <<<"$res" && kept=forest
  grep -q '^model: forest[^,]*, tabulated' <<<"$res" && kept="forest, tabulated"
  grep -q '^model: linear threshold' <<<"$res" && kept=linear
  grep -q '^model: linear threshold unit with a parity' <<<"$res" && kept="linear with a parity"
  dtacc=$(awk -v e="$ex" '$1==e{print $5}' "$dt"); dtands=$(awk -v e="$ex" '$1==e{print $4}' "$dt")
  [ "${ands:-0}" -gt 5000 ] && over=$((over + 1))
  sum=$(awk -v a="$sum" -v b="${acc:-0}" 'BEGIN{print a+b}'); n=$((n + 1))
  dt_sum=$(awk -v a="$dt_sum" -v b="${dtacc:-0}" 'BEGIN{print a+b}')
  printf '%s  {"ex":"%s","inputs":%s,"kept":"%s","valid_accuracy":%s,"ands":%s,"dt_test_accuracy":%s,"dt_ands":%s}' "$sep" "$ex" "${ni:-0}" "$kept" "${acc:-0}" "${ands:-0}" "${dtacc:-null}" "${dtands:-null}" >> "$json"; sep=$',\n'
  echo "| $ex | $ni | $kept | $acc | $ands | $dtacc | $dtands |" >> "$md"
  cat_sum[i / 10]=$(awk -v a="${cat_sum[i / 10]:-0}" -v b="${acc:-0}" 'BEGIN{print a+b}'); cat_n[i / 10]=$(( ${cat_n[i / 10]:-0} + 1 ))
  cat_dt[i / 10]=$(awk -v a="${cat_dt[i / 10]:-0}" -v b="${dtacc:-0}" 'BEGIN{print a+b}')
  echo "$ex: valid $acc% ands $ands (decision tree: test $dtacc%, $dtands ANDs)"
done
echo "]" >> "$json"
mean=$(awk -v s="$sum" -v n="$n" 'BEGIN{printf "%.2f", s/n}'); dtmean=$(awk -v s="$dt_sum" -v n="$n" 'BEGIN{printf "%.2f", s/n}')
{ echo; echo "Mean validation accuracy over $n benchmarks: $mean% ($over over 5000 ANDs); decision tree (test rows): $dtmean% on the same benchmarks."
  echo; echo "| category | bitlens (validation) | decision tree (test) |"; echo "|---|---|---|"
  for c in "${!cat_n[@]}"; do
    awk -v c="$c" -v s="${cat_sum[c]}" -v d="${cat_dt[c]}" -v n="${cat_n[c]}" 'BEGIN { printf "| ex%d0-ex%d9 | %.2f%% | %.2f%% |\n", c, c, s / n, d / n }'
  done; } >> "$md"
echo "mean validation accuracy $mean% over $n (decision tree $dtmean% on test); $over over 5000 ANDs"
