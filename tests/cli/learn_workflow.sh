#!/usr/bin/env bash
# What a user does with learn: write every format, verify what was written (ours and ABC), convert,
# save and resume parameters, metrics as JSON lines, and errors that name the file and line.
set -u
bl=$1 circ=$2 data=$3
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
source "$(dirname "$0")/expect.sh"
for ext in aig aag blif v circ dot; do
  check "learn --out .$ext" "$bl" learn "$circ/multiplier2.truth" --quiet --seed 3 --out "$tmp/m.$ext"
  [ -s "$tmp/m.$ext" ] || { echo "FAIL: $tmp/m.$ext not written"; fail=1; }
done
for ext in aig aag blif circ; do
  expect 0 "own evaluation 64/64" -- "$bl" verify "$tmp/m.$ext" "$circ/multiplier2.truth"
done
check "convert .aag to .blif" "$bl" convert "$tmp/m.aag" "$tmp/m2.blif"
expect 0 "Networks are equivalent|not installed" -- "$bl" verify "$tmp/m2.blif" "$circ/multiplier2.truth"
# a wrong circuit fails verification with exit 1
sed '1s/^0/1/' "$circ/adder2.truth" > "$tmp/wrong.truth"
expect 1 "own evaluation 47/48 cared bits right.*NOT EQUIVALENT|own evaluation 47/48.*not installed" -- "$bl" verify "$circ/ripple_adder_2.circ" "$tmp/wrong.truth"
expect 0 "own evaluation 48/48" -- "$bl" verify "$circ/ripple_adder_2.circ" "$circ/adder2.truth"
expect 1 "the circuit has 4 inputs and 4 outputs, the table 4 and 3" -- "$bl" verify "$circ/mult_2x2.circ" "$circ/adder2.truth"
# PLA input, save and resume
check "learn a PLA and save parameters" "$bl" learn "$circ/comparator2.pla" --quiet --save-params "$tmp/p.txt" --arch 4:6
expect 0 "result: exact" -- "$bl" learn "$circ/comparator2.pla" --quiet --resume "$tmp/p.txt" --steps 1
# decomposition: one network per output is exact and verified; saving parameters then needs one network
expect 0 "model: 4 networks, one per output" -- "$bl" learn "$circ/multiplier2.truth" --quiet --decompose outputs
expect 0 "result: exact" -- "$bl" learn "$circ/multiplier2.truth" --quiet --decompose none
expect 2 "--save-params needs a single network" -- "$bl" learn "$circ/multiplier2.truth" --quiet --decompose outputs --save-params "$tmp/x.txt"
expect 2 "--decompose must be auto, outputs or none" -- "$bl" learn --decompose sideways
# the memoriser and the Z2-linear model
expect 0 "model: LUT memoriser" -- "$bl" learn "$circ/adder2.truth" --quiet --model memoriser --optimizer rda --steps 16
expect 0 "model: pseudo-linear" -- "$bl" learn "$circ/parity8.pla" --quiet --model pseudo-linear --steps 5000
expect 2 "--model must be lut, memoriser or pseudo-linear" -- "$bl" learn --model tree
# metrics are JSON lines ending with the result
check "learn --metrics" "$bl" learn "$circ/adder2.truth" --quiet --metrics "$tmp/m.jsonl"
python3 -c 'import json,sys; r=[json.loads(l) for l in open(sys.argv[1])]; sys.exit(0 if r[-1]["event"]=="result" and r[-1]["exact"] is True else 1)' "$tmp/m.jsonl" \
  || { echo "FAIL: metrics"; cat "$tmp/m.jsonl"; fail=1; }
