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

from align.aligner import kernel
from align.aligner.costs import MOVES, WIDEST

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
CHUNK_CELLS = 1 << 16  # cells whose move costs and predecessor indices are prepared at once


@dataclass(frozen=True)
class Table:
    """The filled band, flat: cell (i, j) is ``start[i] + j - lo[i]``; one spare ``inf`` at the end
    (every move that leaves the band or the matrix reads it)."""

    cost: np.ndarray
    move: np.ndarray
    run: np.ndarray
    start: np.ndarray


def run(band: Band, costs: CostFn, inner: Gaps, edge: Gaps,
        previous: tuple[Band, Table] | None = None,
        native: kernel.BeadInputs | None = None) -> tuple[Table, Table]:
    """Fill the band; returns the table twice (costs for ``best_end``, moves for ``traceback``).

    ``previous`` (an earlier band of the same problem and its table): the rows before the
    first one whose columns changed are copied, not recomputed (a band widened near the end
    of a document costs only the rows from there on).

    Row 0 holds the leading 0-1 beads (priced by ``edge``); inside, runs of 0-1 beads are
    priced by ``inner``. For a chunk of rows the predecessor of every cell under every move
    is one flat index (prepared with a few array operations), so each row is a single
    gather, an ``argmin`` over the moves and the running minimum of its 0-1 runs: the
    Python loop does a handful of numpy calls per row, whatever the number of moves.

    ``native`` (the inputs of ``costs`` as arrays): where the C extension was built, the
    whole band is filled in one call that prices the beads itself; ``costs`` is not called.
    """
    lo, hi = band.lo, band.hi
    widths = hi - lo
    start = np.concatenate([[0], np.cumsum(widths)])
    total = int(start[-1])
    table = Table(np.full(total + 1, np.inf), np.full(total, H, dtype=np.int8),
                  np.zeros(total, dtype=np.int32), start)
    n = band.n
    i0 = _unchanged_rows(band, previous[0]) if previous is not None else 0
    if i0 > 0:
        kept = int(start[i0])
        table.cost[:kept], table.move[:kept], table.run[:kept] = (previous[1].cost[:kept], previous[1].move[:kept],
                                                                 previous[1].run[:kept])
    else:
        first = np.full(int(widths[0]), np.inf)
        first[0] = 0.0
        d0, b0, j0 = kernel.horizontal(first, np.full(len(first), H, dtype=np.int8), 0, edge.prefix, edge.open, H)
        table.cost[:len(d0)], table.move[:len(d0)], table.run[:len(d0)] = d0, b0, j0
        i0 = 1

    def fill(i0: int, i1: int) -> None:
        if native is not None and kernel.COMPILED:
            kernel.fill_band(table.cost, table.move, table.run, start, lo, band.hi, i0, i1, native,
                             inner.prefix, inner.open, H)
            return
        while i0 < i1:
            i2 = int(np.searchsorted(start, start[i0] + CHUNK_CELLS, side="right")) - 1
            i2 = min(i1, max(i2, i0 + 1))
            idx, step, kinds = _chunk(band, start, i0, i2, costs(i0, i2), total)
            kernel.fill_rows(table.cost, table.move, table.run, start, lo, i0, i2, idx, step, kinds,
                             inner.prefix, inner.open, H)
            i0 = i2

    changed = _changed_rows(band, previous[0]) if previous is not None else None
    if changed is None:
        fill(i0, n + 1)
        return table, table
    # Outside the widened rows the band and every cell's cost are the previous ones (a cell's
    # cost does not depend on the band: its dots are always stored). Once WIDEST consecutive
    # unchanged rows equal the previous table's plus one constant, the following unchanged rows
    # do too (the recurrence is a min over sums), with the same moves: they are copied, not
    # solved, up to the next widened row. Each widened place costs its rows and a few hundred more.
    old = previous[1]
    marks = np.flatnonzero(changed)
    pos, step = i0, CONVERGE_ROWS
    while pos <= n:
        nxt = int(marks[np.searchsorted(marks, pos)]) if pos <= marks[-1] else n + 1
        if nxt == pos:  # a widened run of rows: solved, with WIDEST rows after it
            run_end = pos
            while run_end <= n and changed[run_end]:
                run_end += 1
            k = min(n + 1, run_end + WIDEST)
            fill(pos, k)
            pos, step = k, CONVERGE_ROWS
            continue
        settled = pos >= WIDEST and not changed[pos - WIDEST:pos].any()
        shift = _shifted(table, old, pos - WIDEST, pos) if settled else None
        if shift is not None:
            a, z, b = int(start[pos]), int(start[nxt]), int(old.start[pos])
            table.cost[a:z] = old.cost[b:b + z - a] + shift
            table.move[a:z] = old.move[b:b + z - a]
            table.run[a:z] = old.run[b:b + z - a]
            pos = nxt
            continue
        k = min(nxt, pos + step)
        fill(pos, k)
        pos, step = k, step * 2
    return table, table


