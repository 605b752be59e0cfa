#!/usr/bin/env bash
# Exit codes (0 ok, 1 failed, 2 bad usage) and error messages of the bitlens binary.
set -u
bl=$1 circ=$2 data=$3
source "$(dirname "$0")/expect.sh"
expect 2 "Usage: bitlens COMMAND" -- "$bl"
expect 2 "unknown command 'frobnicate'" -- "$bl" frobnicate
expect 2 "unknown option '--bogus'" -- "$bl" eval --bogus "$circ/full_adder.circ" x
expect 2 "missing argument" -- "$bl" eval "$circ/full_adder.circ"
expect 2 "--threads must be an integer" -- "$bl" eval --threads many "$circ/full_adder.circ" "$data/full_adder_rows.txt"
expect 1 "undefined_wire.circ:3: undefined wire 'c'" -- "$bl" eval "$data/undefined_wire.circ" "$data/full_adder_rows.txt"
expect 1 "short_row.txt:2: expected 3 values, got 2" -- "$bl" eval "$circ/full_adder.circ" "$data/short_row.txt"
expect 1 "no-such-file.circ: cannot open" -- "$bl" eval "$data/no-such-file.circ" "$data/full_adder_rows.txt"
expect 2 "--wrt must be all, inputs or params" -- "$bl" rdiff --wrt sideways "$circ/full_adder.circ"
expect 0 "^1 0 $" -- bash -c "printf '1 0 0\n' | '$bl' eval '$circ/full_adder.circ' - | sed 's/./& /g'"
# rdiff --out writes a file that eval can read back
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
expect 0 "" -- "$bl" rdiff --out "$tmp/rf.circ" "$circ/full_adder.circ"
expect 0 "^101$" -- bash -c "printf '01001\n' | '$bl' eval '$tmp/rf.circ' -"
# Declared sizes are refused before anything is allocated, with the file and line where there is one.
expect 2 "layer width '-1' is not a positive number" -- "$bl" learn --arch 4:-1 "$circ/adder2.truth"
expect 2 "layer width 100000000 is more than the limit" -- "$bl" learn --arch 4:100000000 "$circ/adder2.truth"
expect 2 "has 4294967328 inputs; at most 24" -- "$bl" gen mux 32
expect 2 "N must be a positive whole number, got '-1'" -- "$bl" gen adder -1
printf '.i 24\n.o 100000\n.type f\n' > "$tmp/huge.pla"
expect 1 "huge.pla: a table of 16777216 rows, 24 inputs and 100000 outputs needs more than the limit" -- "$bl" learn "$tmp/huge.pla"
printf 'aag 0 18446744073709551615 0 0 1\n' > "$tmp/wrap.aag"
expect 1 "wrap.aag:1: header declares 18446744073709551615 inputs" -- "$bl" convert "$tmp/wrap.aag" "$tmp/out.blif"
printf '# bitlens parameters\narch 4:\nwiring cover\nskip 0\nseed -1\nparams 0\n' > "$tmp/neg_seed.txt"
expect 1 "neg_seed.txt:5: seed must be a whole number" -- "$bl" learn --resume "$tmp/neg_seed.txt" "$circ/adder2.truth"
# A failed write to standard output is a failure; options of the other learning mode are refused.
expect 1 "cannot write to standard output" -- bash -c "'$bl' gen adder 2 > /dev/full"
expect 2 "--arch does not apply with --field" -- "$bl" learn "$data/full_adder_rows.txt" --field 'GF(7)' --arch 4:3
expect 2 "--eta does not apply without --field" -- "$bl" learn --eta 3
[ "$fail" = 0 ] && echo "all CLI error checks passed"
exit $fail
