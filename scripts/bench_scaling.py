#!/usr/bin/env python3
"""Benchmark how ``align run`` scales beside ``align pair`` on the same sentences.

``align pair`` takes pre-segmented files and only aligns; ``align run`` segments, detects
each sentence's language, aligns, builds units, checks terms and writes seven outputs. The
aligner's own cost is the same in both, so the ratio run/pair measures what the pipeline
adds around it: issue 14 found it growing as beads x sentences (``Document.texts`` rebuilt
for every bead), 1,420 s at 100k sentences. The promise is run <= 2x pair at every size.

Input: the same English and French sentences, one per line, for both commands. They come
from the five transread en-fr books in ``../shared/gold`` when present (real text, N gold
beads repeated to reach N), else from ``parallel/interview.gold.tsv`` (in the repository).
A gold bead often holds several sentences (``[3]:[4, 5]``, or a line cut by the
segmenter at ``!`` or ``;``), so its line is several sentences for ``align run`` and one
for ``align pair``: ``--input sentences`` (the default) writes the sentences as the
project's segmenter cuts the whole text, one per line, so both commands align the very
same sentences (the counts are checked against ``align run``'s ``alignment.json``);
``--input lines`` writes one gold bead per line, as before (``align run`` then aligns
about a fifth more sentences than ``align pair``). Each command runs in its own child
process: wall time from the parent, peak memory from the child's ``ru_maxrss``
(``os.wait4``).

    python scripts/bench_scaling.py            # 5k, 10k, 20k, 100k sentences
    python scripts/bench_scaling.py --quick    # 2k and 5k
    python scripts/bench_scaling.py --sizes 5000,20000
    python scripts/bench_scaling.py --timeout 600   # kill a command after 10 minutes
    python scripts/bench_scaling.py --distinct      # no sentence seen twice (see write_inputs)
    python scripts/bench_scaling.py --input lines   # one gold bead per line (several sentences)

Columns: wall seconds, CPU seconds (user+sys, less disturbed by other load) and peak MB
of each command, its helper processes included (``align run`` starts one for the term
stage on a long text: ``--workers``); the ratios run/pair of wall time, CPU time and memory; and run-pair, the
seconds ``align run`` adds around the aligner (segmenting, language, checks, outputs).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
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


def marker(copy: int) -> str:
    """A made-up lower-case word naming a copy (``qa``, ``qb``…): no number, name or term."""
    letters = ""
    while True:
        copy, r = divmod(copy, 20)
        letters = "bcdfghjklmnpqrstvwxz"[r] + letters
        if not copy:
            return "qu" + letters + "ie"


def write_inputs(folder: Path, n: int, pairs: list[tuple[str, str]], distinct: bool = False) -> tuple[Path, Path]:
    """N sentence pairs, one per line; with ``distinct`` no line repeats another.

    Repeating the books to reach N repeats their sentences, and work done once per
    distinct text (language decisions, discovery) then looks cheaper than it is on a real
    document of that length; ``distinct`` opens every copy after the first with a word of
    its own on both sides, so nothing is seen twice.
    """
    chosen = [pairs[k % len(pairs)] for k in range(n)]
    if distinct:
        chosen = [(f"{marker(k // len(pairs))} {s}", f"{marker(k // len(pairs))} {t}") if k >= len(pairs) else (s, t)
                  for k, (s, t) in enumerate(chosen)]
    en, fr = folder / f"en.{n}.txt", folder / f"fr.{n}.txt"
    en.write_text("".join(s + "\n" for s, _ in chosen), encoding="utf-8")
    fr.write_text("".join(t + "\n" for _, t in chosen), encoding="utf-8")
    return en, fr


def as_sentences(path: Path, lang: str) -> int:
    """Rewrite ``path`` with one sentence per line, as ``align run``'s segmenter cuts its
    whole text (default settings); returns how many sentences."""
    from align.segment import segment_text

    sentences = segment_text(path.read_text(encoding="utf-8"), lang)
    path.write_text("".join(s.text + "\n" for s in sentences), encoding="utf-8")
    return len(sentences)


def run_counts(outdir: Path) -> tuple[int, int] | None:
    """How many source and target sentences ``align run`` aligned (its ``alignment.json``)."""
    try:
        data = json.loads((outdir / "alignment.json").read_text(encoding="utf-8"))
        return len(data["source"]["sentences"]), len(data["target"]["sentences"])
    except (OSError, KeyError, ValueError):
        return None


def _tree(root: int) -> list[int]:
    """``root`` and its descendants now running (Linux /proc): ``align run``'s helper process
    is a grandchild (forkserver), whose time and memory ``wait4`` does not report."""
    parents: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as fh:
                    fields = fh.read().rsplit(b")", 1)[1].split()
                parents[int(entry.name)] = int(fields[1])
            except (OSError, IndexError, ValueError):
                continue
    out, frontier = [root], [root]
    while frontier:
        frontier = [pid for pid, ppid in parents.items() if ppid in frontier]
        out += frontier
    return out


def _usage(pid: int) -> tuple[float, float] | None:
    """(CPU seconds user+sys, resident MB) of one running process, or None once it has gone."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            fields = fh.read().rsplit(b")", 1)[1].split()
    except OSError:
        return None
    tick = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / tick, int(fields[21]) * os.sysconf("SC_PAGE_SIZE") / 2**20


