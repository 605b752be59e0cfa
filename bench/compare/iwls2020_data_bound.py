#!/usr/bin/python3
"""What more rows and bigger models are worth on IWLS 2020 under bitlens's protocol (train on the
training rows, score on the validation rows), with scikit-learn, for the benchmarks named:

  - a decision tree (depth 4-20 or unlimited, chosen on the validation rows) trained on half of the
    training rows (3200, drawn with seed 0) and on all of them (6400): what doubling the rows gives;
  - 100 bagged full trees (RandomForestClassifier, every input at each split);
  - gradient boosting (HistGradientBoostingClassifier, 300 rounds).

The baseline tree of ../shared/data/baselines was refit on training + validation rows (12,800), so
the first line bounds how far a model trained on 6,400 rows can expect to be behind it.

    bench/compare/iwls2020_data_bound.py EX...      e.g. 10 11 12 ... 19 50 ... 59

Prints one line per benchmark and the mean gain per category. Needs python3-sklearn (Debian).
"""
import os
import sys
import tarfile
import tempfile

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
from sklearn.tree import DecisionTreeClassifier

# The same data location and PLA reader as the tree measurement beside this script.
from iwls2020_sklearn import DATA, read_pla  # noqa: E402


def accuracy(model, x, y):
    return 100.0 * float((model.predict(x) == y).mean())


def main():
    benchmarks = [int(a) for a in sys.argv[1:]] or list(range(10, 20))
    rng = np.random.default_rng(0)
    gains = {}
    with tempfile.TemporaryDirectory() as work:
        with tarfile.open(os.path.join(DATA, "iwls2020", "iwls2020_trainvalid.tar.xz")) as t:
            t.extractall(work)
        for i in benchmarks:
            ex = "ex%02d" % i
            xt, yt = read_pla(os.path.join(work, "iwls2020", "train", ex + ".train.pla"))
            xv, yv = read_pla(os.path.join(work, "iwls2020", "validation", ex + ".valid.pla"))
            tree = []
            for share in (0.5, 1.0):
                idx = rng.permutation(len(xt))[: int(len(xt) * share)]
                tree.append(max(accuracy(DecisionTreeClassifier(max_depth=d, random_state=0).fit(xt[idx], yt[idx]), xv, yv)
                                for d in (4, 6, 8, 10, 12, 14, 16, 20, None)))
            bag = accuracy(RandomForestClassifier(100, max_features=None, random_state=0, n_jobs=1).fit(xt, yt), xv, yv)
            hgb = accuracy(HistGradientBoostingClassifier(max_iter=300, random_state=0).fit(xt, yt), xv, yv)
            gains.setdefault(i // 10, []).append(tree[1] - tree[0])
            print(f"{ex} tree on 3200 rows {tree[0]:.2f}, on 6400 rows {tree[1]:.2f} (gain {tree[1] - tree[0]:+.2f}); "
                  f"100 bagged trees {bag:.2f}; gradient boosting {hgb:.2f}", flush=True)
    for c, g in sorted(gains.items()):
        print(f"ex{c}0-ex{c}9: mean gain of a tree from doubling the rows {sum(g) / len(g):+.2f}")


if __name__ == "__main__":
    main()
