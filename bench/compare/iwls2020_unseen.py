#!/usr/bin/python3
"""Functions of IWLS 2020's kinds that are not in ../shared/data: fresh random rows of comparators,
adder and multiplier bits, thresholds, parities of few inputs and small random DNFs, each 6400
training, 6400 validation and 6400 test rows. bitlens learns each exactly as
bench/compare/iwls2020.sh does (`learn TRAIN --valid VALID`, SECONDS, 1 thread), choosing its model on
the validation rows; the circuit it keeps is then measured once on the test rows (`bitlens eval
--json`, every row counted). A scikit-learn decision tree is trained on the same training rows, its depth chosen on the
validation rows, for reference, and measured on the same test rows.

    bench/compare/iwls2020_unseen.py [SECONDS=15] [SEED=2026]

Writes bench/results/iwls2020_unseen.{json,md}. Needs python3-sklearn (Debian).
"""
import json
import os
import random
import re
import subprocess
import sys
import tempfile

import numpy as np
from sklearn.tree import DecisionTreeClassifier

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BITLENS = os.environ.get("BITLENS", os.path.join(ROOT, "build", "bitlens"))


def functions(rng):
    """(name, inputs, f) with f mapping a 0/1 numpy matrix of rows to a 0/1 vector."""
    def number(x, bits):
        return sum(x[:, b].astype(np.int64) << k for k, b in enumerate(bits))

    out = []
    for width in (8, 12, 16):  # comparators a < b over shuffled inputs, with noise inputs beside
        n = 2 * width + rng.randrange(0, 16)
        perm = rng.sample(range(n), 2 * width)
        out.append((f"comparator{width}", n, lambda x, p=perm, w=width: (number(x, p[:w]) < number(x, p[w:])).astype(int)))
    for width, bit in ((8, 5), (12, 9), (16, 14)):  # a bit of a + b
        n = 2 * width
        out.append((f"adder{width}_bit{bit}", n, lambda x, w=width, b=bit: ((number(x, range(w)) + number(x, range(w, 2 * w))) >> b) & 1))
    for width, bit in ((6, 5), (8, 7)):  # a middle bit of a x b
        n = 2 * width
        out.append((f"multiplier{width}_bit{bit}", n, lambda x, w=width, b=bit: ((number(x, range(w)) * number(x, range(w, 2 * w))) >> b) & 1))
    for n, k, t in ((20, 9, 5), (32, 15, 8), (64, 21, 11)):  # at least t of k chosen inputs
        chosen = rng.sample(range(n), k)
        out.append((f"threshold{t}of{k}_{n}", n, lambda x, c=chosen, t=t: (x[:, c].sum(axis=1) >= t).astype(int)))
    for n, k in ((16, 3), (24, 5)):  # parity of k chosen inputs
        chosen = rng.sample(range(n), k)
        out.append((f"parity{k}_{n}", n, lambda x, c=chosen: x[:, c].sum(axis=1) % 2))
    for n, terms in ((16, 4), (32, 8), (48, 12)):  # a random DNF of 2- to 4-literal terms
        dnf = [[(v, rng.randrange(2)) for v in rng.sample(range(n), rng.randrange(2, 5))] for _ in range(terms)]
        def f(x, dnf=dnf):
            y = np.zeros(len(x), dtype=int)
            for term in dnf:
                t = np.ones(len(x), dtype=bool)
                for v, pos in term:
                    t &= x[:, v] == pos
                y |= t
            return y
        out.append((f"dnf{terms}_{n}", n, f))
    return out


def write_pla(path, x, y):
    with open(path, "w") as f:
        f.write(f".i {x.shape[1]}\n.o 1\n.type fr\n.p {len(x)}\n")
        for row, out in zip(x, y):
            f.write("".join(map(str, row)) + f" {out}\n")
        f.write(".e\n")


