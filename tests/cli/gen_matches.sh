#!/usr/bin/env bash
# The truth tables in circuits/ are exactly what `bitlens gen` writes.
set -u
bl=$1 circ=$2
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail=0
while read -r file kind n; do
  "$bl" gen "$kind" "$n" --out "$tmp/$file"
  if cmp -s "$tmp/$file" "$circ/$file"; then echo "ok: $file = gen $kind $n"; else echo "FAIL: $file differs from gen $kind $n"; fail=1; fi
done <<'LIST'
adder2.truth adder 2
adder3.truth adder 3
multiplier2.truth multiplier 2
parity8.pla parity 8
majority5.pla majority 5
comparator2.pla comparator 2
mux2.pla mux 2
LIST
exit $fail
