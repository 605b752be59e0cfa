#!/usr/bin/env bash
# Malformed input and bad options, for every reader and every command: each case asserts the exit
# code (1 for bad input, 2 for bad usage) and the message, with file:line wherever the problem
# sits on a line. Every case that names an output file names one that exists beforehand; at the end
# each of them must be exactly as it was (a failed command destroys nothing).
set -u
bl=$(realpath "$1") circ=$(realpath "$2") self=$(realpath "$0")
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
source "$(dirname "$self")/expect.sh"
cd "$tmp" || exit 1
for f in keep.aig keep.aag keep.blif keep.v keep.circ keep.truth keep.pla keep.bgc keep.c keep.txt keep.jsonl; do echo "kept $f" > "$f"; done
mk() { printf "$2" > "$1"; }  # mk FILE FORMAT: write a small input file

# .truth
mk t1.truth '101\n';                      expect 1 "t1.truth:1: a truth table line has 2\^n characters" -- "$bl" learn t1.truth --out keep.aig
mk t2.truth '1010\n10\n';                 expect 1 "t2.truth:2: line has 2 characters, expected 4" -- "$bl" learn t2.truth --out keep.aig
mk t3.truth '10x0\n';                     expect 1 "t3.truth:1: character 3 is 'x'" -- "$bl" learn t3.truth --out keep.aig
mk t4.truth '\n\n';                       expect 1 "t4.truth: no truth table lines" -- "$bl" learn t4.truth --out keep.aig
mk t5.truth '1010\r\n10x1\r\n';           expect 1 "t5.truth:2: character 3 is 'x'" -- "$bl" verify "$circ/full_adder.circ" t5.truth
# PLA
mk p1.pla '.i 2\n.o 1\n.p 3\n11 1\n';     expect 1 "p1.pla:3: .p says 3 cubes, but the file has 1" -- "$bl" learn p1.pla --out keep.aig
mk p2.pla '.i 2\n.o 1\n111 1\n';          expect 1 "p2.pla:3: cube has 4 characters" -- "$bl" learn p2.pla --out keep.aig
mk p3.pla '.i 2\n.o 1\n1x 1\n';           expect 1 "p3.pla:3: input character 2 is 'x'" -- "$bl" learn p3.pla --out keep.aig
mk p4.pla '.i 2\n.o 1\n10 7\n';           expect 1 "p4.pla:3: output character 1 is '7'" -- "$bl" learn p4.pla --out keep.aig
mk p5.pla '11 1\n';                       expect 1 "p5.pla:1: a cube before the .i and .o lines" -- "$bl" learn p5.pla --out keep.aig
mk p6.pla '.i two\n';                     expect 1 "p6.pla:1: .i needs a whole number" -- "$bl" learn p6.pla --out keep.aig
mk p7.pla '.i 2\n.o 1\n.type q\n';        expect 1 "p7.pla:3: .type must be f, fr or fd" -- "$bl" learn p7.pla --out keep.aig
mk p8.pla '.i 2\n.o 1\n.mv 3\n';          expect 1 "p8.pla:3: unsupported PLA directive '.mv'" -- "$bl" learn p8.pla --out keep.aig
mk p9.pla '';                             expect 1 "p9.pla: missing .i or .o" -- "$bl" learn p9.pla --out keep.aig
mk p10.pla '.i 2\n.o 1\n.type fr\n11 1\n1- 0\n'; expect 1 "p10.pla:5: row 3 of output 0 is listed both as 1 and as 0" -- "$bl" learn p10.pla --out keep.aig
mk p11.pla '.i 2\n.o 1\n.ilb a b c\n11 1\n';     expect 1 "p11.pla:3: .ilb names 3 inputs, .i says 2" -- "$bl" learn p11.pla --out keep.aig
mk p12.pla '.i 2\n.o 1\n.ob y z\n11 1\n';        expect 1 "p12.pla:3: .ob names 2 outputs, .o says 1" -- "$bl" learn p12.pla --out keep.aig
mk p13.pla '.i 2\n.o 1\n11 1\n.i 3\n';           expect 1 "p13.pla:4: .i after the first cube" -- "$bl" learn p13.pla --out keep.aig
mk p14.pla '.i 24\n.o 100000\n.type f\n';        expect 1 "p14.pla: a table of 16777216 rows.*needs more than the limit" -- "$bl" learn p14.pla --out keep.aig
mk p15.pla '.i 99999999999\n.o 1\n';             expect 1 "p15.pla:1: .i declares more than the limit" -- "$bl" learn p15.pla --out keep.aig
mk p16.pla '.i 2 3\n';                    expect 1 "p16.pla:1: .i takes one value" -- "$bl" learn p16.pla --out keep.aig
# AIGER
mk a1.aag 'agg 1 1 0 1 0\n2\n2\n';        expect 1 "a1.aag:1: not an AIGER file" -- "$bl" convert a1.aag keep.blif
mk a2.aag 'aag 3 2 1 1 0\n2\n4\n6 2\n6\n'; expect 1 "a2.aag:1: .*latches" -- "$bl" convert a2.aag keep.blif
mk a3.aag 'aag 3 2 0 1 1\n2\n4\n6\n';     expect 1 "a3.aag:4: unexpected end of file" -- "$bl" convert a3.aag keep.blif
mk a4.aag 'aag 3 2 0 1 0\n2\n4\n6\n';     expect 1 "a4.aag:1: header says M = 3 but I \+ L \+ A = 2" -- "$bl" convert a4.aag keep.blif
mk a5.aag 'aag 3 2 0 1 1\n2\n4\n6\n6 8 2\n'; expect 1 "a5.aag:5: AND operand out of range" -- "$bl" convert a5.aag keep.blif
mk a6.aag 'aag 4 1 0 1 3\n2\n8\n4 6 2\n6 4 2\n8 4 6\n'; expect 1 "a6.aag:[0-9]+: cycle" -- "$bl" convert a6.aag keep.blif
mk a7.aag 'aag 2 1 0 1 1\n2\n4\n4 2 x\n'; expect 1 "a7.aag:4: expected a number, got 'x'" -- "$bl" convert a7.aag keep.blif
mk a8.aig 'aig 2 1 0 1 1\n4\n';           expect 1 "a8.aig:[0-9]+: truncated binary AND section" -- "$bl" convert a8.aig keep.blif
mk a9.aag 'aag 0 18446744073709551615 0 0 1\n'; expect 1 "a9.aag:1: header declares 18446744073709551615 inputs" -- "$bl" convert a9.aag keep.blif
mk a10.aig 'aig 4294967296 4294967296 0 0 0\n'; expect 1 "a10.aig:1: .*the limit of" -- "$bl" convert a10.aig keep.blif
mk a11.aag 'aag 2 1 0 1 1\n2\n4\n4 2 2\n4 2 2\n'; expect 1 "a11.aag:[0-9]+: " -- "$bl" convert a11.aag keep.blif
mk a12.aag 'aag 1 1 0 1 0\n2\n2\ni5 x\n'; expect 1 "a12.aag:4: symbol index 5 out of range" -- "$bl" convert a12.aag keep.blif
mk a13.aag 'aag 1 1 0 1 0\r\n2\r\n2\r\nq x\r\n'; expect 1 "a13.aag:4: malformed symbol table entry" -- "$bl" convert a13.aag keep.blif
# BLIF
mk b1.blif '.model m\n.inputs a\n.outputs y\n.names a q y\n11 1\n.end\n'; expect 1 "b1.blif:4: signal 'q' is used but never defined" -- "$bl" convert b1.blif keep.aig
mk b2.blif '.model m\n.inputs a\n.outputs y\n.latch a y 0\n';          expect 1 "b2.blif:4: .latch is not supported" -- "$bl" convert b2.blif keep.aig
mk b3.blif '.model m\n.inputs a\n.outputs y\n.names a y\n1 1\n.names a y\n0 1\n'; expect 1 "b3.blif:6: signal 'y' is defined twice" -- "$bl" convert b3.blif keep.aig
mk b4.blif '.model m\n.inputs a\n.outputs y\n.names a y\n11 1\n';      expect 1 "b4.blif:5: cover row '11 1' does not match" -- "$bl" convert b4.blif keep.aig
mk b5.blif '.model m\n.inputs a\n.outputs y\n.names a y\n1 1\n0 0\n';  expect 1 "b5.blif:6: a cover mixes" -- "$bl" convert b5.blif keep.aig
mk b6.blif '.inputs a\n';                                             expect 1 "b6.blif: no .model line" -- "$bl" convert b6.blif keep.aig
mk b7.blif '.model m\n.frob\n';                                       expect 1 "b7.blif:2: unsupported BLIF directive '.frob'" -- "$bl" convert b7.blif keep.aig
mk b8.blif '.model m\n.inputs a \\';                                  expect 1 "b8.blif:2: the file ends after a line continuation" -- "$bl" convert b8.blif keep.aig
mk b9.blif '.model m\n.inputs a b\n.inputs a\n.outputs y\n';          expect 1 "b9.blif:3: input 'a' is listed twice" -- "$bl" convert b9.blif keep.aig
mk b10.blif '.model m\n.inputs a\n.outputs y\n.names a y\n1 2\n';     expect 1 "b10.blif:5: cover output must be 0 or 1" -- "$bl" convert b10.blif keep.aig
mk b11.blif '.model m\n.inputs a\n.outputs y\n.names y t\n1 1\n.names t y\n1 1\n'; expect 1 "b11.blif:[0-9]+: .*cycle" -- "$bl" convert b11.blif keep.aig
# .circ
mk c1.circ 'ring Z2\ninputs a a\noutputs a\n';            expect 1 "c1.circ:2: duplicate name 'a'" -- "$bl" convert c1.circ keep.aig
mk c2.circ 'ring GF(4)\ninputs a\noutputs a\n';           expect 1 "c2.circ:1: GF\(4\): 4 is not prime" -- "$bl" eval c2.circ /dev/null
mk c3.circ 'ring Z2\ninputs a\nb = frob a\noutputs b\n';  expect 1 "c3.circ:3: unknown operation 'frob'" -- "$bl" convert c3.circ keep.aig
mk c4.circ 'ring Z2\ninputs a\nb = add a c\noutputs b\n'; expect 1 "c4.circ:3: undefined wire 'c'" -- "$bl" convert c4.circ keep.aig
mk c5.circ 'ring Z2\ninputs a\nb = add a b\noutputs b\n'; expect 1 "c5.circ:3: cycle" -- "$bl" convert c5.circ keep.aig
mk c6.circ 'ring Z2\ninputs a\nb = const 7\noutputs b\n'; expect 1 "c6.circ:3: '7' is not an element of Z2" -- "$bl" convert c6.circ keep.aig
mk c7.circ 'ring GF(2^8:x^8+1)\ninputs a\noutputs a\n';   expect 1 "c7.circ:1: .*is reducible" -- "$bl" eval c7.circ /dev/null
mk c8.circ 'ring GF(2^99)\ninputs a\noutputs a\n';        expect 1 "c8.circ:1: .*k must be at most 64" -- "$bl" eval c8.circ /dev/null
mk c9.circ 'ring GF(6^2)\ninputs a\noutputs a\n';         expect 1 "c9.circ:1: .*6 is not prime" -- "$bl" rdiff c9.circ --out keep.circ
mk c10.circ 'ring Frob\ninputs a\noutputs a\n';           expect 1 "c10.circ:1: unknown ring 'Frob'" -- "$bl" rdiff c10.circ --out keep.circ
mk c11.circ 'ring Z2\ninputs a\nparams p\nb = mul a p\noutputs b\n'; expect 1 "c11.circ: the circuit has 1 parameters; only .circ can hold them" -- "$bl" convert c11.circ keep.aig
# rows (eval)
mk r1.txt '1 0\n';                        expect 1 "r1.txt:1: expected 3 values, got 2" -- "$bl" eval "$circ/full_adder.circ" r1.txt
mk r2.txt '1 0 1\n1 x 1\n';               expect 1 "r2.txt:2: 'x' is not an element of Z2" -- "$bl" eval "$circ/full_adder.circ" r2.txt
mk r3.txt '1 0 2\n';                      expect 1 "r3.txt:1: '2' is not an element of Z2" -- "$bl" eval "$circ/full_adder.circ" r3.txt
mk g7.circ 'ring GF(7)\ninputs a\noutputs a\n'; mk r4.txt '9\n'; expect 1 "r4.txt:1: '9' is not an element of GF\(7\)" -- "$bl" eval g7.circ r4.txt
# labelled bits, ZIP, classifier files (classify)
mk l1.txt '0 1 1 0 3\n1 0 0 1\n';         expect 1 "l1.txt:2: expected 4 bits and a label, found 4 fields" -- "$bl" classify train l1.txt --out keep.bgc
mk l2.txt '0 1 1 0 3\n1 0 2 1 1\n';       expect 1 "l2.txt:2: field 3 is '2', not a bit" -- "$bl" classify train l2.txt --out keep.bgc
mk l3.txt '0 1 1 0 99999\n';              expect 1 "l3.txt:1: label 99999 is not below 65536" -- "$bl" classify train l3.txt --out keep.bgc
mk l4.txt '0 1 x\n';                      expect 1 "l4.txt:1: label 'x' is not a number" -- "$bl" classify train l4.txt --out keep.bgc
mk l5.txt ' \n';                          expect 1 "l5.txt: no samples" -- "$bl" classify train l5.txt --out keep.bgc
mk l6.txt '0 1 0\n0 1 0\n1 1 0\n';        expect 1 "fewer than two classes" -- "$bl" classify train l6.txt --out keep.bgc
mk z1.zip 'PK\005\006';                   expect 1 "z1.zip: not a ZIP archive \(too short\)" -- "$bl" classify train z1.zip:x.txt --out keep.bgc
mk z2.zip 'not a zip archive at all, just text that is long enough'; expect 1 "z2.zip: not a ZIP archive \(no end-of-central-directory record\)" -- "$bl" classify train z2.zip:x.txt --out keep.bgc
expect 1 "no-such.zip: cannot open" -- "$bl" classify train no-such.zip:x.txt --out keep.bgc
mk m1.bgc 'bitlens-gate-classifier 2\n';  expect 1 "m1.bgc:1: not a bitlens gate classifier" -- "$bl" classify export m1.bgc --out keep.c
mk m2.bgc 'bitlens-gate-classifier 1\ninputs 3\nclasses 2\nlayer 2\n0 1 8\n2 3 6\n'; expect 1 "m2.bgc:6: operand b 3 is more than 2" -- "$bl" classify export m2.bgc --out keep.c
mk m3.bgc 'bitlens-gate-classifier 1\ninputs 3\nclasses 2\nlayer 2\n0 1 16\n0 2 6\n'; expect 1 "m3.bgc:5: table 16 is more than 15" -- "$bl" classify export m3.bgc --out keep.v
mk m4.bgc 'bitlens-gate-classifier 1\ninputs 3\nclasses 2\nlayer 3\n0 1 8\n0 2 6\n1 2 6\n'; expect 1 "m4.bgc:[0-9]+: .*do not split into 2 classes" -- "$bl" classify export m4.bgc --out keep.aig
mk m5.bgc 'bitlens-gate-classifier 1\ninputs 3\nclasses 2\nlayer 99999999\n0 1 8\n'; expect 1 "m5.bgc:4: layer 99999999 is more than" -- "$bl" classify export m5.bgc --out keep.c
mk m6.bgc 'bitlens-gate-classifier 1\ninputs 3\nclasses 2\nlayer 2\n0 1 8\n'; expect 1 "m6.bgc:[0-9]+: unexpected end of file" -- "$bl" classify test m6.bgc l1.txt
# parameter files (--resume)
mk s1.txt '# bitlens parameters\narch 4:\nwiring cover\nskip 0\nseed -1\nparams 0\n'; expect 1 "s1.txt:5: seed must be a whole number" -- "$bl" learn "$circ/adder2.truth" --resume s1.txt --out keep.aig
mk s2.txt '# bitlens parameters\narch 4:-1\nparams 0\n';            expect 1 "s2.txt:2: .*layer width '-1' is not a positive number" -- "$bl" learn "$circ/adder2.truth" --resume s2.txt --out keep.aig
mk s3.txt '# bitlens parameters\nfrob 1\n';                         expect 1 "s3.txt:2: unknown key 'frob'" -- "$bl" learn "$circ/adder2.truth" --resume s3.txt --out keep.aig
mk s4.txt '# bitlens parameters\nseed 3\n';                         expect 1 "s4.txt: missing 'arch' or 'params' line" -- "$bl" learn "$circ/adder2.truth" --resume s4.txt --out keep.aig
mk s5.txt '# bitlens parameters\narch 4:3\nparams 0110\n';          expect 1 "s5.txt:3: params has 4 bits; architecture 4:3 on a table of 4 inputs and 3 outputs has 72" -- "$bl" learn "$circ/adder2.truth" --resume s5.txt --out keep.aig
mk s6.txt '# bitlens parameters\narch 4:3\nparams 01\00610\n';     expect 1 "s6.txt:3: params must be 0s and 1s; character 3 is '.x06'" -- "$bl" learn "$circ/adder2.truth" --resume s6.txt --out keep.aig
mk s7.txt '# bitlens parameters\narch 4:3\nwiring spiral\nparams 0\n'; expect 1 "s7.txt:3: wiring must be cover or random, got 'spiral'" -- "$bl" learn "$circ/adder2.truth" --resume s7.txt --out keep.aig
# labelled bits as CSV (classify --label)
mk c1.csv 'a,b,class\n0,1,2\n1,\0331,0\n';  expect 1 "c1.csv:3: field 2 is '.x1b1', not a bit" -- "$bl" classify train c1.csv --out keep.bgc
mk c2.csv 'a,b,class\n0,1,2\n';          expect 1 "c2.csv:1: no column is named 'digit'" -- "$bl" classify train c2.csv --label digit --out keep.bgc
mk c3.txt '0 1 2\n';                      expect 1 "c3.txt: a label column can be chosen only in a .csv file" -- "$bl" classify train c3.txt --label 1 --out keep.bgc
# CSV of field elements (learn --field)
mk f1.csv '1,2,3\n4,5\n';                 expect 1 "f1.csv:2: expected 3 values, got 2" -- "$bl" learn f1.csv --field 'GF(7)' --out keep.circ
mk f2.csv '1,2,x\n';                      expect 1 "f2.csv:1: 'x' is not an element of GF\(7\)" -- "$bl" learn f2.csv --field 'GF(7)' --out keep.circ
mk f3.csv '1,2,8\n';                      expect 1 "f3.csv:1: '8' is not an element of GF\(7\)" -- "$bl" learn f3.csv --field 'GF(7)' --out keep.circ
# options of every command, refused before any work
expect 2 "unknown command 'frobnicate'" -- "$bl" frobnicate
expect 2 "unknown option '--bogus'" -- "$bl" eval --bogus "$circ/full_adder.circ" x
expect 2 "missing argument" -- "$bl" eval "$circ/full_adder.circ"
expect 2 "unexpected argument 'extra'" -- "$bl" rdiff "$circ/full_adder.circ" extra
expect 2 "--threads must be an integer" -- "$bl" eval --threads many "$circ/full_adder.circ" r1.txt
expect 2 "--wrt must be all, inputs or params" -- "$bl" rdiff --wrt sideways "$circ/full_adder.circ" --out keep.circ
expect 2 "option '--out' needs a value" -- "$bl" rdiff "$circ/full_adder.circ" --out
expect 2 "option '--quiet' takes no value" -- "$bl" learn --quiet=yes
expect 2 "unknown output format" -- "$bl" convert "$circ/full_adder.circ" keep.png
expect 2 "unknown table format" -- "$bl" gen parity 3 --out keep.png
expect 2 "--format must be pla or truth" -- "$bl" gen parity 3 --format json
expect 2 "N must be a positive whole number, got '-1'" -- "$bl" gen adder -1
expect 2 "the size N must be at least 1" -- "$bl" gen adder 0
expect 2 "has 4294967328 inputs" -- "$bl" gen mux 32 --out keep.truth
expect 2 "--time-limit must be a number from 0" -- "$bl" learn --time-limit -1 --out keep.aig
expect 2 "--steps must be an integer" -- "$bl" learn --steps x --out keep.aig
expect 2 "--threads must be an integer from 0 to 1024" -- "$bl" learn --threads 5000 --out keep.aig
expect 2 "--valid-split must be a number from 0 to 0.9" -- "$bl" learn --valid-split 0.95 --out keep.aig
expect 2 "--batch must be an integer" -- "$bl" learn --batch -3 --out keep.aig
expect 2 "--flips must be an integer from 1" -- "$bl" learn --flips 0 --out keep.aig
expect 2 "--decay must be a number from 0 to 0.999999" -- "$bl" learn --decay 1 --out keep.aig
expect 2 "--wiring must be cover or random" -- "$bl" learn --wiring zig --out keep.aig
expect 2 "LUT size must be from 1 to 8" -- "$bl" learn --arch 9:3 --out keep.aig
expect 2 "layer width '0' is not a positive number" -- "$bl" learn --arch 4:3,0 --out keep.aig
expect 2 "--optimizer must be vote, parity or rda" -- "$bl" learn --optimizer adam --out keep.aig
expect 2 "--method must be auto, diagram, search, gates, tree or linear" -- "$bl" learn --method magic --out keep.aig --metrics keep.jsonl
expect 2 "--optimize must be abc or none" -- "$bl" learn --optimize lots --out keep.aig --metrics keep.jsonl
expect 2 "--decompose must be auto, outputs or none" -- "$bl" learn --decompose sideways --out keep.aig
expect 2 "--model must be lut, memoriser or pseudo-linear" -- "$bl" learn --model tree --out keep.aig
expect 2 "the directory .*missing does not exist" -- "$bl" learn --out missing/x.aig --metrics keep.jsonl
expect 2 "--save-params needs a single network" -- "$bl" learn "$circ/multiplier2.truth" --decompose outputs --save-params keep.txt --out keep.aig
expect 2 "--eta does not apply without --field" -- "$bl" learn --eta 3 --out keep.aig
expect 2 "--arch does not apply with --field" -- "$bl" learn f3.csv --field 'GF(7)' --arch 4:3 --out keep.circ
expect 2 "--rate must be constant or normalized|rate" -- "$bl" learn f3.csv --field 'GF(7)' --rate fast --out keep.circ
expect 2 "GF\(8\)|not prime" -- "$bl" learn f3.csv --field 'GF(8)' --out keep.circ
expect 2 "the action must be train, test, export or merge" -- "$bl" classify fit l1.txt
expect 2 "--flip does not apply to 'classify test'" -- "$bl" classify test keep.bgc l1.txt --flip 0.1
expect 2 "--valid-split must be a number" -- "$bl" classify train l1.txt --valid-split 2 --out keep.bgc
expect 2 "--layers must be an integer from 1" -- "$bl" classify train l1.txt --layers 0 --out keep.bgc
expect 2 "give --valid or --valid-split, not both" -- "$bl" classify train l1.txt --valid l1.txt --valid-split 0.2 --out keep.bgc
expect 2 "export needs --out FILE" -- "$bl" classify export keep.bgc
expect 2 "--name must be a C identifier" -- "$bl" classify export keep.bgc --out keep.c --name "9lives"
expect 2 "unknown output format" -- "$bl" classify export keep.bgc --out keep.png
# nothing that existed was touched
for f in keep.aig keep.aag keep.blif keep.v keep.circ keep.truth keep.pla keep.bgc keep.c keep.txt keep.jsonl; do
  if [ "$(cat "$f")" = "kept $f" ]; then echo "ok: $f untouched"; else echo "FAIL: $f was changed"; fail=1; fi
done
[ ! -e keep.png ] && [ ! -e missing ] || { echo "FAIL: a refused output was created"; fail=1; }
leftover=$(find . -name '.~*.tmp')
[ -z "$leftover" ] || { echo "FAIL: failed commands left temporary files: $leftover"; fail=1; }
cases=$(grep -cE '^(mk .*;)? *expect ' "$self")
echo "malformed-input cases: $cases"
exit $fail
