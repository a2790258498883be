#!/usr/bin/env python3
"""Benchmark: write and read back N translation units as TMX, ours vs translate-toolkit.

Each step runs in its own subprocess, which reports its wall time and its peak RSS
(``resource.getrusage(RUSAGE_SELF).ru_maxrss``) so steps cannot inflate each other's
figures; a baseline step (imports only) shows what Python + lxml cost before any unit.

    python scripts/bench_tmx.py            # ours at 1,000,000 units, translate-toolkit at 200,000
    python scripts/bench_tmx.py --quick    # ours at 100,000, translate-toolkit at 100,000
    python scripts/bench_tmx.py --n 500000 --tt-n 0   # skip translate-toolkit

translate-toolkit builds the whole tree in memory (~600 MB for 200k units was reported),
so by default it runs at 200k units, not 1M; the table says which size each row used.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

EN = ("the model", "data", "we", "train", "a cluster", "in Lyon", "customers", "<b>", "&", "quickly",
      "open-source", "GPUs", "“quoted”", "research", "is", "and", "of the", "🚀", "costs", "more")
FR = ("le modèle", "les données", "nous", "entraînons", "un cluster", "à Lyon", "les clients", "<b>", "&",
      "rapidement", "libre", "des GPU", "« cité »", "la recherche", "est", "et", "de la", "🚀", "coûte", "plus")


def units(n: int, seed: int = 1) -> Iterator:
    """Deterministic synthetic pairs, 4–24 words, with markup-like text, emoji and accents."""
    from align.model import TranslationUnit

    rng = random.Random(seed)
    for i in range(n):
        k = rng.randint(4, 24)
        src = " ".join(rng.choice(EN) for _ in range(k)) + "."
        tgt = "Nous " + " ".join(rng.choice(FR) for _ in range(k)) + " et le reste."
        yield TranslationUnit(src, tgt, f"b{i:07d}", rng.random(), "1-1", "bench.txt")


def step_write_ours(n: int, path: Path) -> int:
    from align.formats.tmx import TmxHeader, write_tmx

    with path.open("wb") as fh:
        return write_tmx(fh, units(n), TmxHeader()).written


def step_read_ours(path: Path) -> int:
    from align.formats.tmx import read_tmx

    count = chars = 0
    for u in read_tmx(path):
        count += 1
        chars += len(u.source) + len(u.target)
    return count


def step_write_tt(n: int, path: Path) -> int:
    from translate.storage.tmx import tmxfile

    store = tmxfile(sourcelanguage="en", targetlanguage="fr")
    for u in units(n):
        store.addtranslation(u.source, "en", u.target, "fr")
    store.savefile(str(path))
    return len(store.units)


def step_read_tt(path: Path) -> int:
    from translate.storage.tmx import tmxfile

    store = tmxfile.parsefile(str(path))
    return sum(1 for u in store.units if u.source and u.target)


def step_baseline() -> int:
    import align.formats.tmx  # noqa: F401 - the imports are what is measured
    return 0


def run_step(args: argparse.Namespace) -> None:
    """Child side: run one step, print JSON with units, seconds and peak RSS (MB)."""
    path = Path(args.path) if args.path else None
    started = time.perf_counter()
    steps = {
        "baseline": step_baseline, "write-ours": lambda: step_write_ours(args.n, path),
        "read-ours": lambda: step_read_ours(path), "write-tt": lambda: step_write_tt(args.n, path),
        "read-tt": lambda: step_read_tt(path),
    }
    count = steps[args.step]()
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"units": count, "seconds": round(seconds, 2), "peak_rss_mb": round(peak_mb, 1)}))


def child(step: str, n: int = 0, path: Path | None = None) -> dict:
    cmd = [sys.executable, __file__, "--step", step, "--n", str(n), "--path", str(path or "")]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode:
        sys.exit(f"step {step} failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="100k units for both tools")
    parser.add_argument("--n", type=int, default=None, help="units for our writer/reader (default 1,000,000)")
    parser.add_argument("--tt-n", type=int, default=None, help="units for translate-toolkit (0 = skip)")
    parser.add_argument("--step", help=argparse.SUPPRESS)
    parser.add_argument("--path", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step:
        run_step(args)
        return
    n = args.n or (100_000 if args.quick else 1_000_000)
    tt_n = args.tt_n if args.tt_n is not None else (100_000 if args.quick else 200_000)
    rows = [("baseline (imports only)", 0, child("baseline"))]
    with tempfile.TemporaryDirectory(prefix="bench_tmx.") as tmp:
        sizes = [n] + ([tt_n] if tt_n and tt_n != n else [])
        for size in sizes:
            ours = Path(tmp) / f"ours{size}.tmx"
            rows.append(("align write", size, child("write-ours", size, ours)))
            rows.append(("align read", size, child("read-ours", 0, ours)))
            rows[-1][2]["file_mb"] = round(ours.stat().st_size / 2**20, 1)
            ours.unlink()
        if tt_n:
            theirs = Path(tmp) / "tt.tmx"
            rows.append(("translate-toolkit write", tt_n, child("write-tt", tt_n, theirs)))
            rows.append(("translate-toolkit read", tt_n, child("read-tt", 0, theirs)))
            rows[-1][2]["file_mb"] = round(theirs.stat().st_size / 2**20, 1)
    print("| step | units | wall s | peak RSS MB | units read back | file MB |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, size, r in rows:
        print(f"| {name} | {size:,} | {r['seconds']} | {r['peak_rss_mb']} | {r['units']:,} | {r.get('file_mb', '')} |")


if __name__ == "__main__":
    main()
