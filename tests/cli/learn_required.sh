#!/usr/bin/env bash
# The tables the project promises to learn exactly, each within 10 s, verified by our evaluation and
# (where installed) by ABC's cec.
set -u
bl=$1 circ=$2
fail=0
for t in adder2.truth adder3.truth multiplier2.truth parity8.pla majority5.pla; do
  start=$(date +%s%N)
  out=$("$bl" learn "$circ/$t" --time-limit 10 --quiet 2>&1); rc=$?
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  abc="not installed"
  command -v berkeley-abc >/dev/null && abc=$(grep -o "ABC cec: Networks are equivalent" <<<"$out" || echo "NOT equivalent")
  if [ $rc = 0 ] && grep -q "result: exact" <<<"$out" && { ! command -v berkeley-abc >/dev/null || grep -q "Networks are equivalent" <<<"$out"; }; then
    echo "ok: $t exact in ${ms} ms ($abc; $(grep -o 'AIG: .*' <<<"$out"))"
  else
    echo "FAIL: $t (exit $rc)"; echo "$out" | sed 's/^/    /'; fail=1
  fi
done
exit $fail
