#!/usr/bin/env python3
"""An independent hardening campaign: mutated files of every kind bitlens reads, through the commands
a user runs, in a sanitizer build.

    bench/hardening/campaign.py BITLENS CASES_PER_KIND [SEED]

BITLENS should be an ASan + UBSan build (build-sanitize/bitlens, made by `scripts/setup.sh test`).
The seeds are the fuzz corpora (tests/fuzz/corpus/) and circuits/; each case applies one to three
random mutations (byte changes, cut or repeated spans, hostile numbers and tokens, truncation) and
runs the command that reads that kind of file. A case fails when the command

  - exits with anything but 0, 1 or 2 (a signal, a time-out after 30 s),
  - prints a sanitizer report, or `std::bad_alloc` (an allocation past the limits; ASan is told to
    refuse allocations over 2 GiB),
  - uses more than 3 GiB of memory (peak RSS, shadow memory included),
  - fails without a message that starts with `bitlens COMMAND:` (or, for `learn`, the report that
    the circuit is not exact), or
  - fails and leaves its pre-existing output file changed.

Prints a table per kind and the failures, writes bench/results/hardening.json, exits 1 on a failure.
The cases are not the ctest suite's (tests/cli/malformed.sh) and not the fuzzers': they are made here
from a seed, so another seed is another campaign.
"""
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CORPUS = os.path.join(ROOT, "tests", "fuzz", "corpus")
HOSTILE = [b"99999999999999999999", b"4294967296", b"2147483648", b"18446744073709551616", b"-1", b"-0", b"0x10",
           b"1e309", b"nan", b"\x00", b"\r", b"\t", b"\n", b"\xff\xfe", b"1" * 4096, b" " * 1000, b"," * 200,
           b".i 1000000", b".o 65536", b"aag 4294967295 1 1 1 1", b"ring GF(2^64)", b"ring GF(3^40)",
           b"ring GF(18446744073709551557)", b"layer 4000000", b"inputs 1048577", b"arch 8:1000000",
           b"params ", b".names", b"\\\n", b"#", b'"', b"PK\x03\x04"]


def mutate(data: bytes, rng: random.Random) -> bytes:
    b = bytearray(data)
    for _ in range(rng.randint(1, 3)):
        kind = rng.randrange(6)
        at = rng.randrange(len(b) + 1)
        if kind == 0 and b:  # change bytes
            for _ in range(rng.randint(1, 4)):
                b[rng.randrange(len(b))] = rng.randrange(256)
        elif kind == 1 and b:  # cut a span
            end = min(len(b), at + rng.randint(1, 64))
            del b[at:end]
        elif kind == 2 and b:  # repeat a span
            span = bytes(b[at:at + rng.randint(1, 200)])
            b[at:at] = span * rng.randint(1, 50)
        elif kind == 3:  # a hostile token
            b[at:at] = rng.choice(HOSTILE)
        elif kind == 4:  # a number made huge
            numbers = [m.span() for m in re.finditer(rb"\d+", bytes(b))]
            if numbers:
                s, e = rng.choice(numbers)
                b[s:e] = rng.choice([b"4294967297", b"99999999999", b"65536", b"0", b"1099511627776"])
        else:  # truncate
            del b[at:]
    return bytes(b[: 1 << 20])  # inputs under 1 MiB


def make_seeds(binary, where, rng):
    """Seeds that fit the commands (so that mutants also reach the paths after reading): 300 labelled
    rows of 16 bits as text and as CSV, a classifier trained on them, saved parameters of adder2."""
    rows = []
    for _ in range(300):
        bits = [rng.randrange(2) for _ in range(16)]
        rows.append((bits, 2 * bits[3] + bits[7]))
    text = "".join(" ".join(map(str, b)) + f" {c}\n" for b, c in rows)
    open(os.path.join(where, "rows16.txt"), "w").write(text)
    header = "class," + ",".join(f"x{i}" for i in range(16)) + "\n"
    open(os.path.join(where, "rows16.csv"), "w").write(header + "".join(f"{c}," + ",".join(map(str, b)) + "\n" for b, c in rows))
    subprocess.run([binary, "classify", "train", "rows16.txt", "--layers", "2", "--width", "40", "--time-limit", "0.5", "-j", "1", "-q",
                    "-o", "model.bgc"], cwd=where, check=True, stdout=subprocess.DEVNULL)
    subprocess.run([binary, "learn", os.path.join(ROOT, "circuits", "adder2.truth"), "--method", "search", "--decompose", "none",
                    "--arch", "4:3", "--steps", "20", "-q", "--save-params", "p.txt"], cwd=where, stdout=subprocess.DEVNULL)
    return {"labelled": ["rows16.txt"], "csv": ["rows16.csv"], "classifier": ["model.bgc"], "params": ["p.txt"]}