class TreeSampler(threading.Thread):
    """Every 50 ms: the summed resident memory of a process tree (its peak kept) and each
    descendant's CPU time (its last value kept: a helper ends before its parent)."""

    def __init__(self, root: int) -> None:
        super().__init__(daemon=True)
        self.root, self.peak_mb, self.helper_cpu = root, 0.0, {}
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.05):
            total = 0.0
            for pid in _tree(self.root):
                got = _usage(pid)
                if got is None:
                    continue
                total += got[1]
                if pid != self.root:
                    self.helper_cpu[pid] = got[0]
            self.peak_mb = max(self.peak_mb, total)


def measure(argv: list[str], timeout: float) -> tuple[float, float, float, int]:
    """(wall seconds, CPU seconds user+sys, peak MB, exit status) of one command, helpers included.

    CPU and memory count the whole process tree: the command's own ``ru_utime + ru_stime``
    and ``ru_maxrss`` (``os.wait4``) plus its helper processes', sampled from /proc every
    50 ms (summed resident memory of all of them at its peak; a helper's last CPU reading).
    A child still running after ``timeout`` seconds is killed (status -9), so the whole
    benchmark ends in bounded time whatever the machine's load.
    """
    started = time.perf_counter()
    with tempfile.TemporaryFile() as err_file:
        proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=err_file)
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        sampler = TreeSampler(proc.pid)
        sampler.start()
        try:
            _pid, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
            sampler.done.set()
            sampler.join()
        elapsed = time.perf_counter() - started
        err_file.seek(0)
        err = err_file.read().decode("utf-8", "replace")
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        why = f"killed after {timeout:.0f} s" if proc.returncode == -9 else err.strip()[-300:]
        print(f"  {argv[3]}: exit {proc.returncode}: {why}", file=sys.stderr)
    cpu = usage.ru_utime + usage.ru_stime + sum(sampler.helper_cpu.values())
    return elapsed, cpu, max(usage.ru_maxrss / 1024, sampler.peak_mb), proc.returncode


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="2k and 5k sentences only")
    ap.add_argument("--sizes", help="comma-separated sentence counts (overrides --quick)")
    ap.add_argument("--distinct", action="store_true",
                    help="make every repeated sentence unique (a word of its own per copy)")
    ap.add_argument("--input", choices=("sentences", "lines"), default="sentences",
                    help="one sentence per line as the segmenter cuts them (both commands align the same "
                         "sentences), or one gold bead per line")
    ap.add_argument("--timeout", type=float, default=900, help="seconds after which one command is killed")
    args = ap.parse_args()
    sizes = tuple(int(x) for x in args.sizes.split(",")) if args.sizes else QUICK_SIZES if args.quick else FULL_SIZES
    align = [sys.executable, "-c", "from align.console import main; main()"]  # the installed program
    pairs = sentence_pairs()
    print(f"sentences from {'../shared/gold/transread-en-fr' if GOLD.is_dir() else SAMPLE.name} "
          f"({len(pairs)} distinct pairs, repeated to reach N"
          f"{', every copy made unique' if args.distinct else ''}; "
          f"{'one sentence per line' if args.input == 'sentences' else 'one gold bead per line'}); "
          f"load average {os.getloadavg()[0]:.2f} at start")
    header = (f"{'sentences':>10} | {'pair s':>7} {'cpu s':>7} {'MB':>6} | {'run s':>7} {'cpu s':>7} {'MB':>6} | "
              f"{'run/pair':>8} {'cpu':>6} {'mem':>6} | {'run-pair s':>10} | aligned en x fr")
    print(header)
    print("-" * len(header))
    worst = worst_cpu = 0.0
    with tempfile.TemporaryDirectory(prefix="bench_scaling.") as tmp:
        folder = Path(tmp)
        for n in sizes:
            en, fr = write_inputs(folder, n, pairs, args.distinct)
            counts = (as_sentences(en, "en"), as_sentences(fr, "fr")) if args.input == "sentences" else None
            p_time, p_cpu, p_mem, p_rc = measure([*align, "pair", str(en), str(fr), "--format", "tsv", "-q",
                                                  "-o", str(folder / "pair.tsv")], args.timeout)
            r_time, r_cpu, r_mem, r_rc = measure([*align, "run", str(en), str(fr), "-q", "-o",
                                                  str(folder / f"run{n}")], args.timeout)
            ratio = r_time / p_time if p_time else float("inf")
            cpu_ratio = r_cpu / p_cpu if p_cpu else float("inf")
            worst, worst_cpu = max(worst, ratio), max(worst_cpu, cpu_ratio)
            flag = "" if p_rc == r_rc == 0 else "  (a command failed: see above)"
            aligned = run_counts(folder / f"run{n}")
            if counts is not None and aligned is not None and aligned != counts:
                flag += f"  (run aligned {aligned[0]:,} x {aligned[1]:,} sentences, pair {counts[0]:,} x {counts[1]:,})"
            print(f"{n:>10,} | {p_time:>7.1f} {p_cpu:>7.1f} {p_mem:>6.0f} | "
                  f"{r_time:>7.1f} {r_cpu:>7.1f} {r_mem:>6.0f} | {ratio:>7.2f}x "
                  f"{cpu_ratio:>5.2f}x {r_mem / p_mem:>5.2f}x | {r_time - p_time:>10.1f} | "
                  f"{f'{aligned[0]:,} x {aligned[1]:,}' if aligned else '?'}{flag}",
                  flush=True)
    print(f"worst ratio run/pair: wall {worst:.2f}x, cpu {worst_cpu:.2f}x (promise: at most 2x); "
          f"load average {os.getloadavg()[0]:.2f} at the end")
    return 0


if __name__ == "__main__":
    sys.exit(main())
