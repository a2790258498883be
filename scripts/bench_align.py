"""Benchmark the aligner on ../shared/gold beside NLTK's Gale-Church and the shared table.

Usage: python scripts/bench_align.py [--quick]   (--quick: small scaling sizes, NLTK only on small sets)
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import time
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
    if name == "transread":
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


def score(name: str, system: str, calib: list | None = None) -> tuple[float, float, float]:
    total, started = None, time.perf_counter()
    for s, t, g in docs(name):
        src, tgt = lines(s), lines(t)
        pred = nltk_beads(src, tgt) if system == "nltk" else list(align_texts(src, tgt, None, AlignConfig()).beads)
        gold = parse_links(g.read_text(encoding="utf-8"))
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
print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""


def scale(n: int, m: int, system: str = "ours") -> tuple[float, int]:
    out = subprocess.run([sys.executable, "-c", SCALE, str(n), str(m), system, str(GOLD / "transread-en-fr")],
                         capture_output=True, text=True, check=True).stdout.split()
    return float(out[0]), int(out[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    calib: list = []
    print("set\tsystem\tstrict F1\tlax F1\ttime s")
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
    for n in sizes:
        t, mem = scale(n, n)
        print(f"scale\t{n}x{n}\t{t:.1f} s\t{mem} MB peak RSS")
    t, mem = scale(5000, 6000)
    print(f"scale\t5000x6000\t{t:.1f} s\t{mem} MB")
    t, _ = scale(1000, 1000, "nltk")
    print(f"nltk\t1000x1000\t{t:.1f} s; extrapolated 5000x6000 (quadratic): {t * 30:.0f} s")
    print(f"(this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB)")


if __name__ == "__main__":
    main()