CONVERGE_ROWS = 256  # rows solved between two checks of a re-solve against the previous table
SHIFT_TOLERANCE = 1e-7  # |new - old - shift| allowed (float rounding of sums over ~10^5 rows is ~1e-9)


def _changed_rows(band: Band, old: Band) -> np.ndarray | None:
    """Which rows' columns differ between the bands (``None`` when they are not comparable or
    none differs)."""
    if old.n != band.n or old.m != band.m:
        return None
    changed = (band.lo != old.lo) | (band.hi != old.hi)
    return changed if changed.any() else None


def _shifted(new: Table, old: Table, r0: int, r1: int) -> float | None:
    """The constant by which rows r0..r1-1 of ``new`` exceed ``old`` (the same columns), or None."""
    a = new.cost[new.start[r0]:new.start[r1]]
    b = old.cost[old.start[r0]:old.start[r1]]
    fa, fb = np.isfinite(a), np.isfinite(b)
    if len(a) != len(b) or not fa.any() or not np.array_equal(fa, fb):
        return None
    d = a[fa] - b[fa]
    shift = float(d[0])
    return shift if float(np.abs(d - shift).max()) <= SHIFT_TOLERANCE else None


def _unchanged_rows(band: Band, old: Band) -> int:
    """How many leading rows have the same columns in both bands."""
    if old.n != band.n or old.m != band.m:
        return 0
    changed = np.flatnonzero((band.lo != old.lo) | (band.hi != old.hi))
    return int(changed[0]) if len(changed) else band.n + 1


def _chunk(band: Band, start: np.ndarray, i0: int, i1: int, move_costs: list, total: int):
    """(predecessor flat index, cost) of every cell of rows i0..i1-1 under every possible move."""
    lo, hi = band.lo, band.hi
    widths = hi[i0:i1] - lo[i0:i1]
    ii = np.repeat(np.arange(i0, i1), widths)
    jj = np.repeat(lo[i0:i1], widths) + np.arange(len(ii)) - np.repeat(start[i0:i1] - start[i0], widths)
    idx, cost, kinds = [], [], []
    for k, ((di, dj), c) in enumerate(zip(MOVES, move_costs, strict=True)):
        if di == 0 or not (isinstance(c, np.ndarray) or np.isfinite(c)):
            continue
        p = ii - di
        pc = np.maximum(p, 0)
        q = jj - dj
        ok = (p >= 0) & (q >= lo[pc]) & (q < hi[pc])
        idx.append(np.where(ok, start[pc] + q - lo[pc], total))
        cost.append(c if isinstance(c, np.ndarray) else np.full(len(ii), float(c)))
        kinds.append(k)
    if not idx:  # no move reaches these rows: every cell stays unreachable
        return np.full((1, len(ii)), total), np.zeros((1, len(ii))), np.array([H], dtype=np.int8)
    return np.array(idx), np.array(cost), np.array(kinds, dtype=np.int8)


def traceback(band: Band, back: Table, end: int) -> list[tuple[int, int, int, int]]:
    """Beads as (i0, i1, j0, j1) from cell (n, end) back to row 0 (leading 0-1s included)."""
    if kernel.COMPILED:  # the same walk in C (one Python iteration per bead: 0.4 s on a 100k book)
        return kernel.trace(back.move, back.run, back.start, band.lo, band.n, end, H)
    out = []
    i, j = band.n, end
    while i > 0 or j > 0:
        k = int(back.start[i]) + j - int(band.lo[i])
        move = int(back.move[k])
        if move == H:
            run = max(int(back.run[k]), 1)
            out.extend((i, i, j - r - 1, j - r) for r in range(run))
            j -= run
            continue
        di, dj = MOVES[move]
        out.append((i - di, i, j - dj, j))
        i, j = i - di, j - dj
    out.reverse()
    return out


def best_end(band: Band, table: Table, edge: Gaps) -> tuple[int, float]:
    """The end column of the last row, trailing target sentences priced by ``edge``."""
    n, m = band.n, band.m
    cols = np.arange(band.lo[n], band.hi[n])
    after = np.append(edge.open[1:], 0.0)[cols]
    trailing = np.where(cols < m, after + edge.prefix[m] - edge.prefix[cols], 0.0)
    total = table.cost[table.start[n]:table.start[n + 1]] + trailing
    k = int(np.argmin(total))
    return int(cols[k]), float(total[k])
