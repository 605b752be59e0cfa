#!/usr/bin/env bash
# bitlens classify as a user runs it: train with a validation split, test once, export; the exported
# C function predicts what bitlens predicts, yosys reads the exported Verilog, and bad usage is
# refused before any work.
set -u
bl=$1
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
source "$(dirname "$0")/expect.sh"
# 16 random bits per sample; the class is 2·x3 + x7 (four classes), the other bits are noise.
make_rows() {  # make_rows COUNT SEED
  awk -v n="$1" -v s="$2" 'BEGIN { srand(s); for (k = 0; k < n; k++) { l = ""; for (i = 0; i < 16; i++) { b[i] = rand() < 0.5 ? 1 : 0; l = l b[i] " " } print l (2 * b[3] + b[7]) } }'
}
make_rows 3000 1 > "$tmp/train.txt"
make_rows 1000 2 > "$tmp/test.txt"
expect_all 0 "chosen: validation class accuracy.*wrote: .*model.bgc" -- "$bl" classify train "$tmp/train.txt" --layers 2 --width 64 --time-limit 2 --threads 1 --out "$tmp/model.bgc" --quiet
out=$("$bl" classify test "$tmp/model.bgc" "$tmp/test.txt" --predictions "$tmp/pred.txt"); echo "$out"
acc=$(grep -o 'class accuracy: [0-9.]*' <<<"$out" | grep -o '[0-9.]*$')
awk -v a="${acc:-0}" 'BEGIN { exit !(a >= 90) }' && echo "ok: test accuracy $acc% >= 90%" || { echo "FAIL: test accuracy '$acc'"; fail=1; }
[ "$(wc -l < "$tmp/pred.txt")" = 1000 ] && echo "ok: 1000 predictions" || { echo "FAIL: predictions file"; fail=1; }
# The exported C function classifies 64 samples per call, exactly as bitlens does.
expect_all 0 "wrote: .*model.c" -- "$bl" classify export "$tmp/model.bgc" --out "$tmp/model.c" --name classify16
if command -v cc >/dev/null; then
  cat > "$tmp/main.c" <<'C'
#include <stdint.h>
#include <stdio.h>
void classify16(const uint64_t in[16], uint16_t out[64]);
/* Reads rows of 16 bits and a label; prints the exported function's class for each, 64 per call. */
int main(void) {
  static int bits[100000][16];
  int n = 0, label;
  while (n < 100000) {
    int i = 0;
    while (i < 16 && scanf("%d", &bits[n][i]) == 1) ++i;
    if (i < 16 || scanf("%d", &label) != 1) break;
    ++n;
  }
  for (int first = 0; first < n; first += 64) {
    uint64_t in[16] = {0};
    uint16_t out[64];
    for (int s = first; s < n && s < first + 64; ++s)
      for (int i = 0; i < 16; ++i) in[i] |= (uint64_t)(bits[s][i] & 1) << (s - first);
    classify16(in, out);
    for (int s = first; s < n && s < first + 64; ++s) printf("%u\n", (unsigned)out[s - first]);
  }
  return 0;
}
C
  if cc -O1 -std=c99 -o "$tmp/c_classify" "$tmp/main.c" "$tmp/model.c" && "$tmp/c_classify" < "$tmp/test.txt" > "$tmp/c_pred.txt" &&
     cmp -s "$tmp/pred.txt" "$tmp/c_pred.txt"; then
    echo "ok: the exported C predicts what bitlens predicts on 1000 samples"
  else
    echo "FAIL: exported C differs from bitlens"; diff "$tmp/pred.txt" "$tmp/c_pred.txt" | head; fail=1
  fi
else
  echo "skipped: no C compiler (cc) to check the exported C"
fi
expect_all 0 "wrote: .*model.v" -- "$bl" classify export "$tmp/model.bgc" --out "$tmp/model.v"
if command -v yosys >/dev/null; then
  expect_all 0 "End of script" -- yosys -p "read_verilog $tmp/model.v; hierarchy -auto-top; stat"
else
  echo "skipped: yosys is not installed"
