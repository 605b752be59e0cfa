#!/usr/bin/env bash
# rda vs parity vs vote on the same tasks, architectures and seeds: exactness, steps and time.
#   bench/compare/optimizers.sh [SECONDS] [SEEDS] [OUTDIR]     (default 10 s, 5 seeds)
set -u
source "$(dirname "$0")/common.sh"
secs=${1:-10} seeds=${2:-5}
out=${3:-$repo/bench/results}
mkdir -p "$out"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
json="$out/optimizers.json"; md="$out/optimizers.md"
# task: table (generated here), architecture
tasks="adder:2:4:3 adder:3:4:8,4 multiplier:2:4:4 parity:8:4:2 majority:5:4:4 comparator:3:4:6 mux:2:4:3"
echo "[" > "$json"; sep=""
{ echo "| task | arch | optimizer | exact | mean steps | mean seconds | mean final errors |"; echo "|---|---|---|---|---|---|---|"; } > "$md"
for task in $tasks; do
  IFS=: read -r kind n k widths <<<"$task"
  table="$tmp/$kind$n.truth"; "$bitlens" gen "$kind" "$n" --out "$table"
  for opt in rda parity vote; do
    ex=0 steps=0 time=0 errs=0
    for s in $(seq 1 "$seeds"); do
      res=$("$bitlens" learn "$table" --arch "$k:$widths" --optimizer "$opt" --seed "$s" --time-limit "$secs" --quiet --no-verify --optimize none --threads 1 --metrics "$tmp/m.jsonl" 2>&1)
      last=$(tail -1 "$tmp/m.jsonl")
      grep -q '"exact":true' <<<"$last" && ex=$((ex + 1))
      steps=$((steps + $(grep -o '"steps":[0-9]*' <<<"$last" | grep -o '[0-9]*')))
      time=$(awk -v a="$time" -v b="$(grep -o '"seconds":[0-9.e+-]*' <<<"$last" | cut -d: -f2)" 'BEGIN{print a+b}')
      errs=$((errs + $(grep -o '"train_errors":[0-9]*' <<<"$last" | grep -o '[0-9]*')))
    done
    ms=$(awk -v s="$steps" -v n="$seeds" 'BEGIN{printf "%d", s/n}'); mt=$(awk -v t="$time" -v n="$seeds" 'BEGIN{printf "%.2f", t/n}')
    me=$(awk -v e="$errs" -v n="$seeds" 'BEGIN{printf "%.1f", e/n}')
    echo "| $kind $n | $k:$widths | $opt | $ex/$seeds | $ms | $mt | $me |" >> "$md"
    printf '%s  {"task":"%s %s","arch":"%s:%s","optimizer":"%s","exact":%d,"runs":%d,"mean_steps":%s,"mean_seconds":%s,"mean_errors":%s}' "$sep" "$kind" "$n" "$k" "$widths" "$opt" "$ex" "$seeds" "$ms" "$mt" "$me" >> "$json"; sep=$',\n'
    echo "$kind $n $opt: exact $ex/$seeds, mean steps $ms, mean ${mt}s, mean errors $me"
  done
done
echo "]" >> "$json"
echo "wrote $json and $md"
