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


def run(band: Band, costs: CostFn, start_skip: float, chunk: int = 512, start_open: float = 0.0) -> tuple[list, tuple]:
    """Fill the band; returns per-row (cost, move) arrays. Row 0 holds leading 0-1 moves."""
    lo, hi = band.lo, band.hi
    d_rows: list[np.ndarray] = []
    b_rows: list[np.ndarray] = []
    width0 = int(hi[0] - lo[0])
    d_rows.append(np.arange(width0, dtype=np.float64) * start_skip + np.minimum(np.arange(width0), 1) * start_open)
    b_rows.append(np.full(width0, H, dtype=np.int8))
    j_rows: list[np.ndarray] = [np.minimum(np.arange(width0), 1).astype(np.int32)]
    n = band.n
    lo_list, hi_list = lo.tolist(), hi.tolist()
    for i0 in range(1, n + 1, chunk):
        i1 = min(n + 1, i0 + chunk)
        move_costs = costs(i0, i1)
        skip = move_costs[H]
        # (move index, di, dj, flat costs or a constant); impossible moves left out once per chunk
        active = [(k, di, dj, c, isinstance(c, np.ndarray))
                  for k, ((di, dj), c) in enumerate(zip(MOVES, move_costs, strict=True))
                  if di > 0 and (isinstance(c, np.ndarray) or np.isfinite(c))]
        offset = 0
        for i in range(i0, i1):
            w = hi_list[i] - lo_list[i]
            d, b, jmp = _row(i, lo_list, hi_list, d_rows, active, offset, skip)
            offset += w
            d_rows.append(d)
            b_rows.append(b)
            j_rows.append(jmp)
    return d_rows, (b_rows, j_rows)


def _row(i: int, lo: list, hi: list, d_rows: list, active: list, offset: int, skip: tuple):
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
    skip, extend = skip
    # a run of 0-1 beads costs skip for the first and ``extend`` for each further one
    ramp = np.arange(w) * extend
    x = best - ramp
    run_min = np.minimum.accumulate(x)
    origin = np.maximum.accumulate(np.where(x <= run_min, np.arange(w), 0))
    shifted = np.concatenate([[np.inf], run_min[:-1]]) + ramp + (skip - extend)
    finite = np.isfinite(best)
    limit = np.where(finite, best - 1e-9 * (1.0 + np.abs(np.where(finite, best, 0.0))), np.inf)
    horizontal = shifted < limit  # strictly better, not a rounding artefact of the ramp
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


def best_end(band: Band, d_rows: list, end_skip: float, end_open: float = 0.0) -> tuple[int, float]:
    """The end column of the last row, trailing target sentences costing ``end_skip`` each
    (plus ``end_open`` once when there are any)."""
    n, m = band.n, band.m
    cols = np.arange(band.lo[n], band.hi[n])
    total = d_rows[n] + (m - cols) * end_skip + (cols < m) * end_open
    k = int(np.argmin(total))
    return int(cols[k]), float(total[k])
