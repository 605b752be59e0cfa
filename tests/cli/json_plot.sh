#!/usr/bin/env bash
# The parts of the command line a program relies on: --json on every subcommand (one JSON object on
# standard output, the report on standard error, an error object on failure), options checked by
# the parser before any work (ranges, choices, modes, short names), eval and rdiff reading every
# circuit format, and `bitlens plot` drawing the metrics that learn and classify write.
set -u
bl=$1 circ=$2
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
source "$(dirname "$0")/expect.sh"
cd "$tmp"
# json FILE KEY VALUE: FILE holds one JSON object whose KEY is VALUE (compared as JSON text).
json() {
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); v=d.get(sys.argv[2]); sys.exit(0 if json.dumps(v)==sys.argv[3] else 1)' "$@" \
    && echo "ok: $1 has $2 = $3" || { echo "FAIL: $1: want $2 = $3 in"; sed 's/^/    /' "$1"; fail=1; }
}

# --json: standard output is exactly one JSON object; the human report went to standard error.
"$bl" gen adder 2 --out add2.truth --json > gen.json 2> gen.err; json gen.json command '"gen"'; json gen.json inputs 4
"$bl" learn add2.truth --json --quiet --time-limit 5 --out add2.aig > learn.json 2> learn.err
json learn.json exit_code 0; json learn.json exact true; json learn.json verified true; json learn.json out '"add2.aig"'
grep -q "^result: exact" learn.err && echo "ok: the report went to standard error" || { echo "FAIL: no report on stderr"; fail=1; }
"$bl" verify add2.aig add2.truth --json > verify.json 2>/dev/null; json verify.json verified true; json verify.json right_bits 48
# On samples, verify counts the cared bits right (a held-out test set's accuracy).
printf '.i 4\n.o 3\n.type fr\n0000 000\n1111 111\n0101 000\n.e\n' > samples.pla
"$bl" verify add2.aig samples.pla --json > samples.json 2>/dev/null; json samples.json right_bits 7; json samples.json cared_bits 9
"$bl" convert add2.aig add2.blif --json > convert.json 2>/dev/null; json convert.json outputs 3
printf '0110\n1111\n' > rows.txt
"$bl" eval add2.blif rows.txt --json > eval.json 2>/dev/null; json eval.json outputs '["110", "011"]'
"$bl" convert add2.aig add2.aag >/dev/null
"$bl" rdiff add2.aag --json > rdiff.json 2>/dev/null; json rdiff.json exit_code 0
# A failure is a JSON object too, with the exit code and the message.
"$bl" learn --threads 5000 --json > bad.json 2>/dev/null; json bad.json exit_code 2
json bad.json error "\"--threads must be an integer from 0 to 1024, got '5000'\""
"$bl" verify missing.aig add2.truth --json > missing.json 2>/dev/null; json missing.json exit_code 1

# eval and rdiff read every circuit format convert reads: the same outputs from .circ, .aag, .blif.
"$bl" convert "$circ/full_adder.circ" fa.aag >/dev/null && "$bl" convert "$circ/full_adder.circ" fa.blif >/dev/null
printf '011\n111\n100\n' > fa_rows.txt
want=$("$bl" eval "$circ/full_adder.circ" fa_rows.txt)
for f in fa.aag fa.blif; do
  [ "$("$bl" eval "$f" fa_rows.txt)" = "$want" ] && echo "ok: eval $f" || { echo "FAIL: eval $f differs"; fail=1; }
  expect 0 "outputs d_" -- "$bl" rdiff "$f"
done

# PLA names (.ilb, .ob) reach AIGER symbols, BLIF and Verilog; the module is named after the table.
printf '.i 2\n.o 1\n.ilb alpha beta\n.ob gamma\n.type f\n.p 1\n11 1\n.e\n' > named.pla
for f in named.v named.aag named.blif; do "$bl" learn named.pla -q -o "$f" --time-limit 5 >/dev/null; done
grep -q "module named (alpha, beta, gamma)" named.v && echo "ok: Verilog names" || { echo "FAIL: named.v"; cat named.v; fail=1; }
grep -q "^i1 beta" named.aag && grep -q "^o0 gamma" named.aag && echo "ok: AIGER symbols" || { echo "FAIL: named.aag"; fail=1; }
grep -q "^.model named" named.blif && grep -q "^.inputs alpha beta" named.blif && echo "ok: BLIF names" || { echo "FAIL: named.blif"; fail=1; }
"$bl" convert named.blif again.v >/dev/null
grep -q "module named (alpha, beta, gamma)" again.v && echo "ok: convert keeps the names" || { echo "FAIL: again.v"; cat again.v; fail=1; }