def seeds(kind, extra):
    d = os.path.join(CORPUS, kind)
    out = [os.path.join(d, f) for f in sorted(os.listdir(d))] + extra.get(kind, [])
    if kind in ("truth", "pla", "blif", "circ"):
        out += [os.path.join(ROOT, "circuits", f) for f in sorted(os.listdir(os.path.join(ROOT, "circuits"))) if f.endswith("." + kind)]
    return out


def idx_pair(blob: bytes):
    # The fuzz target's format: two bytes say where the images end, a third the levels.
    cut = min(len(blob) - 3, blob[0] * 256 + blob[1])
    rest = blob[3:]
    return rest[:cut], rest[cut:]


def plan(kind, path, work, rng):
    """Writes the mutated case into `work`; returns (argv without the binary, file that must survive)."""
    keep = {"aig": "keep.aig", "bgc": "keep.bgc", "aag": "keep.aag"}
    data = open(path, "rb").read()
    ext = os.path.splitext(path)[1]
    if kind == "idx":
        images, labels = idx_pair(data)
        if rng.random() < 0.5:
            images = mutate(images, rng)
        else:
            labels = mutate(labels, rng)
        open(os.path.join(work, "t10k-images-idx3-ubyte"), "wb").write(images)
        open(os.path.join(work, "t10k-labels-idx1-ubyte"), "wb").write(labels)
        return ["classify", "train", "t10k-images-idx3-ubyte", "--layers", "1", "--width", "2520", "--epochs", "1",
                "--time-limit", "0.2", "-j", "1", "-q", "-o", keep["bgc"]], keep["bgc"]
    if kind == "zip":
        name = "case.zip"
        open(os.path.join(work, name), "wb").write(mutate(data, rng))
        member = rng.choice(["rows.txt", "a.txt", "missing.txt"])
        return ["classify", "train", name + ":" + member, "--layers", "1", "--width", "2520", "--epochs", "1", "--time-limit", "0.2",
                "-j", "1", "-q", "-o", keep["bgc"]], keep["bgc"]
    name = "case" + ext
    open(os.path.join(work, name), "wb").write(mutate(data, rng))
    if kind in ("truth", "pla"):
        return ["learn", name, "--time-limit", "1", "--optimize", "none", "-q", "-j", "1", "-o", keep["aig"]], keep["aig"]
    if kind in ("aiger", "blif"):
        return ["convert", name, keep["aag"]], keep["aag"]
    if kind == "circ":
        return (["eval", name, "rows.txt"] if rng.random() < 0.5 else ["rdiff", name, "-o", "keep.circ"]), "keep.circ"
    if kind == "rows":
        return ["eval", os.path.join(ROOT, "circuits", "full_adder.circ"), name], "keep.aig"
    if kind in ("labelled", "csv"):
        extra = ["--label", rng.choice(["1", "3", "digit", "class"])] if kind == "csv" and rng.random() < 0.3 else []
        return ["classify", "train", name, "--layers", "1", "--width", "2520", "--epochs", "1", "--time-limit", "0.2", "-j", "1",
                "-q", "-o", keep["bgc"]] + extra, keep["bgc"]
    if kind == "classifier":
        return ["classify", "test", name, "rows16.txt"], "keep.aig"
    if kind == "params":
        return ["learn", os.path.join(ROOT, "circuits", "adder2.truth"), "--resume", name, "--steps", "2", "--optimize", "none",
                "--no-verify", "-q", "-j", "1", "-o", keep["aig"]], keep["aig"]
    raise ValueError(kind)


