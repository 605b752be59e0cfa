"""Reads build/bench/mpi_step's JSON lines (1 and 2 processes, alternating) on standard input and
writes PREFIX.json and PREFIX.md: each round's ratio of 2 to 1 process, and their median.
usage: python3 bench/compare/mpi_scaling_report.py PREFIX < lines"""
import json
import statistics
import sys

prefix = sys.argv[1]
runs = [json.loads(line) for line in sys.stdin if line.strip()]
one = [r for r in runs if r["processes"] == 1]
two = [r for r in runs if r["processes"] == 2]
ratios = [b["samples_per_s"] / a["samples_per_s"] for a, b in zip(one, two)]
out = {
    "runs": runs,
    "ratios_2_over_1": ratios,
    "median_ratio": statistics.median(ratios),
    "median_samples_per_s": {"1": statistics.median(r["samples_per_s"] for r in one),
                             "2": statistics.median(r["samples_per_s"] for r in two)},
}
with open(prefix + ".json", "w") as f:
    json.dump(out, f, indent=2)
rows = ["| round | 1 process, samples/s | 2 processes, samples/s | ratio | 2 processes: time in collectives |",
        "|---|---|---|---|---|"]
for k, (a, b) in enumerate(zip(one, two)):
    rows.append("| %d | %s | %s | %.2f | %.2f s of %.0f s |" % (k + 1, format(round(a["samples_per_s"]), ","),
                format(round(b["samples_per_s"]), ","), b["samples_per_s"] / a["samples_per_s"],
                b["collective_seconds"], b["seconds"]))
rows.append("")
rows.append("Median ratio: **%.2f** (batch %d, %d gates, one thread per process)." %
            (out["median_ratio"], one[0]["batch"], one[0]["gates"]))
with open(prefix + ".md", "w") as f:
    f.write("\n".join(rows) + "\n")
print("\n".join(rows))
