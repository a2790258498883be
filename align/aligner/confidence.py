"""A confidence in [0, 1] per bead: a logistic model of "this bead is in the gold".

Its inputs are the evidence the search used (lexical cosine, Gale & Church length cost,
bead width); its coefficients were fitted by logistic regression on textberg dev only
(scripts/bench_align.py --fit), and its calibration is checked on the test gold sets
(docs/alignment.md). Null beads get 0: they are not translation units.
"""

from __future__ import annotations

import math

# intercept, cosine / the document's median, length cost, extra sentences, margin over neighbours
COEF = (2.996, -0.302, -0.732, -0.511, 0.976)


def features(sim: float, typical: float, length: float, n_src: int, n_tgt: int, margin: float) -> tuple[float, ...]:
    """The model's inputs; ``typical`` (the document's median cosine) makes the similarity
    comparable across language pairs (cognate-rich en-fr vs en-is)."""
    rel = min(sim / typical, 3.0) if typical > 0 else 1.0
    return (1.0, rel, min(length, 10.0), float(n_src + n_tgt - 2), margin)


def confidence(sim: float, typical: float, length: float, n_src: int, n_tgt: int, margin: float = 0.0,
               no_evidence: tuple[float, float] = (0.05, 0.7)) -> float:
    """P(bead right | evidence), rounded to 4 places; 0 for 1-0 and 0-1 beads.

    ``no_evidence`` = (share, cap): a bead whose cosine is under ``share`` of the document's
    median shares nothing that a translation keeps; the fitted model gives such a bead up to
    0.95 when its lengths fit (a target-only heading paired with its neighbour's heading), so
    it is capped at ``cap``, the precision such beads had on the tuning data.
    """
    if not n_src or not n_tgt:
        return 0.0
    z = sum(c * x for c, x in zip(COEF, features(sim, typical, length, n_src, n_tgt, margin), strict=True))
    p = 1.0 / (1.0 + math.exp(-max(min(z, 50.0), -50.0)))
    share, cap = no_evidence
    if typical > 0 and sim < share * typical:
        p = min(p, cap)
    return round(p, 4)
