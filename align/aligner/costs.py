"""Bead costs: Gale & Church (1993) length evidence, bead priors and lexical similarity.

Costs are negative log probabilities (or weighted sums of such terms) added along a path,
so long books never underflow the way a product of probabilities does. Everything here is
vectorised with numpy: the search evaluates these terms for millions of cells at once.
"""

from __future__ import annotations

import math

import numpy as np

# The bead types searched, as (source sentences, target sentences).
MOVES: tuple[tuple[int, int], ...] = (
    (1, 1), (1, 2), (2, 1), (2, 2), (1, 3), (3, 1), (2, 3), (3, 2), (1, 4), (4, 1), (1, 0), (0, 1),
)
WIDEST = max(max(m) for m in MOVES)
# Gale & Church 1993, table 5: 1-1 dominates; 2-2, 1-3 and 3-1 are rare. The wider beads
# (absent from their table) get a small prior: literary and OCR'd texts have a few.
BEAD_PRIORS = {
    (1, 1): 0.89, (1, 0): 0.0099, (0, 1): 0.0099, (2, 1): 0.089 / 2, (1, 2): 0.089 / 2,
    (2, 2): 0.011, (3, 1): 0.002, (1, 3): 0.002, (2, 3): 0.001, (3, 2): 0.001, (1, 4): 0.001, (4, 1): 0.001,
}
PRIOR_COST = {k: -math.log(v) - -math.log(BEAD_PRIORS[1, 1]) for k, v in BEAD_PRIORS.items()}
S2 = 6.8  # Gale & Church's variance of target characters per source character


def log_erfc(z: np.ndarray) -> np.ndarray:
    """log erfc(z) for z >= 0, stable for large z (Abramowitz & Stegun 7.1.26 in log space).

    The tail probability itself underflows past z ≈ 27; its logarithm never does.
    """
    t = 1.0 / (1.0 + 0.3275911 * z)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
    return np.log(np.maximum(poly, 1e-300)) - z * z


def length_cost(len_src: np.ndarray, len_tgt: np.ndarray, ratio: float) -> np.ndarray:
    """-log P(|δ| ≥ observed) with δ = (l_t − c·l_s) / sqrt(l_s·s²) (Gale & Church 1993, eq. 1).

    ``ratio`` (c) is estimated per document (target characters per source character), so
    the cost does not assume a language pair.
    """
    ls = np.asarray(len_src, dtype=np.float64)
    lt = np.asarray(len_tgt, dtype=np.float64)
    mean = np.maximum((ls + lt / ratio) / 2.0, 1.0)
    delta = np.abs(lt - ls * ratio) / np.sqrt(mean * S2)
    return -log_erfc(delta / math.sqrt(2.0))


def length_cost_one(len_src: float, len_tgt: float, ratio: float) -> float:
    """``length_cost`` of one bead in plain floats (no numpy call overhead: the post-search
    repairs evaluate thousands of single beads; a 7,000-sentence book spent 0.4 s here)."""
    mean = max((len_src + len_tgt / ratio) / 2.0, 1.0)
    z = abs(len_tgt - len_src * ratio) / math.sqrt(mean * S2) / math.sqrt(2.0)
    t = 1.0 / (1.0 + 0.3275911 * z)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
    return -(math.log(max(poly, 1e-300)) - z * z)


def cosine(num: np.ndarray, norm_s: np.ndarray, norm_t: np.ndarray) -> np.ndarray:
    """Cosine of two summed feature vectors from their dot product and squared norms (0 if empty)."""
    den = np.sqrt(norm_s * norm_t)
    out = np.zeros_like(num, dtype=np.float64)
    np.divide(num, den, out=out, where=den > 0)
    return out