# Options are checked while parsing: ranges, choices, modes, values, short names.
expect 2 "^bitlens learn: --decay must be a number from 0 to 0.999999, got '2'" -- "$bl" learn --decay 2
expect 2 "--wrt must be all, inputs or params, got 'x'" -- "$bl" rdiff --wrt x "$circ/full_adder.circ"
expect 2 "--momentum does not apply without --field" -- "$bl" learn --momentum 2
expect 2 "--skip does not apply with --field" -- "$bl" learn rows.txt --field 'GF(3)' --skip
expect 2 "--predictions does not apply to 'classify train'" -- "$bl" classify train rows.txt --predictions p.txt
expect 2 "--protect-margin must be at least --margin" -- "$bl" classify train rows.txt --method flips --margin 40 --protect-margin 10
expect 2 "--margin applies to --method flips only" -- "$bl" classify train rows.txt --margin 40
expect 2 "--tau applies to --method relax only" -- "$bl" classify train rows.txt --method flips --tau 3
expect 2 "--method relax trains at most 2097152 gates" -- "$bl" classify train rows.txt --layers 100 --width 30000
expect 2 "--shift applies to --method relax only" -- "$bl" classify train rows.txt --method flips --shift 1
expect 2 "--image is used by --shift, --mirror and --local only" -- "$bl" classify train rows.txt --image 2x2
expect 2 "--mirror applies to --method relax only" -- "$bl" classify train rows.txt --method flips --mirror
expect 2 "give --input-fraction or --all-inputs, not both" -- "$bl" classify train rows.txt --all-inputs --input-fraction 0.1
expect 2 "option '--seed' needs a value" -- "$bl" learn --seed
expect 2 "unknown option '--sed'" -- "$bl" learn --sed 3
expect 2 "unknown option '-x'" -- "$bl" learn -x
expect 0 "wrote: short.aig" -- "$bl" learn add2.truth -q -s 3 -j 1 -o short.aig --time-limit 5
expect 0 "wrote: eq.aig" -- "$bl" learn add2.truth --quiet --seed=3 --out=eq.aig --time-limit 5
expect 2 "option '--seed' given more than once" -- "$bl" learn --seed 1 -s 2
expect 0 "-o, --out FILE" -- "$bl" classify --help

# plot: learn's and classify's metrics as SVG and PNG; bad records are named by line.
"$bl" learn add2.truth --quiet --method search --metrics learn.jsonl --time-limit 5 >/dev/null
expect 0 "wrote: learn.svg \([0-9]+ curves, [0-9]+ points\)" -- "$bl" plot learn.jsonl --out learn.svg
grep -q "<svg" learn.svg && echo "ok: learn.svg is SVG" || { echo "FAIL: learn.svg"; fail=1; }
awk 'BEGIN { srand(5); for (k = 0; k < 600; k++) { l = ""; for (i = 0; i < 8; i++) { b[i] = rand() < 0.5; l = l b[i] " " } print l (b[2] + 2 * b[5]) } }' > cls.txt
"$bl" classify train cls.txt --layers 2 --width 40 --time-limit 1 --threads 1 --report-every 2000 --metrics cls.jsonl --quiet >/dev/null
expect 2 "--shift needs the images' shape: the data is not IDX, give --image ROWSxCOLS" -- "$bl" classify train cls.txt --shift 1 --layers 1 --width 4
expect 2 "--image must be ROWSxCOLS, such as 28x28, got '2by4'" -- "$bl" classify train cls.txt --shift 1 --image 2by4 --layers 1 --width 4
expect 2 "the samples have 8 bits, not a multiple of 3 x 3 pixels" -- "$bl" classify train cls.txt --shift 1 --image 3x3 --layers 1 --width 4
expect 2 "--local needs the images' shape" -- "$bl" classify train cls.txt --local 1 --layers 1 --width 4
expect 0 "chosen: validation class accuracy" -- "$bl" classify train cls.txt --local 1 --image 2x4 --layers 2 --width 40 --time-limit 1 --threads 1 --quiet
expect 2 "--mirror needs the images' shape" -- "$bl" classify train cls.txt --mirror --layers 1 --width 4
expect 0 "chosen: validation class accuracy" -- "$bl" classify train cls.txt --mirror --image 2x4 --layers 2 --width 40 --time-limit 1 --threads 1 --quiet
expect 0 "chosen: validation class accuracy" -- "$bl" classify train cls.txt --shift 1 --image 2x4 --layers 2 --width 40 --time-limit 1 --threads 1 --quiet
python3 -c 'import json,sys; r=[json.loads(l) for l in open("cls.jsonl")]; sys.exit(0 if r and all("valid_accuracy" in x for x in r) else 1)' \
  && echo "ok: classify metrics are JSON lines" || { echo "FAIL: cls.jsonl"; fail=1; }
expect 0 "wrote: cls.png \(2 curves" -- "$bl" plot cls.jsonl --out cls.png
[ "$(head -c 4 cls.png | tail -c 3)" = PNG ] && echo "ok: cls.png is PNG" || { echo "FAIL: cls.png"; fail=1; }
expect 0 "wrote: flips.svg \(1 curves" -- "$bl" plot cls.jsonl --out flips.svg --x samples --y flips
printf '{"step":1,"errors":3}\nnot json\n' > bad.jsonl
echo keep > keep.svg
expect 1 "bad.jsonl:2: not a JSON object" -- "$bl" plot bad.jsonl --out keep.svg
expect 1 "no record has numeric fields 'seconds'" -- "$bl" plot learn.jsonl --out keep.svg --x seconds --y nothing
expect 2 "unknown picture format" -- "$bl" plot learn.jsonl --out keep.pdf
[ "$(cat keep.svg)" = keep ] && echo "ok: a failed plot leaves its --out as it was" || { echo "FAIL: keep.svg changed"; fail=1; }
exit $fail
