"""Sentence alignment by dynamic programming over beads (Gale & Church 1993).

The source may be *fragments*: blocks of consecutive sentences that cover only parts of
the target, in any order. Each block is aligned locally (target sentences before and
after it cost nothing), then blocks claim disjoint target ranges; target sentences no
block claims become 0-1 beads, never forced into a pair.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from align.aligner.costs import BEAD_COST, anchor_bonus, anchors, length_cost
from align.config import AlignConfig
from align.model import Alignment, Bead, null_beads

_MOVES = tuple(BEAD_COST)


def align_texts(
    src: Sequence[str],
    tgt: Sequence[str],
    src_blocks: Sequence[int] | None = None,
    config: AlignConfig = AlignConfig(),
) -> Alignment:
    """Align two sentence lists; ``src_blocks`` gives the passage id of each source sentence."""
    blocks = _group(src_blocks if src_blocks is not None else [0] * len(src))
    feats_s = [anchors(s) for s in src]
    feats_t = [anchors(t) for t in tgt]
    taken = [False] * len(tgt)
    found: list[tuple[float, list[Bead]]] = []
    for indices in blocks:
        found.append(_local(indices, src, tgt, feats_s, feats_t, config))
    beads: list[Bead] = []
    for _, block_beads in sorted(found, key=lambda f: f[0]):
        for bead in block_beads:
            if bead.tgt and any(taken[j] for j in bead.tgt):
                beads.extend(null_beads(bead.src, "src"))
                continue
            for j in bead.tgt:
                taken[j] = True
            beads.append(bead)
    beads.extend(null_beads([j for j, t in enumerate(taken) if not t], "tgt"))
    return Alignment(tuple(beads), len(src), len(tgt))


def _group(block_ids: Sequence[int]) -> list[list[int]]:
    groups: dict[int, list[int]] = {}
    for i, b in enumerate(block_ids):
        groups.setdefault(b, []).append(i)
    return list(groups.values())


def _local(idx, src, tgt, fs, ft, config) -> tuple[float, list[Bead]]:
    """Semi-global DP: all of the block is consumed, target ends are skipped for free."""
    n, m = len(idx), len(tgt)
    inf = math.inf
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    for j in range(m + 1):
        cost[0][j] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            if i == 0:
                continue
            for di, dj in _MOVES:
                if di > i or dj > j or max(di, dj) > config.max_bead:
                    continue
                prev = cost[i - di][j - dj]
                if prev == inf:
                    continue
                c = prev + _bead_cost(idx[i - di:i], range(j - dj, j), src, tgt, fs, ft)
                if c < cost[i][j]:
                    cost[i][j], back[i][j] = c, (di, dj)
    end = min(range(m + 1), key=lambda j: cost[n][j])
    beads, i, j = [], n, end
    while i > 0:
        di, dj = back[i][j]
        s, t = tuple(idx[i - di:i]), tuple(range(j - dj, j))
        c = _bead_cost(s, t, src, tgt, fs, ft)
        beads.append(Bead(s, t, _confidence(c, len(s), len(t))) if s and t else Bead(s, t, 0.0))
        i, j = i - di, j - dj
    beads.reverse()
    return cost[n][end] / max(n, 1), beads


def _bead_cost(s_idx, t_idx, src, tgt, fs, ft) -> float:
    kind = (len(s_idx), len(t_idx))
    if not s_idx or not t_idx:
        return BEAD_COST[kind] + 2.0
    ls = sum(len(src[i]) for i in s_idx)
    lt = sum(len(tgt[j]) for j in t_idx)
    bonus = anchor_bonus([fs[i] for i in s_idx], [ft[j] for j in t_idx])
    return BEAD_COST[kind] + length_cost(ls, lt) - bonus


def _confidence(cost: float, ns: int, nt: int) -> float:
    """Map a bead cost to [0, 1]: low cost, high confidence (monotone, not yet calibrated)."""
    return round(1.0 / (1.0 + math.exp(cost - 1.0)), 4)