def main():
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 15
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 2026
    rng = random.Random(seed)
    np_rng = np.random.default_rng(seed)
    rows, results = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for name, n, f in functions(rng):
            x = np_rng.integers(0, 2, size=(19200, n))
            y = np.asarray(f(x)).astype(int)
            tr, va = os.path.join(tmp, name + ".train.pla"), os.path.join(tmp, name + ".valid.pla")
            circuit = os.path.join(tmp, name + ".aig")
            write_pla(tr, x[:6400], y[:6400])
            write_pla(va, x[6400:12800], y[6400:12800])
            res = subprocess.run([BITLENS, "learn", tr, "--valid", va, "--time-limit", str(seconds), "-q", "-j", "1", "--no-verify",
                                  "--max-ands", "5000", "--out", circuit, "--json"], capture_output=True, text=True)
            r = json.loads(res.stdout)
            acc = 100.0 * (1 - r["valid_errors"] / r["valid_cared_bits"]) if "valid_errors" in r else None
            method = r.get("method", "")
            kept = ("gates" if method.startswith("gate network") else "distilled tree" if method.startswith("decision tree distilled")
                    else "tree" if method.startswith("decision tree")
                    else "forest, tabulated" if method.startswith("forest") and ", tabulated" in method
                    else "forest" if method.startswith("forest")
                    else "linear with a parity" if method.startswith("linear threshold unit with a parity")
                    else "linear" if method.startswith("linear threshold")
                    else "LUTs, informative inputs" if method.startswith("on the") else "LUTs")
            # Every test row counts, repeated ones too (the PLA reader would merge them), as for the tree.
            rows_file = os.path.join(tmp, name + ".test.txt")
            with open(rows_file, "w") as f:
                f.write("".join("".join(map(str, row)) + "\n" for row in x[12800:]))
            e = json.loads(subprocess.run([BITLENS, "eval", circuit, rows_file, "--json"], capture_output=True, text=True).stdout)
            test_acc = 100.0 * float(np.mean([int(o) == t for o, t in zip(e["outputs"], y[12800:])]))
            best_tree, best_acc = None, -1.0
            for depth in (2, 4, 6, 8, 10, 12, 16, None):  # the depth chosen on the validation rows
                tree = DecisionTreeClassifier(max_depth=depth, random_state=1).fit(x[:6400], y[:6400])
                a = 100.0 * float((tree.predict(x[6400:12800]) == y[6400:12800]).mean())
                if a > best_acc:
                    best_tree, best_acc = tree, a
            tree_test = 100.0 * float((best_tree.predict(x[12800:]) == y[12800:]).mean())
            row = {"function": name, "inputs": n, "kept": kept, "valid_accuracy": acc, "test_accuracy": test_acc, "ands": r.get("ands"),
                   "tree_valid_accuracy": best_acc, "tree_test_accuracy": tree_test, "tree_depth": int(best_tree.get_depth()), "tree_leaves": int(best_tree.get_n_leaves())}
            results.append(row)
            print(json.dumps(row), flush=True)
    os.makedirs(os.path.join(ROOT, "bench", "results"), exist_ok=True)
    with open(os.path.join(ROOT, "bench", "results", "iwls2020_unseen.json"), "w") as out:
        json.dump({"seconds": seconds, "seed": seed, "results": results}, out, indent=2)
    mean = sum(r["valid_accuracy"] or 0 for r in results) / len(results)
    tree_mean = sum(r["tree_valid_accuracy"] for r in results) / len(results)
    test_mean = sum(r["test_accuracy"] for r in results) / len(results)
    tree_test_mean = sum(r["tree_test_accuracy"] for r in results) / len(results)
    with open(os.path.join(ROOT, "bench", "results", "iwls2020_unseen.md"), "w") as out:
        out.write("| function | inputs | model kept | bitlens valid | bitlens test | ANDs | decision tree valid (depth) | decision tree test |\n"
                  "|---|---|---|---|---|---|---|---|\n")
        for r in results:
            out.write(f"| {r['function']} | {r['inputs']} | {r['kept']} | {r['valid_accuracy']:.2f}% | {r['test_accuracy']:.2f}% | {r['ands']} | "
                      f"{r['tree_valid_accuracy']:.2f}% ({r['tree_depth']}) | {r['tree_test_accuracy']:.2f}% |\n")
        out.write(f"\nMean over {len(results)}: bitlens {mean:.2f}% validation, {test_mean:.2f}% test; decision tree {tree_mean:.2f}% "
                  f"validation, {tree_test_mean:.2f}% test ({seconds:g} s each, seed {seed}).\n")
    print(f"mean accuracy: bitlens {mean:.2f}% validation, {test_mean:.2f}% test; decision tree {tree_mean:.2f}% validation, {tree_test_mean:.2f}% test")


if __name__ == "__main__":
    main()
