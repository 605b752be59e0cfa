#!/usr/bin/env bash
# Exact by construction: complete tables are learned exactly and written small, each checked by our
# evaluation and by ABC's cec where installed (no timing asserted). A table not learned exactly
# exits 1 and writes nothing; options are checked before any file is touched.
set -u
bl=$1 circ=$2
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
source "$(dirname "$0")/expect.sh"
verified="ABC cec: Networks are equivalent|berkeley-abc is not installed"
# Tables of the kinds the IWLS and CGP suites hold: arithmetic, comparison, majority, selection.
"$bl" gen adder 4 --out "$tmp/adder4.truth"
"$bl" gen comparator 4 --out "$tmp/comparator4.truth"
"$bl" gen multiplier 3 --out "$tmp/multiplier3.truth"
"$bl" gen majority 7 --out "$tmp/majority7.truth"
"$bl" gen mux 3 --out "$tmp/mux3.truth"
for t in adder4 comparator4 multiplier3 majority7 mux3; do
  expect_all 0 "result: exact.*($verified)" -- "$bl" learn "$tmp/$t.truth" --quiet --method diagram --time-limit 5 --out "$tmp/$t.aig"
  expect_all 0 "own evaluation .* cared bits right" -- "$bl" verify "$tmp/$t.aig" "$tmp/$t.truth"
done
# The default (auto) keeps the smaller of the diagram and the learned network, and says which.
expect_all 0 "candidates: decision diagram.*; .*(kept)" -- "$bl" learn "$circ/adder3.truth" --quiet --time-limit 5
# A diagram is small where its order is right: the 4-bit adder stays far below its 2^8-row table.
ands=$("$bl" learn "$tmp/adder4.truth" --quiet --method diagram --optimize none --time-limit 5 | grep -o 'AIG: [0-9]*' | grep -o '[0-9]*')
[ -n "$ands" ] && [ "$ands" -le 120 ] && echo "ok: adder4 diagram has $ands ANDs before ABC" || { echo "FAIL: adder4 diagram has '$ands' ANDs"; fail=1; }
# A constant output (ABC's read_truth cannot read one) is still checked by ABC, and a wrong one caught.
printf '10010110\n11111111\n' > "$tmp/const.truth"
printf 'ring Z2\ninputs a b c\nt = add a b\ns = add t c\none = const 1\noutputs s one\n' > "$tmp/good.circ"
printf 'ring Z2\ninputs a b c\nt = add a b\ns = add t c\nm = mul a b\noutputs s m\n' > "$tmp/bad.circ"
expect_all 0 "$verified" -- "$bl" verify "$tmp/good.circ" "$tmp/const.truth"
expect_all 1 "NOT EQUIVALENT|berkeley-abc is not installed" -- "$bl" verify "$tmp/bad.circ" "$tmp/const.truth"
expect_all 0 "result: exact.*$verified" -- "$bl" learn "$tmp/const.truth" --quiet --time-limit 2
# Learning alone with no time to succeed: exit 1, and the existing output file is left as it was.
echo "keep me" > "$tmp/keep.aig"
expect_all 1 "not written: .*keep.aig" -- "$bl" learn "$tmp/multiplier3.truth" --quiet --method search --steps 1 --out "$tmp/keep.aig"
grep -qx "keep me" "$tmp/keep.aig" && echo "ok: a failed learn left --out untouched" || { echo "FAIL: --out was replaced"; fail=1; }
# Options are checked before work starts and before any file is opened.
echo "old metrics" > "$tmp/m.jsonl"
expect_all 2 "--method must be auto, diagram, search, gates, tree or linear" -- "$bl" learn --method magic --metrics "$tmp/m.jsonl"
expect_all 2 "--optimize must be abc or none" -- "$bl" learn --optimize lots --metrics "$tmp/m.jsonl"
grep -qx "old metrics" "$tmp/m.jsonl" && echo "ok: refused options left --metrics untouched" || { echo "FAIL: --metrics was truncated"; fail=1; }
expect_all 2 "the directory .*/missing does not exist" -- "$bl" learn --out "$tmp/missing/x.aig"
expect_all 2 "unknown output format" -- "$bl" learn --out "$tmp/x.png"
expect_all 2 "--method diagram needs a complete truth table" -- "$bl" learn "$circ/adder2.truth" --method diagram --arch 4:3
expect_all 2 "--save-params needs a single network" -- "$bl" learn "$circ/adder2.truth" --method diagram --save-params "$tmp/p.txt" --out "$tmp/keep.aig"
grep -qx "keep me" "$tmp/keep.aig" || { echo "FAIL: a refused --save-params replaced --out"; fail=1; }
exit $fail
