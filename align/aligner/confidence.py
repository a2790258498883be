"""A confidence in [0, 1] per bead: a logistic model of "this bead is in the gold".

Its inputs are the evidence the search used (lexical cosine, Gale & Church length cost,
bead width); its coefficients were fitted by logistic regression on textberg dev only
(scripts/bench_align.py --fit), and its calibration is checked on the test gold sets
(docs/alignment.md). Null beads get 0: they are not translation units.
"""

from __future__ import annotations

import math

# intercept, cosine, length cost, extra sentences in the bead
COEF = (0.0, 8.0, -0.8, -0.5)


def features(sim: float, length: float, n_src: int, n_tgt: int) -> tuple[float, float, float, float]:
    return (1.0, sim, length, float(n_src + n_tgt - 2))


def confidence(sim: float, length: float, n_src: int, n_tgt: int) -> float:
    """P(bead right | evidence), rounded to 4 places; 0 for 1-0 and 0-1 beads."""
    if not n_src or not n_tgt:
        return 0.0
    z = sum(c * x for c, x in zip(COEF, features(sim, length, n_src, n_tgt), strict=True))
    return round(1.0 / (1.0 + math.exp(-max(min(z, 50.0), -50.0))), 4)
