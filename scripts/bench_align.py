"""Benchmark the aligner on ../shared/gold beside NLTK's Gale-Church and the shared table.

Usage: python scripts/bench_align.py [--quick] [--fit]
  --quick  scaling at 1k/3k only, NLTK skipped on transread (it is quadratic: ~2 min there)
  --fit    grid over the cost weights on textberg dev only (whole and cut into pieces)
"""

from __future__ import annotations

import argparse
import itertools
import os
import resource
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

from align import evaluate as ev
from align.aligner import align_texts
from align.config import AlignConfig
from align.formats.links import parse_links
from align.model import Bead

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
GOLD = SHARED / "gold"
REFERENCE = {  # strict / lax F1 from ../shared/README.md
    "hunalign": {"transread": (0.769, 0.901), "textberg": (0.751, 0.868), "parice": (0.750, 0.838)},
    "galechurch": {"transread": (0.755, 0.897), "textberg": (0.678, 0.797), "parice": (0.801, 0.886)},
}


def docs(name: str):
    if name == "dev":
        d = GOLD / "textberg-de-fr"
        yield d / "dev.de", d / "dev.fr", d / "dev.defr"
    elif name == "transread":
        for g in sorted((GOLD / "transread-en-fr").glob("*.gold")):
            base = str(g)[:-5]
            yield Path(base + ".en"), Path(base + ".fr"), g
    elif name == "textberg":
        for k in range(7):
            d = GOLD / "textberg-de-fr"
            yield d / f"test{k}.de", d / f"test{k}.fr", d / f"test{k}.defr"
    elif name == "parice":
        for g in sorted((GOLD / "parice-en-is" / "gold").glob("*.txt")):
            yield GOLD / "parice-en-is" / "en" / g.name, GOLD / "parice-en-is" / "is" / g.name, g


def lines(path: Path) -> list[str]:
    return [ln.strip() for ln in path.read_text(encoding="utf-8").rstrip("\n").split("\n")]


def nltk_beads(src: list[str], tgt: list[str]) -> list[Bead]:
    """NLTK's gale_church.align_blocks pairs, grouped into beads (connected components)."""
    from nltk.translate.gale_church import align_blocks

    pairs = align_blocks([len(s) for s in src], [len(t) for t in tgt])
    beads, cur_s, cur_t = [], set(), set()
    for i, j in pairs:
        if cur_s and i not in cur_s and j not in cur_t:
            beads.append(Bead(tuple(sorted(cur_s)), tuple(sorted(cur_t))))
            cur_s, cur_t = set(), set()
        cur_s.add(i)
        cur_t.add(j)
    if cur_s:
        beads.append(Bead(tuple(sorted(cur_s)), tuple(sorted(cur_t))))
    seen_s = {i for b in beads for i in b.src}
    seen_t = {j for b in beads for j in b.tgt}
    beads += [Bead((i,), ()) for i in range(len(src)) if i not in seen_s]
    beads += [Bead((), (j,)) for j in range(len(tgt)) if j not in seen_t]
    return beads


def items(name: str):
    """(source lines, target lines, gold beads) of each document of a set; ``dev/K`` is textberg
    dev cut into K pieces at gold-bead boundaries (held-out documents the size of the test ones)."""
    if name.startswith("dev/"):
        yield from dev_pieces(int(name[4:]))
        return
    for s, t, g in docs(name):
        yield lines(s), lines(t), parse_links(g.read_text(encoding="utf-8"))


def dev_pieces(k: int):
    """textberg dev in ``k`` contiguous pieces, each cut where no gold bead crosses."""
    for s, t, g in docs("dev"):
        src, tgt = lines(s), lines(t)
        gold = parse_links(g.read_text(encoding="utf-8"))
        pairs = sorted((b for b in gold if b.src and b.tgt), key=lambda b: b.src[0])
        cuts = [(0, 0)]
        for c in range(1, k):
            for q in range(len(pairs) - 1):
                if pairs[q].src[-1] < len(src) * c // k:
                    continue
                s_max = max(i for b in pairs[:q + 1] for i in b.src)
                t_max = max(j for b in pairs[:q + 1] for j in b.tgt)
                if all(min(b.src) > s_max and min(b.tgt) > t_max for b in pairs[q + 1:]):
                    cuts.append((s_max + 1, t_max + 1))
                    break
        cuts.append((len(src), len(tgt)))
        for (s0, t0), (s1, t1) in itertools.pairwise(cuts):
            part = [b for b in gold if (b.src and s0 <= b.src[0] < s1) or (b.tgt and t0 <= b.tgt[0] < t1)]
            yield src[s0:s1], tgt[t0:t1], [Bead(tuple(i - s0 for i in b.src), tuple(j - t0 for j in b.tgt))
                                           for b in part]


def score(name: str, system: str, calib: list | None = None,
          config: AlignConfig = AlignConfig()) -> tuple[float, float, float]:
    total, started = None, time.perf_counter()
    for src, tgt, gold in items(name):
        pred = nltk_beads(src, tgt) if system == "nltk" else list(align_texts(src, tgt, None, config).beads)
        c = ev.count(gold, pred)
        total = c if total is None else total + c
        if calib is not None:
            right = {(b.src, b.tgt) for b in gold}
            calib += [(b.score, (b.src, b.tgt) in right) for b in pred if not b.is_null]
    sc = ev.scores(total)
    return sc.strict_f1, sc.lax_f1, time.perf_counter() - started


