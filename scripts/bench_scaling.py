#!/usr/bin/env python3
"""Benchmark how ``align run`` scales beside ``align pair`` on the same sentences.

``align pair`` takes pre-segmented files and only aligns; ``align run`` segments, detects
each sentence's language, aligns, builds units, checks terms and writes seven outputs. The
aligner's own cost is the same in both, so the ratio run/pair measures what the pipeline
adds around it: issue 14 found it growing as beads x sentences (``Document.texts`` rebuilt
for every bead), 1,420 s at 100k sentences. The promise is run <= 2x pair at every size.

Input: the same N English and N French sentences, one per line, for both commands (a
line holding one sentence is one sentence for the segmenter too). The sentences come from
the five transread en-fr books in ``../shared/gold`` when present (real text, repeated to
reach N), else from ``parallel/interview.gold.tsv`` (in the repository). Each command runs
in its own child process: wall time from the parent, peak memory from the child's
``ru_maxrss`` (``os.wait4``).

    python scripts/bench_scaling.py            # 5k, 10k, 20k, 100k sentences
    python scripts/bench_scaling.py --quick    # 2k and 5k
    python scripts/bench_scaling.py --sizes 5000,20000
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT.parent / "shared" / "gold" / "transread-en-fr"
SAMPLE = ROOT / "parallel" / "interview.gold.tsv"
FULL_SIZES = (5_000, 10_000, 20_000, 100_000)
QUICK_SIZES = (2_000, 5_000)


def sentence_pairs() -> list[tuple[str, str]]:
    """Parallel sentence pairs, 1-1 where the gold says so (real text either way)."""
    pairs: list[tuple[str, str]] = []
    if GOLD.is_dir():
        for gold in sorted(GOLD.glob("*.gold")):
            stem = gold.name[: -len(".gold")]
            en = (GOLD / f"{stem}.en").read_text(encoding="utf-8").splitlines()
            fr = (GOLD / f"{stem}.fr").read_text(encoding="utf-8").splitlines()
            for line in gold.read_text(encoding="utf-8").splitlines():
                left, right = line.split(":")
                s = [int(x) for x in left.strip("[]").split(",") if x.strip()]
                t = [int(x) for x in right.strip("[]").split(",") if x.strip()]
                if s and t:
                    pairs.append((" ".join(en[i] for i in s), " ".join(fr[j] for j in t)))
    if not pairs:
        for line in SAMPLE.read_text(encoding="utf-8").splitlines():
            en, _, fr = line.partition("\t")
            if en.strip() and fr.strip():
                pairs.append((en.strip(), fr.strip()))
    return pairs


def write_inputs(folder: Path, n: int, pairs: list[tuple[str, str]]) -> tuple[Path, Path]:
    chosen = [pairs[k % len(pairs)] for k in range(n)]
    en, fr = folder / f"en.{n}.txt", folder / f"fr.{n}.txt"
    en.write_text("".join(s + "\n" for s, _ in chosen), encoding="utf-8")
    fr.write_text("".join(t + "\n" for _, t in chosen), encoding="utf-8")
    return en, fr


def measure(argv: list[str]) -> tuple[float, float, int]:
    """(wall seconds, peak RSS in MB, exit status) of one child process."""
    started = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - started
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        print(f"  {' '.join(argv[1:4])}: exit {proc.returncode}: {err.strip()[-300:]}", file=sys.stderr)
    return elapsed, usage.ru_maxrss / 1024, proc.returncode


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="2k and 5k sentences only")
    ap.add_argument("--sizes", help="comma-separated sentence counts (overrides --quick)")
    args = ap.parse_args()
    sizes = tuple(int(x) for x in args.sizes.split(",")) if args.sizes else QUICK_SIZES if args.quick else FULL_SIZES
    align = [sys.executable, "-c", "from align.cli import main; main(prog_name='align')"]
    pairs = sentence_pairs()
    print(f"sentences from {'../shared/gold/transread-en-fr' if GOLD.is_dir() else SAMPLE.name} "
          f"({len(pairs)} distinct pairs, repeated to reach N)")
    header = (f"{'sentences':>10} | {'pair s':>8} {'pair MB':>8} | {'run s':>8} {'run MB':>8} | "
              f"{'time run/pair':>13} {'mem run/pair':>12}")
    print(header)
    print("-" * len(header))
    worst = 0.0
    with tempfile.TemporaryDirectory(prefix="bench_scaling.") as tmp:
        folder = Path(tmp)
        for n in sizes:
            en, fr = write_inputs(folder, n, pairs)
            p_time, p_mem, p_rc = measure([*align, "pair", str(en), str(fr), "--format", "tsv", "-q",
                                                   "-o", str(folder / "pair.tsv")])
            r_time, r_mem, r_rc = measure([*align, "run", str(en), str(fr), "-q", "-o", str(folder / f"run{n}")])
            ratio = r_time / p_time if p_time else float("inf")
            worst = max(worst, ratio)
            flag = "" if p_rc == r_rc == 0 else "  (a command failed)"
            print(f"{n:>10,} | {p_time:>8.1f} {p_mem:>8.0f} | {r_time:>8.1f} {r_mem:>8.0f} | "
                  f"{ratio:>12.2f}x {r_mem / p_mem:>11.2f}x{flag}", flush=True)
    print(f"worst time ratio run/pair: {worst:.2f}x (promise: at most 2x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
