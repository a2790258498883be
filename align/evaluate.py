"""Strict and lax precision, recall and F1 over beads (Vecalign's ``score.py``).

A predicted bead is *strictly* right when the same
bead is in the gold, *laxly* right when it shares at least one (source, target) sentence
pair with a gold bead; recall judges the gold against the prediction the same way. The
statistics are summable counts (as in sacrebleu): a corpus score comes from summed counts,
never from an average of per-document scores.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from align.model import Bead, EvalCounts


def _judge(test: Iterable[Bead], gold: Iterable[Bead]) -> tuple[int, int, int]:
    """(strictly right, laxly right, judged) for the distinct beads of ``test``.

    Exactly as Vecalign's ``_precision``: beads are compared as sets of index tuples, and
    a bead is laxly right when one of its target ids is linked in the gold to one of its
    source ids.
    """
    test_set = {(b.src, b.tgt) for b in test if b.src or b.tgt}
    gold_set = {(b.src, b.tgt) for b in gold if b.src or b.tgt}
    linked: dict[int, set[int]] = {}
    for g_src, g_tgt in gold_set:
        for i in g_src:
            linked.setdefault(i, set()).update(g_tgt)
    strict = lax = 0
    for src, tgt in test_set:
        if (src, tgt) in gold_set:
            strict += 1
            lax += 1
        elif any(j in linked.get(i, ()) for i in src for j in tgt):
            lax += 1
    return strict, lax, len(test_set)


def count(gold: Sequence[Bead], pred: Sequence[Bead]) -> EvalCounts:
    """Counts for one document.

    Precision judges every predicted bead, null beads included (a wrong ``[3]:[]`` is a
    false positive, as in Vecalign's scorer); recall judges the gold's non-null beads
    against the prediction's non-null beads.
    """
    sp, lp, npred = _judge(pred, gold)
    sr, lr, ngold = _judge((b for b in gold if not b.is_null), [b for b in pred if not b.is_null])
    return EvalCounts(sp, lp, npred, sr, lr, ngold)


@dataclass(frozen=True)
class Scores:
    """Precision, recall and F1, strict and lax."""

    strict_p: float
    strict_r: float
    strict_f1: float
    lax_p: float
    lax_r: float
    lax_f1: float


def _div(a: int, b: int) -> float:
    return a / b if b else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def scores(c: EvalCounts) -> Scores:
    """Scores from (summed) counts."""
    sp, sr = _div(c.strict_tp_p, c.n_pred), _div(c.strict_tp_r, c.n_gold)
    lp, lr = _div(c.lax_tp_p, c.n_pred), _div(c.lax_tp_r, c.n_gold)
    return Scores(sp, sr, _f1(sp, sr), lp, lr, _f1(lp, lr))


def corpus(pairs: Iterable[tuple[Sequence[Bead], Sequence[Bead]]]) -> EvalCounts:
    """Summed counts over (gold, prediction) document pairs."""
    total = EvalCounts()
    for gold, pred in pairs:
        total = total + count(gold, pred)
    return total


def link_scores(gold: set[tuple[str, str]], pred: set[tuple[str, str]]) -> tuple[float, float, float]:
    """Precision, recall, F1 over sentence-pair links given as text (segmentation-free gold)."""
    tp = len(gold & pred)
    p, r = _div(tp, len(pred)), _div(tp, len(gold))
    return p, r, _f1(p, r)


def read_text_gold(text: str) -> set[tuple[str, str]]:
    """Parse a text gold file: ``source sentence<TAB>target sentence`` per link."""
    links = set()
    for line in text.splitlines():
        if line.strip():
            src, _, tgt = line.partition("\t")
            links.add((src.strip(), tgt.strip()))
    return links


def _pieces(segment: str, known: Sequence[str]) -> list[str]:
    """The known sentences found in ``segment`` (longest first), plus any leftover text.

    Leftover text counts as one more piece, so a unit that glues an extra sentence onto
    a right one is still judged wrong for that extra sentence.
    """
    found, rest = [], segment
    for sentence in sorted(known, key=len, reverse=True):
        if sentence and sentence in rest:
            found.append(sentence)
            rest = rest.replace(sentence, " ", 1)
    if rest.strip(" \u00a0\u202f"):
        found.append("<other:" + " ".join(rest.split()) + ">")
    return found


def links_from_units(
    units: Iterable[tuple[str, str]], gold: set[tuple[str, str]]
) -> set[tuple[str, str]]:
    """Sentence-pair links predicted by (source, target) units, judged against text gold.

    Scoring by text rather than by index makes the score independent of segmentation:
    a gold file written by hand does not need to agree with our sentence boundaries.
    """
    src_known = sorted({s for s, _ in gold})
    tgt_known = sorted({t for _, t in gold})
    links = set()
    for source, target in units:
        for s in _pieces(source, src_known):
            for t in _pieces(target, tgt_known):
                links.add((s, t))
    return links