def calibration(calib: list) -> list[str]:
    out = ["score bin\tbeads\tstrict precision"]
    for lo, hi in ((0, 0.5), (0.5, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01)):
        hits = [ok for s, ok in calib if lo <= s < hi]
        out.append(f"[{lo:.1f}, {min(hi, 1.0):.1f})\t{len(hits)}\t{sum(hits) / len(hits) if hits else 0:.3f}")
    return out


SCALE = """
import sys, time, resource
from pathlib import Path
from align.aligner import align_texts
n, m, system = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
G = Path(sys.argv[4])
en, fr = [], []
for p in sorted(G.glob('*.en')):
    en += p.read_text().splitlines(); fr += Path(str(p)[:-3] + '.fr').read_text().splitlines()
src = (en * (n // len(en) + 1))[:n]; tgt = (fr * (m // len(fr) + 1))[:m]
t = time.perf_counter()
if system == 'nltk':
    from nltk.translate.gale_church import align_blocks
    align_blocks([len(s) for s in src], [len(s) for s in tgt])
else:
    align_texts(src, tgt, None)
ru = resource.getrusage(resource.RUSAGE_SELF)
status = Path('/proc/self/status')  # VmHWM: this process's own peak (ru_maxrss survives exec)
hwm = [ln for ln in status.read_text().splitlines() if ln.startswith('VmHWM')] if status.exists() else []
peak = int(hwm[0].split()[1]) // 1024 if hwm else ru.ru_maxrss // 1024
print(time.perf_counter() - t, ru.ru_utime + ru.ru_stime, peak)
"""


def scale(n: int, m: int, system: str = "ours") -> tuple[float, int]:
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1")  # 2 shared cores
    out = subprocess.run([sys.executable, "-c", SCALE, str(n), str(m), system, str(GOLD / "transread-en-fr")],
                         capture_output=True, text=True, check=True, env=env).stdout.split()
    return float(out[0]), float(out[1]), int(out[2])


HELD_OUT = ("dev", "dev/4", "dev/6", "dev/12", "dev/20")  # whole dev and dev cut to test-sized pieces


def held_out(config: AlignConfig) -> float:
    """Mean strict F1 over dev and its pieces (the tuning objective: dev alone is one document)."""
    return sum(score(name, "ours", config=config)[0] for name in HELD_OUT) / len(HELD_OUT)


def fit() -> None:
    """Grid over the cost weights on textberg dev (the only tuning data), whole and in pieces."""
    results = []
    for sw, pw, lw, sk in itertools.product([5, 6, 7], [0.75, 1, 1.25], [0.75, 1, 1.25], [10, 12]):
        cfg = replace(AlignConfig(), similarity_weight=sw, prior_weight=pw, length_weight=lw, skip_cost=sk)
        results.append((held_out(cfg), sw, pw, lw, sk))
    for row in sorted(results)[-5:]:
        print("held-out dev strict F1 {:.4f}  similarity {} prior {} length {} skip {}".format(*row))
    print("(the sample corpus, parallel/, was the second check: weights that broke it were rejected)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--fit", action="store_true")
    args = parser.parse_args()
    if args.fit:
        fit()
        return
    calib: list = []
    print("set\tsystem\tstrict F1\tlax F1\ttime s")
    for name in HELD_OUT:
        f = score(name, "ours")
        print(f"{name} (tuning)\tours\t{f[0]:.3f}\t{f[1]:.3f}\t{f[2]:.1f}")
    for name in ("transread", "textberg", "parice"):
        f = score(name, "ours", calib)
        print(f"{name}\tours\t{f[0]:.3f}\t{f[1]:.3f}\t{f[2]:.1f}")
        if not (args.quick and name == "transread"):
            f = score(name, "nltk")
            print(f"{name}\tnltk gale_church\t{f[0]:.3f}\t{f[1]:.3f}\t{f[2]:.1f}")
        for system, table in REFERENCE.items():
            print(f"{name}\t{system} (shared table)\t{table[name][0]:.3f}\t{table[name][1]:.3f}\t-")
    print("\n".join(calibration(calib)))
    sizes = (1000, 3000) if args.quick else (1000, 10_000, 100_000)
    print("scale\tsize\twall s\tcpu s (process)\tpeak RSS MB")
    for n in sizes:
        wall, cpu, mem = scale(n, n)
        print(f"scale\t{n}x{n}\t{wall:.1f}\t{cpu:.1f}\t{mem}")
    wall, cpu, mem = scale(5000, 6000)
    print(f"scale\t5000x6000\t{wall:.1f}\t{cpu:.1f}\t{mem}")
    wall, cpu, _ = scale(1000, 1000, "nltk")
    print(f"nltk gale_church\t1000x1000\t{wall:.1f}\t{cpu:.1f}\textrapolated to 5000x6000 (x30, quadratic): "
          f"{wall * 30:.0f} s")
    print(f"(this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB)")


if __name__ == "__main__":
    main()