def run(argv, cwd, timeout=30.0):
    """Runs argv; returns (exit code or None on a time-out, output, peak RSS in bytes)."""
    env = dict(os.environ, ASAN_OPTIONS="max_allocation_size_mb=2048:allocator_may_return_null=1:detect_leaks=1",
               UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1")
    with tempfile.TemporaryFile() as out:
        p = subprocess.Popen(argv, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env)
        start = time.monotonic()
        while True:
            pid, status, usage = os.wait4(p.pid, os.WNOHANG)
            if pid != 0:
                break
            if time.monotonic() - start > timeout:
                p.kill()
                _, status, usage = os.wait4(p.pid, 0)
                out.seek(0)
                return None, out.read().decode("utf-8", "replace"), usage.ru_maxrss * 1024
            time.sleep(0.01)
        out.seek(0)
        code = os.waitstatus_to_exitcode(status)
        return code, out.read().decode("utf-8", "replace"), usage.ru_maxrss * 1024


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    binary, per_kind = os.path.abspath(sys.argv[1]), int(sys.argv[2])
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 2026
    rng = random.Random(seed)
    seed_dir = tempfile.mkdtemp(prefix="bitlens-seeds-")
    extra = {k: [os.path.join(seed_dir, f) for f in v] for k, v in make_seeds(binary, seed_dir, rng).items()}
    kinds = ["truth", "pla", "aiger", "blif", "circ", "rows", "labelled", "csv", "classifier", "params", "zip", "idx"]
    summary, failures = {}, []
    for kind in kinds:
        counts = {"cases": 0, "exit_0": 0, "exit_1": 0, "exit_2": 0, "failures": 0, "max_rss_mib": 0.0, "seconds": 0.0}
        pool = seeds(kind, extra)
        for case in range(per_kind):
            work = tempfile.mkdtemp(prefix="bitlens-campaign-")
            try:
                for f in ("keep.aig", "keep.bgc", "keep.aag", "keep.circ"):
                    open(os.path.join(work, f), "w").write("pre-existing " + f + "\n")
                open(os.path.join(work, "rows.txt"), "w").write("0 1 1\n1 1 1\n")
                shutil.copy(os.path.join(seed_dir, "rows16.txt"), work)
                argv, keep = plan(kind, rng.choice(pool), work, rng)
                t0 = time.monotonic()
                code, output, rss = run([binary] + argv, work)
                counts["seconds"] += time.monotonic() - t0
                counts["cases"] += 1
                counts["max_rss_mib"] = max(counts["max_rss_mib"], rss / 2**20)
                problem = None
                if code is None:
                    problem = "time-out"
                elif code not in (0, 1, 2):
                    problem = f"exit {code}"
                elif re.search(r"AddressSanitizer|LeakSanitizer|runtime error|bad_alloc", output):
                    problem = "sanitizer report or bad_alloc"
                elif rss > 3 * 2**30:
                    problem = f"peak RSS {rss / 2**30:.1f} GiB"
                elif code != 0 and not re.search(r"^bitlens " + re.escape(argv[0]) + r": |^not written: .* \(the circuit is not exact\)", output, re.M):
                    problem = "failed without a 'bitlens COMMAND:' message"
                elif code != 0 and open(os.path.join(work, keep)).read() != "pre-existing " + keep + "\n":
                    problem = f"failed and changed {keep}"
                if problem:
                    counts["failures"] += 1
                    kept = os.path.join(ROOT, "bench", "results", "hardening", f"{kind}-{case}")
                    shutil.rmtree(kept, ignore_errors=True)
                    shutil.copytree(work, kept)
                    failures.append({"kind": kind, "case": case, "problem": problem, "argv": argv, "kept": kept,
                                     "output": output[-600:]})
                else:
                    counts[f"exit_{code}"] += 1
            finally:
                shutil.rmtree(work, ignore_errors=True)
        summary[kind] = counts
        print(f"{kind:11s} {counts['cases']:6d} cases  exit 0/1/2: {counts['exit_0']}/{counts['exit_1']}/{counts['exit_2']}"
              f"  failures {counts['failures']}  peak RSS {counts['max_rss_mib']:.0f} MiB  {counts['seconds']:.0f} s", flush=True)
    shutil.rmtree(seed_dir, ignore_errors=True)
    for f in failures:
        print(f"FAIL {f['kind']} case {f['case']}: {f['problem']}: bitlens {' '.join(f['argv'])} (kept in {f['kept']})\n{f['output']}")
    os.makedirs(os.path.join(ROOT, "bench", "results"), exist_ok=True)
    with open(os.path.join(ROOT, "bench", "results", "hardening.json"), "w") as out:
        json.dump({"binary": binary, "seed": seed, "cases_per_kind": per_kind, "kinds": summary, "failures": failures}, out, indent=2)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