# the same seed and step budget give the same circuit, whatever the thread count
"$bl" learn "$circ/adder3.truth" --quiet --seed 5 --steps 20000 --threads 1 --optimize none --out "$tmp/t1.aag" >/dev/null
"$bl" learn "$circ/adder3.truth" --quiet --seed 5 --steps 20000 --threads 2 --optimize none --out "$tmp/t2.aag" >/dev/null
cmp -s "$tmp/t1.aag" "$tmp/t2.aag" && echo "ok: same circuit for 1 and 2 threads" || { echo "FAIL: thread count changed the result"; fail=1; }
# bad input names the file and line; bad usage exits 2
printf '0101\n011\n' > "$tmp/bad.truth"
expect 1 "bad.truth:2: line has 3 characters, expected 4" -- "$bl" learn "$tmp/bad.truth"
printf '.i 2\n.o 1\n.p 5\n11 1\n' > "$tmp/bad.pla"
expect 1 "bad.pla:3: .p says 5 cubes" -- "$bl" learn "$tmp/bad.pla"
expect 2 "--optimizer must be vote, parity or rda" -- "$bl" learn --optimizer adam
expect 2 "layer width 'x'" -- "$bl" learn --arch 4:x
expect 2 "unknown table kind 'frob'" -- "$bl" gen frob 3
expect 1 "no-such.truth: cannot open" -- "$bl" learn "$tmp/no-such.truth"
[ -z "$(ls -A "$tmp" | grep '^\.~')" ] || { echo "FAIL: temporary files left behind"; fail=1; }
# One-output samples with validation rows: --method gates trains the gate network alone; its circuit
# is the whole classifier and scores on the validation rows what learn reports.
awk 'BEGIN { srand(11); print ".i 12"; print ".o 1"; print ".type fr"; for (k = 0; k < 800; k++) { l = ""; for (i = 0; i < 12; i++) { b[i] = rand() < 0.5; l = l b[i] } print l " " ((b[0] + b[3] + b[5] + b[9] >= 2) ? 1 : 0) } print ".e" }' > "$tmp/maj.pla"
expect_all 0 "model: gate network, 4 x 200.*validation accuracy" -- "$bl" learn "$tmp/maj.pla" --valid-split 0.25 --method gates --time-limit 3 -j 1 -q --no-verify -o "$tmp/maj.aig"
# The portfolio (auto): the trees (the forest of up to 101 tabulated, with 12 inputs), the threshold
# unit and the LUT networks; no gate network.
expect 0 "candidates: decision tree[^;]*; forest of 9 bagged decision trees[^;]*; decision tree distilled from a forest[^;]*; forest of [0-9]+ bagged decision trees, tabulated over the 2\^12 inputs[^;]*; linear threshold unit[^;]*; [0-9]+:[0-9]" -- "$bl" learn "$tmp/maj.pla" --valid-split 0.25 --time-limit 4 -j 1 -q --no-verify
expect 2 "--method gates needs one-output samples with validation rows" -- "$bl" learn "$tmp/maj.pla" --method gates
expect 2 "--method gates needs one-output samples" -- "$bl" learn "$circ/adder2.truth" --method gates --valid-split 0.2
# The trees alone with --method tree.
expect_all 0 "model: (decision tree,|forest of 9 bagged decision trees,|decision tree distilled from a forest,|forest of [0-9]+ bagged decision trees, tabulated over the 2\^12 inputs:) [0-9]+ decisions.*validation accuracy" -- "$bl" learn "$tmp/maj.pla" --valid-split 0.25 --method tree -j 1 -q --no-verify -o "$tmp/tree.aig"
# Samples of 8 inputs read as a table with don't-cares; with validation rows they are samples, and
# 400 rows of 256 patterns cover most of the space: the trees fit every row.
awk 'BEGIN { srand(13); print ".i 8"; print ".o 1"; print ".type fr"; for (k = 0; k < 400; k++) { l = ""; for (i = 0; i < 8; i++) { b[i] = rand() < 0.5; l = l b[i] } print l " " ((b[0] && b[1]) != (b[2] || b[5]) ? 1 : 0) } print ".e" }' > "$tmp/dense.pla"
expect_all 0 "\"method\": *\"decision tree, [0-9]+ decisions, depth [0-9]+ \(grown to fit the rows: they cover most of the input space\)\",[^}]*\"valid_errors\": *0" -- "$bl" learn "$tmp/dense.pla" --valid-split 0.25 --method tree -j 1 -q --no-verify --json
# The linear threshold unit: the majority of four inputs is one, learned exactly.
expect_all 0 "model: linear threshold unit, [0-9]+ weights of [0-9]+ bits.*validation accuracy 100.00%" -- "$bl" learn "$tmp/maj.pla" --valid-split 0.25 --method linear -j 1 -q --no-verify
# --max-ands: no candidate over the limit is kept; when none is within it, nothing is written.
expect_all 1 "no candidate has at most 1 AND nodes.*not written: .*over --max-ands" -- "$bl" learn "$tmp/maj.pla" --valid-split 0.25 --method tree --max-ands 1 -j 1 -q --no-verify -o "$tmp/small.aig"
[ ! -e "$tmp/small.aig" ] && echo "ok: nothing written over --max-ands" || { echo "FAIL: a circuit over --max-ands was written"; fail=1; }
expect 2 "--max-ands" -- "$bl" learn "$tmp/maj.pla" --max-ands 0
expect 2 "--method tree needs one-output samples" -- "$bl" learn "$circ/adder2.truth" --method tree --valid-split 0.2
expect 2 "--save-params saves a LUT network; --method tree makes none" -- "$bl" learn "$tmp/maj.pla" --valid-split 0.25 --method tree --save-params "$tmp/p.txt"
# A sparse function of 40 inputs (y = x3 x17 + x29): the LUT network on the most informative inputs
# finds it exactly (its circuit reads those inputs of the whole row); the candidate kept is exact.
awk 'BEGIN { srand(12); print ".i 40"; print ".o 1"; print ".type fr"; for (k = 0; k < 1200; k++) { l = ""; for (i = 0; i < 40; i++) { b[i] = rand() < 0.5; l = l b[i] } print l " " (((b[3] && b[17]) || b[29]) ? 1 : 0) } print ".e" }' > "$tmp/sparse.pla"
expect_all 0 "validation accuracy 100.00%.*candidates: decision tree[^;]*; forest of 9 bagged decision trees.*; linear threshold unit.*on the 12 most informative inputs: [^;]*: validation accuracy [0-9.]+%, [0-9]+ AND nodes" -- "$bl" learn "$tmp/sparse.pla" --valid-split 0.25 --time-limit 6 -j 1 -q --no-verify
# With a step budget the three candidates are reproducible, whatever the threads.
for j in 1 2; do "$bl" learn "$tmp/sparse.pla" --valid-split 0.25 --steps 200 -j $j -q --no-verify --optimize none -o "$tmp/sparse$j.aag" >/dev/null; done
cmp -s "$tmp/sparse1.aag" "$tmp/sparse2.aag" && echo "ok: the portfolio under --steps is reproducible" || { echo "FAIL: --steps runs differ"; fail=1; }
exit $fail
