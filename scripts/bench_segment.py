"""Benchmark the segmenter against its peers, all in the same run.

1. Golden Rules pass rate (../shared/segmentation, pySBD's "Golden Rules": EN 52, FR 5);
   cases flagged ``needs_clean`` are compared with whitespace collapsed, and every
   segmenter that has a PDF/clean mode gets it for them (ours: ``wrapped``; pysbd:
   ``clean=True, doc_type="pdf"``).
2. Throughput in sentences per second (each segmenter's own sentence count) on long
   texts: the TransRead texts of ../shared/gold joined (EN, FR) and the interview file;
   first run and median of warm runs, measured alike for every segmenter (``throughput``).
3. Accuracy of sentence language labels on single sentences: TransRead sentences, TICO-19
   segments, and the short sentences of parallel/ (both sides of the gold file).
4. Boundary precision / recall / F1 on real text (``ud_bench``): the Universal Dependencies
   dev sets in ../shared/segmentation/ud (UD French-GSD, English-EWT), and held-out text from
   the UD train data given with ``--ud-train DIR`` (see docs/segmentation.md for making it).

Peers: pysbd, sentencex, syntok, sentence-splitter, blingfire, segtok, nupunkt, spaCy's
rule-based sentencizer, untrained NLTK Punkt. A peer that is not installed is skipped with a
message. Usage: python scripts/bench_segment.py [--quick] [--repeats N] [--shared DIR] [--ud-train DIR]
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from align.config import SegmentConfig
from align.segment import segment_text
from align.segment.langid import detect_by_function_words, detect_many

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ud_boundaries import Case, held_out, json_cases, more_peers, score

ROOT = Path(__file__).resolve().parent.parent
UNTIMED = {"segtok"}
Splitter = Callable[[str, str, bool], list[str]]


def ours(text: str, lang: str, pdf: bool) -> list[str]:
    return [s.text for s in segment_text(text, lang, SegmentConfig(lang=lang, wrapped=pdf))]


def peers() -> dict[str, Splitter]:
    """Every peer that can be imported (the others are reported as skipped)."""
    found: dict[str, Splitter] = {"ours": ours}
    try:
        import pysbd

        cache: dict = {}

        def run_pysbd(text: str, lang: str, pdf: bool) -> list[str]:
            key = (lang, pdf)
            if key not in cache:
                cache[key] = pysbd.Segmenter(language=lang, clean=pdf, doc_type="pdf" if pdf else None)
            return cache[key].segment(text)

        found["pysbd"] = run_pysbd
    except ImportError:
        print("skipped pysbd: not installed (pip install pysbd)")
    try:
        from sentencex import segment as sx

        found["sentencex"] = lambda text, lang, pdf: list(sx(lang, text))
    except ImportError:
        print("skipped sentencex: not installed (pip install sentencex)")
    try:
        from syntok import segmenter

        def run_syntok(text: str, lang: str, pdf: bool) -> list[str]:
            return ["".join(t.spacing + t.value for t in sentence)
                    for paragraph in segmenter.analyze(text) for sentence in paragraph]

        found["syntok"] = run_syntok
    except ImportError:
        print("skipped syntok: not installed (pip install syntok)")
    found.update(more_peers())
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    untrained = PunktSentenceTokenizer()
    found["punkt-untrained"] = lambda text, lang, pdf: untrained.tokenize(text)
    return found


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def golden(shared: Path, splitters: dict[str, Splitter]) -> dict[str, dict[str, int]]:
    """Golden Rules passed per segmenter and language."""
    out: dict[str, dict[str, int]] = {name: {} for name in splitters}
    for lang in ("en", "fr"):
        cases = json.loads((shared / "segmentation" / f"golden_{lang}.json").read_text(encoding="utf-8"))
        for name, split in splitters.items():
            passed = 0
            for case in cases:
                clean = bool(case.get("needs_clean"))
                got = [s.strip() for s in split(case["text"], lang, "doc_type=pdf" in case["name"]) if s.strip()]
                want = case["expected"]
                if clean:
                    got, want = [_norm(s) for s in got], [_norm(s) for s in want]
                passed += got == want
            out[name][lang] = passed
        out.setdefault("cases", {})[lang] = len(cases)
    return out


def long_texts(shared: Path, quick: bool) -> dict[str, tuple[str, str]]:
    """name → (lang, text): TransRead EN and FR joined, and the interview."""
    gold = shared / "gold" / "transread-en-fr"
    texts = {}
    for lang in ("en", "fr"):
        joined = "\n".join(p.read_text(encoding="utf-8") for p in sorted(gold.glob(f"*.en-fr.{lang}")))
        texts[f"transread-{lang}"] = (lang, joined[:60_000] if quick else joined)
    texts["interview-fr"] = ("fr", (shared / "corpus" / "interview" / "fr.txt").read_text(encoding="utf-8"))
    return texts


def _rate(split: Splitter, text: str, lang: str) -> tuple[float, float]:
    """Sentences per second of wall time and of CPU time (user + sys of this process)."""
    start, cpu = time.perf_counter(), time.process_time()
    n = len(split(text, lang, False))
    return n / (time.perf_counter() - start), n / max(time.process_time() - cpu, 1e-9)


def throughput(texts: dict[str, tuple[str, str]], splitters: dict[str, Splitter],
               repeats: int) -> dict[str, dict[str, list[tuple[float, float]]]]:
    """Sentences per second (wall, CPU) on each long text: [first run, then each warm run].

    Every segmenter does the same job (the text in, a list of sentence strings out) and is
    measured the same way: one warm-up call on a tiny text (imports, tokenizer objects),
    a first run on the text (pySBD compiles and caches many regexes on it, so its first run
    is slower), then ``repeats`` warm runs, interleaved across segmenters so that load on
    the shared machine falls on all of them alike. The median of the warm runs is the headline.
    """
    out: dict[str, dict[str, list[tuple[float, float]]]] = {name: {} for name in splitters}
    for label, (lang, text) in texts.items():
        first = {}
        for name, split in splitters.items():
            split("Warm up. Twice.", lang, False)
            first[name] = _rate(split, text, lang)
        runs: dict[str, list[tuple[float, float]]] = {name: [] for name in splitters}
        for _ in range(repeats if len(text) <= 100_000 else max(1, repeats // 2)):
            for name, split in splitters.items():
                runs[name].append(_rate(split, text, lang))
        for name in splitters:
            out[name][label] = [first[name], *runs[name]]
    return out


def _sgm_segments(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    return [_norm(re.sub(r"<[^>]+>", "", m)) for m in re.findall(r"<seg[^>]*>(.*?)</seg>", text)]


def language_sets(shared: Path, quick: bool) -> dict[str, list[tuple[str, str]]]:
    """name → [(gold language, single sentence)]."""
    sets: dict[str, list[tuple[str, str]]] = {}
    gold = shared / "gold" / "transread-en-fr"
    for lang in ("en", "fr"):
        for p in sorted(gold.glob(f"*.en-fr.{lang}")):
            lines = [x for x in p.read_text(encoding="utf-8").splitlines() if x.strip()]
            sets.setdefault("transread", []).extend((lang, x) for x in (lines[:150] if quick else lines))
        tico = _sgm_segments(shared / "terms" / "tico19-en-fr" / f"dev.en-fr.{lang}.sgm")
        sets.setdefault("tico19", []).extend((lang, x) for x in (tico[:300] if quick else tico))
    pairs = [line.split("\t") for line in (ROOT / "parallel" / "interview.gold.tsv").read_text().splitlines()]
    sets["parallel"] = [("en", e) for e, _ in pairs] + [("fr", f) for _, f in pairs]
    return sets


def language_accuracy(sets: dict[str, list[tuple[str, str]]]) -> dict[str, dict[str, float]]:
    """Share of sentences labelled with their gold language, for Lingua and the fallback."""
    out: dict[str, dict[str, float]] = {}
    for name, items in sets.items():
        texts = [t for _, t in items]
        detectors = {
            "lingua (ours)": detect_many(texts),
            "function words": [detect_by_function_words(t) for t in texts],
        }
        for det, labels in detectors.items():
            right = sum(1 for (gold, _), got in zip(items, labels, strict=True) if gold == got)
            out.setdefault(det, {})[f"{name} (n={len(items)})"] = right / len(items)
        short = [(g, t) for g, t in items if len(t.split()) <= 5]
        if short:
            labels = detect_many([t for _, t in short])
            right = sum(1 for (g, _), got in zip(short, labels, strict=True) if g == got)
            out["lingua (ours)"][f"{name} ≤5 words (n={len(short)})"] = right / len(short)
    return out


def ud_bench(shared: Path, ud_train: Path | None, splitters: dict[str, Splitter], quick: bool) -> None:
    """Boundary P / R / F1 of every segmenter on the UD dev sets and the held-out UD text."""
    ud = shared / "segmentation" / "ud"
    sets: dict[str, tuple[str, list[Case]]] = {}
    for name, lang, label in (("fr_gsd_dev.json", "fr", "UD fr GSD dev"), ("en_ewt_dev.json", "en", "UD en EWT dev")):
        if (ud / name).exists():
            sets[label] = (lang, json_cases(ud / name))
    sets.update(held_out(ud_train))
    if not sets:
        print(f"\nskipped UD boundary scores: no {ud} and no --ud-train")
        return
    if quick:
        sets = {k: (lang, cases[:40]) for k, (lang, cases) in sets.items()}
    print("\nBoundary precision / recall / F1 on real text (UD; chunks of 10 sentences joined by a space)")
    for label, (lang, cases) in sets.items():
        n = sum(len(c.expected) for c in cases)
        print(f"  {label} ({n:,} sentences)")
        for name, split in splitters.items():
            sc = score(cases, split, lang)
            print(f"    {name:18} P {sc.precision:.3f}  R {sc.recall:.3f}  F1 {sc.f1:.4f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="Small slices only (a few seconds).")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--repeats", type=int, default=9, help="Warm runs per text (halved over 100,000 chars).")
    parser.add_argument("--ud-train", type=Path, default=ROOT.parent / "data" / "ud",
                        help="Folder with UD train CoNLL-U files for the held-out figures (skipped if absent).")
    parser.add_argument("--only-ud", action="store_true", help="Only the UD boundary scores.")
    args = parser.parse_args()
    if not (args.shared / "segmentation").is_dir():
        sys.exit(f"bench_segment: {args.shared} has no segmentation/ folder")
    splitters = peers()
    ud_bench(args.shared, args.ud_train, splitters, args.quick)
    if args.only_ud:
        return
    gold = golden(args.shared, splitters)
    cases = gold.pop("cases")
    print(f"\nGolden Rules passed (EN /{cases['en']}, FR /{cases['fr']})")
    for name, res in gold.items():
        print(f"  {name:16} EN {res['en']:2}/{cases['en']}   FR {res['fr']}/{cases['fr']}")
    texts = long_texts(args.shared, args.quick)
    sizes = ", ".join(f"{k} {len(t):,} chars" for k, (_, t) in texts.items())
    repeats = 3 if args.quick else args.repeats
    print(f"\nThroughput, sentences/s ({sizes}); first run / median of {repeats} warm runs"
          f" ({max(1, repeats // 2)} on texts over 100,000 chars)")
    # segtok's splitter is quadratic on long texts (25 sentences/s on 60,000 characters of
    # TransRead, minutes per run on the whole): it is scored above, not timed.
    timed = {k: v for k, v in splitters.items() if k not in UNTIMED}
    print("  (not timed: " + ", ".join(sorted(set(splitters) - set(timed))) + ", quadratic on long texts)")
    speed = throughput(texts, timed, repeats)
    for name, res in speed.items():
        print(f"  {name:16} " + "   ".join(f"{k} {r[0][0]:>9,.0f} / {statistics.median(w for w, _ in r[1:]):>9,.0f}"
                                           for k, r in res.items()))
    if "pysbd" in speed:
        # Ratio of the first runs, and median of the ratios of the runs of each warm round
        # (the two runs of a round are seconds apart, so a load swing hits both); by wall
        # time, then by CPU time, which the other processes on a busy machine disturb less.
        for clock, i in (("wall", 0), ("CPU", 1)):
            ratio = {k: [a[i] / b[i] for a, b in zip(speed["ours"][k], speed["pysbd"][k], strict=True)]
                     for k in texts}
            print(f"  ours / pysbd, {clock:4} " + "   ".join(
                f"{k} {r[0]:>8.1f}x / {statistics.median(r[1:]):>8.1f}x" for k, r in ratio.items()))
    print("\nLanguage labels on single sentences (accuracy)")
    for det, res in language_accuracy(language_sets(args.shared, args.quick)).items():
        print(f"  {det:16} " + "   ".join(f"{k} {v:.3f}" for k, v in res.items()))


if __name__ == "__main__":
    main()