fi
expect_all 0 "wrote: .*model.aig" -- "$bl" classify export "$tmp/model.bgc" --out "$tmp/model.aig"
# The same samples as CSV, the label first and named in a header line: the model scores the same.
to_csv() { awk 'BEGIN { printf "class"; for (i = 0; i < 16; i++) printf ",x%d", i; print "" } { printf "%s", $17; for (i = 1; i <= 16; i++) printf ",%s", $i; print "" }' "$1"; }
to_csv "$tmp/test.txt" > "$tmp/test.csv"
csv_acc=$("$bl" classify test "$tmp/model.bgc" "$tmp/test.csv" --label class | grep -o 'class accuracy: [0-9.]*' | grep -o '[0-9.]*$')
[ "$csv_acc" = "$acc" ] && echo "ok: the CSV gives the same accuracy ($csv_acc%)" || { echo "FAIL: CSV accuracy '$csv_acc', rows '$acc'"; fail=1; }
expect_all 1 "test.csv:1: no column is named 'digit'" -- "$bl" classify test "$tmp/model.bgc" "$tmp/test.csv" --label digit
to_csv "$tmp/train.txt" > "$tmp/train.csv"
expect_all 0 "chosen: validation class accuracy" -- "$bl" classify train "$tmp/train.csv" --label 1 --layers 2 --width 64 --time-limit 1 --threads 1 --quiet
# Bad usage is refused before work; a damaged model names its line.
expect_all 2 "--flip does not apply to 'classify test'" -- "$bl" classify test "$tmp/model.bgc" "$tmp/test.txt" --flip 0.1
# An ensemble: a second model with another seed, merged; its accuracy is at least near the first's.
expect_all 0 "wrote: .*model2.bgc" -- "$bl" classify train "$tmp/train.txt" --layers 2 --width 64 --time-limit 2 --threads 1 --seed 2 --out "$tmp/model2.bgc" --quiet
expect_all 0 "merged: 2 models, 256 gates.*wrote: .*both.bgc" -- "$bl" classify merge "$tmp/model.bgc" "$tmp/model2.bgc" --out "$tmp/both.bgc"
both=$("$bl" classify test "$tmp/both.bgc" "$tmp/test.txt" | grep -o 'class accuracy: [0-9.]*' | grep -o '[0-9.]*$')
awk -v a="${both:-0}" 'BEGIN { exit !(a >= 90) }' && echo "ok: the merged ensemble scores $both%" || { echo "FAIL: merged accuracy '$both'"; fail=1; }
expect_all 2 "expected 'classify merge MODEL MODEL... --out FILE'" -- "$bl" classify merge "$tmp/model.bgc" --out "$tmp/one.bgc"
expect_all 2 "merge needs --out FILE" -- "$bl" classify merge "$tmp/model.bgc" "$tmp/model2.bgc"
"$bl" classify train "$tmp/train.txt" --layers 3 --width 64 --time-limit 1 --threads 1 --out "$tmp/deep.bgc" --quiet >/dev/null
expect_all 1 "deep.bgc: has 16 inputs, 3 layers and 4 classes; .*model.bgc has 16, 2 and 4" -- "$bl" classify merge "$tmp/model.bgc" "$tmp/deep.bgc" --out "$tmp/x.bgc"
[ ! -e "$tmp/x.bgc" ] && echo "ok: a failed merge writes nothing" || { echo "FAIL: x.bgc written"; fail=1; }
expect_all 2 "the action must be train, test, export or merge" -- "$bl" classify fit "$tmp/train.txt"
expect_all 2 "--width 30 is not a multiple of the 4 classes" -- "$bl" classify train "$tmp/train.txt" --width 30 --time-limit 1
expect_all 2 "the directory .*/missing does not exist" -- "$bl" classify train "$tmp/train.txt" --out "$tmp/missing/m.bgc"
expect_all 2 "--name must be a C identifier" -- "$bl" classify export "$tmp/model.bgc" --out "$tmp/x.c" --name "9lives"
sed '6s/.*/1 99999 3/' "$tmp/model.bgc" > "$tmp/bad.bgc"
expect_all 1 "bad.bgc:6: operand b 99999 is more than 15" -- "$bl" classify test "$tmp/bad.bgc" "$tmp/test.txt"
head -c 40 "$tmp/model.bgc" > "$tmp/cut.bgc"
expect_all 1 "cut.bgc:[0-9]+: " -- "$bl" classify test "$tmp/cut.bgc" "$tmp/test.txt"
expect_all 1 "samples have 16 bits, the model reads|bits" -- bash -c "cut -d' ' -f2- '$tmp/test.txt' > '$tmp/short.txt'; '$bl' classify test '$tmp/model.bgc' '$tmp/short.txt'"
exit $fail
