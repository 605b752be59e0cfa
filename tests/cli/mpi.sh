#!/usr/bin/env bash
# mpirun -np N bitlens classify train --method flips as a user runs it: 1, 2 and 3 processes write the
# same model as one process without MPI; only process 0 prints and writes; commands that do not
# share their work, and --method relax, are refused on several processes.
#   tests/cli/mpi.sh BITLENS MPIEXEC
set -u
bl=$1 mpiexec=$2
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
source "$(dirname "$0")/expect.sh"
# 16 random bits per sample; the class is 2·x3 + x7 (four classes), the other bits are noise.
awk 'BEGIN { srand(3); for (k = 0; k < 4000; k++) { l = ""; for (i = 0; i < 16; i++) { b[i] = rand() < 0.5 ? 1 : 0; l = l b[i] " " } print l (2 * b[3] + b[7]) } }' > "$tmp/train.txt"
train=(classify train "$tmp/train.txt" --method flips --layers 2 --width 64 --epochs 20 --batch 256 --threads 1 --quiet)
expect 0 "wrote: " -- "$bl" "${train[@]}" --out "$tmp/alone.bgc"
for np in 1 2 3; do
  expect_all 0 "chosen: validation class accuracy.*wrote: " -- "$mpiexec" -np $np --oversubscribe "$bl" "${train[@]}" --out "$tmp/np$np.bgc"
  check "$np processes write the model one process writes" cmp "$tmp/alone.bgc" "$tmp/np$np.bgc"
done
out=$("$mpiexec" -np 3 --oversubscribe "$bl" "${train[@]}" --out "$tmp/np3.bgc" 2>&1)
[ "$(grep -c '^wrote: ' <<<"$out")" = 1 ] && echo "ok: one process reports" || { echo "FAIL: reports from several processes"; echo "$out"; fail=1; }
expect 2 "only --method flips shares its training between MPI processes" -- "$mpiexec" -np 2 --oversubscribe "$bl" classify train "$tmp/train.txt" --quiet
expect 2 "only 'classify train --method flips' runs on several MPI processes" -- "$mpiexec" -np 2 --oversubscribe "$bl" classify test "$tmp/alone.bgc" "$tmp/train.txt"
exit $fail
