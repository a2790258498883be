"""Benchmark the aligner on ../shared/gold beside hunalign and NLTK's Gale-Church, in one run.

Usage: python scripts/bench_align.py [--quick] [--fit]
  (default) per-book and joined strict/lax F1 for ours, hunalign and NLTK on the three shared
           sets; the 5 TransRead books joined and repeated x2 (median of 3 interleaved runs),
           x4, x8 and x28 (~100k x 100k) with wall time and peak memory of each aligner in its
           own process, and the ratios; calibration; the tuning sets
  --quick  the same table with the repeated joins up to x4, one run each, NLTK not on transread
  --fit    grid over the cost weights on textberg dev only (whole and cut into pieces)
"""

from __future__ import annotations

import argparse
import itertools
import math
import os
import resource
import statistics
import subprocess
import sys
import tempfile
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
HUNALIGN = SHARED / "peers" / "hunalign"
SETS = ("transread", "textberg", "parice")
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


def tally(total, gold, pred, calib: list | None):
    """Add one document's counts to ``total`` (summed before dividing, as Vecalign's score.py),
    and its predicted beads' (score, right) pairs to ``calib`` when given."""
    c = ev.count(gold, pred)
    if calib is not None:
        right = {(b.src, b.tgt) for b in gold}
        calib += [(b.score, (b.src, b.tgt) in right) for b in pred if not b.is_null]
    return c if total is None else total + c


def score(name: str, system: str, calib: list | None = None,
          config: AlignConfig = AlignConfig()) -> tuple[float, float, float]:
    total, started = None, time.perf_counter()
    for src, tgt, gold in items(name):
        pred = nltk_beads(src, tgt) if system == "nltk" else list(align_texts(src, tgt, None, config).beads)
        total = tally(total, gold, pred, calib)
    sc = ev.scores(total)
    return sc.strict_f1, sc.lax_f1, time.perf_counter() - started


def calibration(calib: list) -> list[str]:
    out = ["score bin\tbeads\tstrict precision"]
    for lo, hi in ((0, 0.5), (0.5, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01)):
        hits = [ok for s, ok in calib if lo <= s < hi]
        out.append(f"[{lo:.1f}, {min(hi, 1.0):.1f})\t{len(hits)}\t{sum(hits) / len(hits) if hits else 0:.3f}")
    return out


def joined(parts, reps: int = 1):
    """Documents one after another as one pair, the gold indices shifted (``reps`` times over:
    repeated passages are legal input, and a monotonic alignment must find the right copy)."""
    src, tgt, gold = [], [], []
    for _ in range(reps):
        for s, t, g in parts:
            gold += [Bead(tuple(i + len(src) for i in b.src), tuple(j + len(tgt) for j in b.tgt)) for b in g]
            src += s
            tgt += t
    return src, tgt, gold


def f1(gold, pred) -> tuple[float, float]:
    sc = ev.scores(ev.count(gold, pred))
    return sc.strict_f1, sc.lax_f1


OURS = """
import sys
from pathlib import Path
from align.aligner import align_texts
from align.formats.links import format_links
read = lambda p: Path(p).read_text(encoding='utf-8').rstrip('\\n').split('\\n')
Path(sys.argv[3]).write_text(format_links(align_texts(read(sys.argv[1]), read(sys.argv[2]), None).beads))
"""


