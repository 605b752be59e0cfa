#!/usr/bin/python3
"""Each candidate model of `bitlens learn` on IWLS 2020, side by side: for every benchmark, runs
`learn TRAIN --valid VALID --method METHOD --json` (1 thread) and reads the validation accuracy of
every candidate it trained, then prints the mean by category and overall for each candidate kind and
for the one learn kept. Only the training rows train; the figures are validation accuracy.

    bench/compare/iwls2020_models.py [METHOD=tree] [SECONDS=15] [FIRST=0] [LAST=89]

Writes bench/results/iwls2020_models_METHOD.{json,md}.
"""
import json
import os
import re
import subprocess
import sys
import tarfile
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BITLENS = os.environ.get("BITLENS", os.path.join(ROOT, "build", "bitlens"))
DATA = os.environ.get("BITLENS_DATA", os.path.join(os.path.dirname(ROOT), "shared", "data"))


def kind(method):
    """A candidate's kind: its description up to the first count."""
    return re.split(r",| \(", method)[0].strip() + (" (pruned)" if "pruned at cost" in method else "")


def main():
    method = sys.argv[1] if len(sys.argv) > 1 else "tree"
    seconds = sys.argv[2] if len(sys.argv) > 2 else "15"
    first, last = (int(sys.argv[3]), int(sys.argv[4])) if len(sys.argv) > 4 else (0, 89)
    rows = []
    with tempfile.TemporaryDirectory() as work:
        with tarfile.open(os.path.join(DATA, "iwls2020", "iwls2020_trainvalid.tar.xz")) as t:
            t.extractall(work)
        base = os.path.join(work, "iwls2020")
        for i in range(first, last + 1):
            ex = "ex%02d" % i
            train = os.path.join(base, "train", ex + ".train.pla")
            valid = os.path.join(base, "validation", ex + ".valid.pla")
            cmd = [BITLENS, "learn", train, "--valid", valid, "--method", method, "--time-limit", seconds,
                   "--threads", "1", "--no-verify", "--quiet", "--json"]
            out = subprocess.run(cmd, capture_output=True, text=True)
            r = json.loads(out.stdout)
            cands = r.get("candidates") or [{"method": r["method"], "valid_errors": r["valid_errors"], "valid_cared_bits": r["valid_cared_bits"],
                                             "ands": r["ands"], "kept": True}]
            row = {"ex": ex, "models": {}}
            for c in cands:
                n = c["valid_cared_bits"]  # distinct validation rows: the reader merges repeated ones
                row["models"][kind(c["method"])] = {"accuracy": 100.0 * (n - c["valid_errors"]) / n, "ands": c["ands"]}
                if c["kept"]:
                    row["kept"] = {"model": kind(c["method"]), "accuracy": 100.0 * (n - c["valid_errors"]) / n, "ands": c["ands"]}
            rows.append(row)
            print(ex, " ".join("%s %.2f" % (k, v["accuracy"]) for k, v in row["models"].items()), "| kept", row["kept"]["model"], flush=True)
    kinds = sorted({k for r in rows for k in r["models"]})
    cats = sorted({int(r["ex"][2:]) // 10 for r in rows})

    def mean(values):
        return sum(values) / len(values) if values else float("nan")

    lines = ["| category | " + " | ".join(kinds) + " | kept |", "|---|" + "---|" * (len(kinds) + 1)]
    for c in cats + [None]:
        sel = [r for r in rows if c is None or int(r["ex"][2:]) // 10 == c]
        label = "all" if c is None else "ex%d0-ex%d9" % (c, c)
        cells = ["%.2f" % mean([r["models"][k]["accuracy"] for r in sel if k in r["models"]]) for k in kinds]
        lines.append("| %s | %s | %.2f |" % (label, " | ".join(cells), mean([r["kept"]["accuracy"] for r in sel])))
    table = "\n".join(lines)
    print(table)
    os.makedirs(os.path.join(ROOT, "bench", "results"), exist_ok=True)
    stem = os.path.join(ROOT, "bench", "results", "iwls2020_models_" + method)
    with open(stem + ".json", "w") as f:
        json.dump(rows, f, indent=1)
    with open(stem + ".md", "w") as f:
        f.write("`bench/compare/iwls2020_models.py %s %s` — validation accuracy (%%) by candidate\n\n%s\n" % (method, seconds, table))


if __name__ == "__main__":
    main()
