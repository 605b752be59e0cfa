#!/usr/bin/env bash
# Finite fields from the command line: eval and rdiff over GF(p), GF(2^k), GF(p^k); learn --field;
# errors for a composite modulus, a reducible polynomial and elements out of range.
set -u
bl=$1 data=$2
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
source "$(dirname "$0")/expect.sh"
printf 'ring GF(65537)\ninputs x y\nt = mul x y\nu = add t -1\noutputs u\n' > "$tmp/p.circ"
printf '3 4\n65536 2\n' > "$tmp/p.rows"
expect 0 "^11$" -- bash -c "'$bl' eval '$tmp/p.circ' '$tmp/p.rows' | head -1"
expect 0 "^65534$" -- bash -c "'$bl' eval '$tmp/p.circ' '$tmp/p.rows' | tail -1"
expect 0 "outputs d_x=n0 d_y=n1" -- "$bl" rdiff "$tmp/p.circ"
printf 'ring GF(2^8)\ninputs a b\nc = mul a b\noutputs c\n' > "$tmp/aes.circ"
expect 0 "^193$" -- bash -c "printf '87 131\n' | '$bl' eval '$tmp/aes.circ' -"     # 0x57 * 0x83 = 0xc1
printf 'ring GF(3^5)\ninputs a\nb = mul a a\noutputs b\n' > "$tmp/e.circ"
expect 0 "^[0-9]+$" -- bash -c "printf '100\n' | '$bl' eval '$tmp/e.circ' -"
printf 'ring GF(12)\ninputs a\noutputs a\n' > "$tmp/bad.circ"
expect 1 "bad.circ:1: GF\(12\): 12 is not prime" -- "$bl" eval "$tmp/bad.circ" "$tmp/p.rows"
printf 'ring GF(2^4:x^4+1)\ninputs a\noutputs a\n' > "$tmp/red.circ"
expect 1 "is reducible" -- "$bl" eval "$tmp/red.circ" "$tmp/p.rows"
printf '70000 1\n' > "$tmp/range.rows"
expect 1 "range.rows:1: '70000' is not an element of GF\(65537\)" -- "$bl" eval "$tmp/p.circ" "$tmp/range.rows"
# learn --field: a single-input linear map is one Kaczmarz step from exact
printf '3,6\n5,10\n7,14\n' > "$tmp/lin.csv"
expect 0 "result: exact \(3 of 3 rows exact\)" -- "$bl" learn "$tmp/lin.csv" --field 'GF(65537)' --rate normalized --steps 100 --out "$tmp/lin.circ"
expect 0 "^12$" -- bash -c "printf '6\n' | '$bl' eval '$tmp/lin.circ' -"
expect 2 "--field: GF\(9\): 9 is not prime" -- "$bl" learn "$tmp/lin.csv" --field 'GF(9)'
expect 2 "over a field, --optimizer must be gd or momentum" -- "$bl" learn "$tmp/lin.csv" --field 'GF(7)' --optimizer vote
expect 1 "lin.csv:1: '3' is not an element of GF\(3\)" -- "$bl" learn "$tmp/lin.csv" --field 'GF(3)'
exit $fail
