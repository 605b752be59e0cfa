#!/usr/bin/python3
"""The decision-tree reference of IWLS 2020 under bitlens's own protocol: scikit-learn's
DecisionTreeClassifier trained on the training rows only, its depth (2 to 20, or unlimited) chosen on the validation
rows, and its validation accuracy reported, per benchmark and by category. (The baseline in
../shared/data/baselines refits on training and validation rows together and reports the hidden
test rows: twice the data.)

    bench/compare/iwls2020_sklearn.py [FIRST=0] [LAST=89]

Writes bench/results/iwls2020_sklearn.{json,md}. Needs python3-sklearn (Debian).
"""
import json
import os
import sys
import tarfile
import tempfile

import numpy as np
from sklearn.tree import DecisionTreeClassifier

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.environ.get("BITLENS_DATA", os.path.join(os.path.dirname(ROOT), "shared", "data"))


def read_pla(path):
    xs, ys = [], []
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line or line[0] in ".#":
                continue
            bits, out = line.split()
            xs.append([c == "1" for c in bits])
            ys.append(out == "1")
    return np.array(xs, dtype=np.uint8), np.array(ys, dtype=np.uint8)


def main():
    first, last = (int(sys.argv[1]), int(sys.argv[2])) if len(sys.argv) > 2 else (0, 89)
    rows = []
    with tempfile.TemporaryDirectory() as work:
        with tarfile.open(os.path.join(DATA, "iwls2020", "iwls2020_trainvalid.tar.xz")) as t:
            t.extractall(work)
        for i in range(first, last + 1):
            ex = "ex%02d" % i
            xt, yt = read_pla(os.path.join(work, "iwls2020", "train", ex + ".train.pla"))
            xv, yv = read_pla(os.path.join(work, "iwls2020", "validation", ex + ".valid.pla"))
            best = None
            for depth in (2, 4, 6, 8, 10, 12, 14, 16, 20, None):
                acc = 100.0 * (DecisionTreeClassifier(max_depth=depth, random_state=0).fit(xt, yt).predict(xv) == yv).mean()
                if best is None or acc > best[1]:
                    best = (depth, acc)
            rows.append({"ex": ex, "depth": best[0], "valid_accuracy": best[1]})
            print(ex, best[0], "%.2f" % best[1], flush=True)
    cats = sorted({int(r["ex"][2:]) // 10 for r in rows})
    lines = ["| category | scikit-learn tree, training rows only (validation) |", "|---|---|"]
    for c in cats:
        v = [r["valid_accuracy"] for r in rows if int(r["ex"][2:]) // 10 == c]
        lines.append("| ex%d0-ex%d9 | %.2f |" % (c, c, sum(v) / len(v)))
    lines.append("| all | %.2f |" % (sum(r["valid_accuracy"] for r in rows) / len(rows)))
    print("\n".join(lines))
    os.makedirs(os.path.join(ROOT, "bench", "results"), exist_ok=True)
    with open(os.path.join(ROOT, "bench", "results", "iwls2020_sklearn.json"), "w") as f:
        json.dump(rows, f, indent=1)
    with open(os.path.join(ROOT, "bench", "results", "iwls2020_sklearn.md"), "w") as f:
        f.write("`bench/compare/iwls2020_sklearn.py`\n\n" + "\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
