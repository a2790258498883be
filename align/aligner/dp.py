"""Dynamic programming over a band of cells, with traceback (Gale & Church 1993's recurrence).

The band is *jagged*: row ``i`` (``i`` source sentences consumed) holds the columns
``lo[i] <= j < hi[i]`` (``j`` target sentences consumed), ``lo`` and ``hi`` non-decreasing.
Only band cells are stored, so memory is linear in rows × band width, never N × M
(Thompson & Koehn 2019 search the same way). Each row is one vectorised step: the bead
moves from earlier rows are array slices, and the within-row 0-1 moves are a running
minimum (``D[j] = j·s + cummin(X[k] − k·s)``), so the Python loop runs once per row.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from align.aligner.costs import MOVES

H = MOVES.index((0, 1))  # the within-row move


@dataclass(frozen=True)
class Band:
    """Columns ``lo[i]..hi[i]-1`` of each row ``i`` in ``0..n``; ``m`` target sentences."""

    lo: np.ndarray
    hi: np.ndarray
    m: int

    @property
    def n(self) -> int:
        return len(self.lo) - 1

    @property
    def cells(self) -> int:
        return int((self.hi - self.lo).sum())


@dataclass(frozen=True)
class Gaps:
    """Costs of 0-1 beads by column: ``ext[c]`` for the one ending at column ``c`` (it covers
    target sentence ``c - 1``), plus ``open[c]`` when it starts a run. ``prefix`` = cumsum(ext)."""

    open: np.ndarray
    ext: np.ndarray
    prefix: np.ndarray

    @classmethod
    def build(cls, open_: np.ndarray, ext: np.ndarray) -> Gaps:
        return cls(open_, ext, np.cumsum(ext))

    @classmethod
    def constant(cls, m: int, ext: float, open_: float) -> Gaps:
        return cls.build(np.full(m + 1, open_, dtype=np.float64), np.full(m + 1, ext, dtype=np.float64))


def full_band(n: int, m: int) -> Band:
    return Band(np.zeros(n + 1, dtype=np.int64), np.full(n + 1, m + 1, dtype=np.int64), m)


def monotone(lo: np.ndarray, hi: np.ndarray, m: int) -> Band:
    """Widen ``lo``/``hi`` until both are non-decreasing and the corners are inside."""
    lo = np.minimum.accumulate(np.clip(lo, 0, m)[::-1])[::-1].copy()
    hi = np.maximum.accumulate(np.clip(hi, 1, m + 1))
    lo[0] = 0
    hi[-1] = m + 1
    hi = np.maximum(hi, lo + 1)
    return Band(lo.astype(np.int64), hi.astype(np.int64), m)


# costs(i0, i1) -> one flat array per move (cells of rows i0..i1-1, row-major), or a float.
CostFn = Callable[[int, int], list]


def run(band: Band, costs: CostFn, inner: Gaps, edge: Gaps, chunk: int = 512) -> tuple[list, tuple]:
    """Fill the band; returns per-row costs and (moves, run lengths). Row 0 holds the leading
    0-1 beads (priced by ``edge``); inside, runs of 0-1 beads are priced by ``inner``."""
    lo, hi = band.lo, band.hi
    width0 = int(hi[0] - lo[0])
    first = np.full(width0, np.inf)
    first[0] = 0.0
    d0, b0, j0 = _horizontal(first, np.full(width0, H, dtype=np.int8), 0, edge)
    d_rows, b_rows, j_rows = [d0], [b0], [j0]
    n = band.n
    lo_list, hi_list = lo.tolist(), hi.tolist()
    for i0 in range(1, n + 1, chunk):
        i1 = min(n + 1, i0 + chunk)
        move_costs = costs(i0, i1)
        # (move index, di, dj, flat costs or a constant); impossible moves left out once per chunk
        active = [(k, di, dj, c, isinstance(c, np.ndarray))
                  for k, ((di, dj), c) in enumerate(zip(MOVES, move_costs, strict=True))
                  if di > 0 and (isinstance(c, np.ndarray) or np.isfinite(c))]
        offset = 0
        for i in range(i0, i1):
            w = hi_list[i] - lo_list[i]
            d, b, jmp = _row(i, lo_list, hi_list, d_rows, active, offset, inner)
            offset += w
            d_rows.append(d)
            b_rows.append(b)
            j_rows.append(jmp)
    return d_rows, (b_rows, j_rows)


def _row(i: int, lo: list, hi: list, d_rows: list, active: list, offset: int, gaps: Gaps):
    li, w = lo[i], hi[i] - lo[i]
    best = np.full(w, np.inf)
    back = np.full(w, H, dtype=np.int8)
    for k, di, dj, cost, is_array in active:
        if di > i:
            continue
        p = i - di
        lp, hp = lo[p], hi[p]
        a, b = max(li, lp + dj), min(li + w, hp + dj)
        if a >= b:
            continue
        base = offset - li
        cand = d_rows[p][a - dj - lp:b - dj - lp] + (cost[base + a:base + b] if is_array else cost)
        seg = best[a - li:b - li]
        better = cand < seg
        seg[better] = cand[better]
        back[a - li:b - li][better] = k
    return _horizontal(best, back, li, gaps)


def _horizontal(best: np.ndarray, back: np.ndarray, li: int, gaps: Gaps):
    """Runs of 0-1 beads within a row: D[j] = E[j] + min_{k<j} (D[k] − E[k] + open[k+1])."""
    w = len(best)
    cum = gaps.prefix[li:li + w]
    nxt = gaps.open[li + 1:li + w + 1]
    if len(nxt) < w:
        nxt = np.concatenate([nxt, np.full(w - len(nxt), np.inf)])
    y = best - cum + nxt
    run_min = np.minimum.accumulate(y)
    origin = np.maximum.accumulate(np.where(y <= run_min, np.arange(w), 0))
    shifted = np.concatenate([[np.inf], run_min[:-1]]) + cum
    finite = np.isfinite(best)
    limit = np.where(finite, best - 1e-9 * (1.0 + np.abs(np.where(finite, best, 0.0))), np.inf)
    horizontal = shifted < limit  # strictly better, not a rounding artefact
    best[horizontal] = shifted[horizontal]
    back[horizontal] = H
    jump = np.zeros(w, dtype=np.int32)
    origins = np.concatenate([[0], origin[:-1]])
    jump[horizontal] = (np.arange(w) - origins)[horizontal]
    return best, back, jump


def traceback(band: Band, back: tuple[list, list], end: int) -> list[tuple[int, int, int, int]]:
    """Beads as (i0, i1, j0, j1) from cell (n, end) back to row 0 (leading 0-1s included)."""
    b_rows, j_rows = back
    out = []
    i, j = band.n, end
    while i > 0 or j > 0:
        k = j - band.lo[i]
        move = int(b_rows[i][k])
        if move == H:
            run = max(int(j_rows[i][k]), 1)
            out.extend((i, i, j - r - 1, j - r) for r in range(run))
            j -= run
            continue
        di, dj = MOVES[move]
        out.append((i - di, i, j - dj, j))
        i, j = i - di, j - dj
    out.reverse()
    return out


def best_end(band: Band, d_rows: list, edge: Gaps) -> tuple[int, float]:
    """The end column of the last row, trailing target sentences priced by ``edge``."""
    n, m = band.n, band.m
    cols = np.arange(band.lo[n], band.hi[n])
    after = np.append(edge.open[1:], 0.0)[cols]
    trailing = np.where(cols < m, after + edge.prefix[m] - edge.prefix[cols], 0.0)
    total = d_rows[n] + trailing
    k = int(np.argmin(total))
    return int(cols[k]), float(total[k])
