"""Bead costs: Gale & Church (1993) length evidence plus shared-token anchors.

Costs are negative log probabilities, added along a path, so that long books never
underflow the way a product of probabilities does.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

# Gale & Church 1993, table of bead priors (1-1 dominates; 2-2 and 1-0 are rare).
BEAD_PRIORS = {
    (1, 1): 0.89, (1, 0): 0.0099, (0, 1): 0.0099, (2, 1): 0.089 / 2, (1, 2): 0.089 / 2,
    (2, 2): 0.011, (3, 1): 0.002, (1, 3): 0.002,
}
BEAD_COST = {k: -math.log(v) for k, v in BEAD_PRIORS.items()}
C_RATIO = 1.0  # expected target chars per source char (en→fr is close to 1.1; fitted later)
S2 = 6.8  # Gale & Church's variance per character

_TOKEN = re.compile(r"\d+(?:[.,\u202f\u00a0 ]\d+)*|[A-Z][\w-]+|[^\W\d_]{2,}")


def length_cost(len_src: int, len_tgt: int) -> float:
    """-log P(match | lengths): a two-sided normal tail on the length delta."""
    if len_src == 0 and len_tgt == 0:
        return 0.0
    mean = (len_src + len_tgt / C_RATIO) / 2
    delta = (len_tgt - len_src * C_RATIO) / math.sqrt(max(mean, 1.0) * S2)
    p = math.erfc(abs(delta) / math.sqrt(2))
    return -math.log(max(p, 1e-12))


def anchors(text: str) -> frozenset[str]:
    """Tokens a translation keeps: numbers (digits only), names, acronyms."""
    out = set()
    for tok in _TOKEN.findall(text):
        if tok[0].isdigit():
            out.add(re.sub(r"\D", "", tok))
        elif tok[0].isupper() and len(tok) > 1:
            out.add(tok.lower())
    return frozenset(out)


def anchor_bonus(src: Sequence[frozenset[str]], tgt: Sequence[frozenset[str]]) -> float:
    """A cost reduction for shared anchors (Dice over the two sides' anchor sets)."""
    a = frozenset().union(*src) if src else frozenset()
    b = frozenset().union(*tgt) if tgt else frozenset()
    if not a or not b:
        return 0.0
    return 4.0 * 2 * len(a & b) / (len(a) + len(b))