def timed(cmd: list[str], stdout=None) -> tuple[float, float, int | None]:
    """Wall seconds, CPU seconds (user + sys: less disturbed by other jobs on the machine) and
    peak RSS (MB) of one command in its own process (from /usr/bin/time where it exists)."""
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1")  # 2 shared cores
    with tempfile.NamedTemporaryFile("r", suffix=".time") as note:
        wrap = ["/usr/bin/time", "-f", "%U %S %M", "-o", note.name] if Path("/usr/bin/time").exists() else []
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run(wrap + cmd, check=True, env=env, stdout=stdout, stderr=subprocess.DEVNULL,
                       cwd=tempfile.gettempdir())  # hunalign leaves translate.txt in its folder
        wall = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        text = Path(note.name).read_text().split()
    cpu = (float(text[-3]) + float(text[-2]) if len(text) >= 3
           else after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return wall, cpu, (int(text[-1]) // 1024 if text else None)


def run_ours(src: Path, tgt: Path, out: Path) -> tuple[list[Bead], float, float, int | None]:
    """Our aligner as a user runs it: a fresh process that reads the files and writes links."""
    wall, cpu, peak = timed([sys.executable, "-c", OURS, str(src), str(tgt), str(out)])
    return parse_links(out.read_text(encoding="utf-8")), wall, cpu, peak


def run_hunalign(src: Path, tgt: Path, out: Path) -> tuple[list[Bead], float, float, int | None]:
    """hunalign with the null dictionary (../shared/peers/hunalign), its ladder as links."""
    ladder = out.with_suffix(".ladder")
    with ladder.open("w") as fh:
        wall, cpu, peak = timed([str(HUNALIGN / "hunalign"), "-utf", str(HUNALIGN / "null.dic"), str(src), str(tgt)],
                                fh)
    links = subprocess.run([sys.executable, str(HUNALIGN / "ladder_to_links.py"), str(ladder)],
                           capture_output=True, text=True, check=True).stdout
    return parse_links(links), wall, cpu, peak


def write_pair(folder: Path, name: str, src: list[str], tgt: list[str]) -> tuple[Path, Path]:
    ps, pt = folder / f"{name}.src", folder / f"{name}.tgt"
    ps.write_text("\n".join(src) + "\n", encoding="utf-8")
    pt.write_text("\n".join(tgt) + "\n", encoding="utf-8")
    return ps, pt


def nltk_exact_tail():
    """NLTK's gale_church with its tail probability computed in log space (Gale & Church's method).

    NLTK 3.10's ``norm_logsf`` is ``log(1 − cdf)``: past |δ| ≈ 8 the difference is 0.0, the log
    raises and the bead costs +inf (about one evaluation in five on a book), so whole regions
    of the DP become unreachable. This is the exact tail: log(erfc(z)/2), with the asymptotic
    series where ``math.erfc`` itself underflows.
    """
    from nltk.translate import gale_church

    def norm_logsf(x: float) -> float:
        z = abs(x) / math.sqrt(2.0)
        tail = math.erfc(z)
        if tail > 1e-300:
            return math.log(tail / 2.0)
        return -z * z - math.log(z * math.sqrt(math.pi)) + math.log1p(-0.5 / (z * z)) - math.log(2.0)

    return gale_church, norm_logsf


def score_all(name: str, system: str, folder: Path, calib: list | None = None):
    """Per-document counts summed (ours in this process; hunalign/NLTK per document)."""
    total = None
    for k, (src, tgt, gold) in enumerate(items(name)):
        if system == "ours":
            pred = list(align_texts(src, tgt, None).beads)
        elif system == "hunalign":
            ps, pt = write_pair(folder, f"{name}{k}", src, tgt)
            pred = run_hunalign(ps, pt, folder / f"{name}{k}.links")[0]
        else:
            pred = nltk_beads(src, tgt)
        total = tally(total, gold, pred, calib)
    sc = ev.scores(total)
    return sc.strict_f1, sc.lax_f1


def accuracy_table(folder: Path, quick: bool, calib: list) -> dict:
    """Per-book and joined strict/lax F1 on the three shared sets, ours beside hunalign and NLTK."""
    print("set\tsystem\tper-book strict / lax F1\tjoined strict / lax F1\tjoined - per-book (strict)")
    parts = {}
    for name in SETS:
        docs_ = list(items(name))
        src, tgt, gold = joined(docs_)
        ps, pt = write_pair(folder, name, src, tgt)
        rows = {"ours": (score_all(name, "ours", folder, calib), f1(gold, align_texts(src, tgt, None).beads)),
                "hunalign": (score_all(name, "hunalign", folder),
                             f1(gold, run_hunalign(ps, pt, folder / f"{name}.links")[0]))}
        parts[name] = rows["ours"][0][0]
        for system, (book, whole) in rows.items():
            print(f"{name} ({len(src)} x {len(tgt)})\t{system}\t{book[0]:.3f} / {book[1]:.3f}\t"
                  f"{whole[0]:.3f} / {whole[1]:.3f}\t{whole[0] - book[0]:+.3f}")
        if quick and name == "transread":
            print(f"{name}\tNLTK gale_church\t(skipped with --quick: quadratic pure Python, ~1 min here)")
        else:
            book = score_all(name, "nltk", folder)
            print(f"{name}\tNLTK 3.10 gale_church\t{book[0]:.3f} / {book[1]:.3f}\t-\t"
                  "(NLTK's bug: log tail probability underflows to -inf, beads become impossible)")
            module, exact = nltk_exact_tail()
            stock, module.norm_logsf = module.norm_logsf, exact
            try:
                book = score_all(name, "nltk", folder)
            finally:
                module.norm_logsf = stock
            print(f"{name}\tNLTK gale_church, exact log tail\t{book[0]:.3f} / {book[1]:.3f}\t-\t"
                  "(Gale & Church's method: the tail in log space)")
        for system, table in REFERENCE.items():
            print(f"{name}\t{system} (shared table)\t{table[name][0]:.3f} / {table[name][1]:.3f}\t-\t-")
    return parts


def repeated_table(folder: Path, quick: bool, parts_f1: float) -> None:
    """The 5 TransRead books joined and repeated: accuracy, time and memory, ours beside hunalign."""
    reps = (2, 4) if quick else (2, 4, 8, 28)
    print(f"\nrepeated joins of the 5 TransRead books (parts' strict F1 {parts_f1:.3f}); each run in its own "
          "process: wall s, CPU s (user + sys) and peak RSS MB; ratio = ours / hunalign")
    print("pair\tours strict F1\tminus parts\tours s\tours CPU s\tours MB\thunalign strict F1\thunalign s"
          "\thunalign CPU s\thunalign MB\ttime ratio (wall)\tCPU ratio\tmemory ratio")
    books = list(items("transread"))
    for r in reps:
        src, tgt, gold = joined(books, r)
        ps, pt = write_pair(folder, f"x{r}", src, tgt)
        runs = 1 if quick or r != 2 else 3
        ours, hun = [], []
        for _ in range(runs):  # interleaved, so both see the same machine load
            ours.append(run_ours(ps, pt, folder / f"x{r}.ours.links"))
            if r <= 8 and not (quick and r > 4):
                hun.append(run_hunalign(ps, pt, folder / f"x{r}.hun.links"))
        o_f1 = f1(gold, ours[0][0])[0]
        o_s, o_cpu = statistics.median(x[1] for x in ours), statistics.median(x[2] for x in ours)
        o_mb = max((x[3] or 0) for x in ours)
        row = f"x{r} ({len(src)} x {len(tgt)})\t{o_f1:.3f}\t{o_f1 - parts_f1:+.3f}\t{o_s:.1f}\t{o_cpu:.1f}\t{o_mb}"
        if hun:
            h_f1 = f1(gold, hun[0][0])[0]
            h_s, h_cpu = statistics.median(x[1] for x in hun), statistics.median(x[2] for x in hun)
            h_mb = max((x[3] or 0) for x in hun)
            row += (f"\t{h_f1:.3f}\t{h_s:.1f}\t{h_cpu:.1f}\t{h_mb}\t{o_s / h_s:.2f}\t{o_cpu / max(h_cpu, 1e-9):.2f}"
                    f"\t{o_mb / max(h_mb, 1):.2f}")
        else:
            row += "\t-\t-\t-\t-\t-\t-\t-  (hunalign not run: past ~32k sentences it shrinks its band to fit 4 GB)"
        if runs > 1:
            row += f"\t(median of {runs} interleaved runs)"
        print(row, flush=True)


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
    if not GOLD.exists():
        sys.exit(f"bench_align: {GOLD} not found (the shared gold standards)")
    if args.fit:
        fit()
        return
    calib: list = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        parts = accuracy_table(folder, args.quick, calib)
        print("\ncalibration (per-book runs of all three sets)")
        print("\n".join(calibration(calib)))
        repeated_table(folder, args.quick, parts["transread"])
    print("\ntuning sets (textberg dev, whole and in pieces)\tstrict F1\tlax F1")
    for name in HELD_OUT:
        f = score(name, "ours")
        print(f"{name}\t{f[0]:.3f}\t{f[1]:.3f}")
    print(f"(this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB)")


if __name__ == "__main__":
    main()
