"""The inner loop of the banded DP: fill a chunk of rows, in C where the extension was built.

Profiling ``align pair`` on a 7,200 × 6,900 book (cProfile, docs/alignment.md) put half of
the search's time in Python's per-row overhead: a few dozen small numpy calls per row,
whatever the band's width. The same loop in C (``_fill.c``, an optional extension built by
``setup.py``) does the work per cell in a few nanoseconds. Both compute exactly the same
table (tests compare them), so C is an accelerator, not a different method: without a
compiler the numpy loop runs. (numba was tried first: importing it costs 125 MB and 1.5 s,
more than hunalign's whole run at 6,000 sentences.)

Inputs are flat: ``cost`` (one ``inf`` spare at the end, read by every move that leaves the
band), ``move`` and ``run`` are the table of ``dp.run``; ``idx[k, c]`` is the flat index of
the predecessor of chunk cell ``c`` under candidate move ``k`` and ``step[k, c]`` that move's
cost; ``kinds[k]`` its index in ``costs.MOVES``. Runs of 0-1 beads within a row cost
``gap_open[k + 1]`` once plus ``gap_prefix[j] − gap_prefix[k]`` (see ``dp.Gaps``).

``fill_band`` goes one step further: the bead costs themselves are computed in C, cell by
cell, from ``BeadInputs`` (the formulas of ``search._cost_fn`` term for term, in the same
order), so the numpy path's ten per-move cost arrays and index arrays per chunk are never
built. On the 7,200 × 6,900 book that numpy work was a quarter of the whole run.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

TOLERANCE = 1e-9  # a 0-1 run must be better by more than rounding to replace a bead


def fill_rows_numpy(cost, move, run, start, lo, i0, i1, idx, step, kinds, gap_prefix, gap_open, h):
    """Rows ``i0..i1-1``, one vectorised step per row (the reference version)."""
    base = int(start[i0])
    for i in range(i0, i1):
        s0, s1 = int(start[i]), int(start[i + 1])
        cand = cost[idx[:, s0 - base:s1 - base]] + step[:, s0 - base:s1 - base]
        k = cand.argmin(axis=0)
        best = cand[k, np.arange(s1 - s0)]
        d, b, r = horizontal(best, kinds[k], int(lo[i]), gap_prefix, gap_open, h)
        cost[s0:s1], move[s0:s1], run[s0:s1] = d, b, r


def horizontal(best, back, li, gap_prefix, gap_open, h):
    """Runs of 0-1 beads within a row: D[j] = E[j] + min_{k<j} (D[k] − E[k] + open[k+1])."""
    w = len(best)
    cum = gap_prefix[li:li + w]
    nxt = gap_open[li + 1:li + w + 1]
    if len(nxt) < w:
        nxt = np.concatenate([nxt, np.full(w - len(nxt), np.inf)])
    y = best - cum + nxt
    run_min = np.minimum.accumulate(y)
    origin = np.maximum.accumulate(np.where(y <= run_min, np.arange(w), 0))
    shifted = np.concatenate([[np.inf], run_min[:-1]]) + cum
    finite = np.isfinite(best)
    limit = np.where(finite, best - TOLERANCE * (1.0 + np.abs(np.where(finite, best, 0.0))), np.inf)
    better = shifted < limit  # strictly better, not a rounding artefact
    best = best.copy()
    back = back.copy()
    best[better] = shifted[better]
    back[better] = h
    jump = np.zeros(w, dtype=np.int32)
    origins = np.concatenate([[0], origin[:-1]])
    jump[better] = (np.arange(w) - origins)[better]
    return best, back, jump


def _fill_rows_compiled(cost, move, run, start, lo, i0, i1, idx, step, kinds, gap_prefix, gap_open, h):
    """The C loop of ``_fill.c`` (the same table, one pass over the cells)."""
    as_c = np.ascontiguousarray
    _fill.fill_rows(cost, move, run, as_c(start, np.int64), as_c(lo, np.int64), int(i0), int(i1),
                    as_c(idx, np.int64), as_c(step, np.float64), as_c(kinds, np.int8), len(kinds),
                    as_c(gap_prefix, np.float64), as_c(gap_open, np.float64), int(h))


@dataclass(frozen=True)
class BeadInputs:
    """What the compiled loop needs to price every bead of a band (see ``search._cost_fn``).

    ``src_prefix``/``tgt_prefix``: prefix sums of sentence lengths; ``src_norms``/``tgt_norms``:
    the squared norms of runs of d sentences ending at i, flat as ``d * (n + 1) + i``;
    ``src_centre``/``tgt_centre``: prefix dots with the other side's mean unit vector (empty:
    no normaliser); ``glo``/``ghi``/``ptr``/``flat``: the band's jagged dot products
    (``search._Sims``); per move: ``di``, ``dj``, ``kinds`` (index in ``costs.MOVES``),
    ``prior`` (weighted prior cost) and ``span`` (the width factor before the normaliser).
    """

    src_prefix: np.ndarray
    tgt_prefix: np.ndarray
    src_norms: np.ndarray
    tgt_norms: np.ndarray
    src_centre: np.ndarray
    tgt_centre: np.ndarray
    glo: np.ndarray
    ghi: np.ndarray
    ptr: np.ndarray
    flat: np.ndarray
    di: np.ndarray
    dj: np.ndarray
    kinds: np.ndarray
    prior: np.ndarray
    span: np.ndarray
    length: float
    similarity: float
    drop: float
    ratio: float
    s2: float
    spread_floor: float


def fill_band(cost, move, run, start, lo, hi, i0, i1, x: BeadInputs, gap_prefix, gap_open, h) -> None:
    """Rows ``i0..i1-1`` with the bead costs computed in C (only where the extension was built)."""
    f64, i64 = np.float64, np.int64
    c = np.ascontiguousarray
    _fill.fill_band(cost, move, run, c(start, i64), c(lo, i64), c(hi, i64), int(i0), int(i1),
                    c(x.src_prefix, f64), c(x.tgt_prefix, f64), c(x.src_norms, f64), c(x.tgt_norms, f64),
                    c(x.src_centre, f64), c(x.tgt_centre, f64), c(x.glo, i64), c(x.ghi, i64), c(x.ptr, i64),
                    c(x.flat, np.float32), c(x.di, np.int8), c(x.dj, np.int8), c(x.kinds, np.int8),
                    c(x.prior, f64), c(x.span, f64), float(x.length), float(x.similarity), float(x.drop),
                    float(x.ratio), float(x.s2), float(x.spread_floor), c(gap_prefix, f64), c(gap_open, f64),
                    int(h))


def trace(move, run, start, lo, n: int, end: int, h: int) -> list[tuple[int, int, int, int]]:
    """``dp.traceback``'s walk in C (only where the extension was built)."""
    from align.aligner.costs import MOVES

    di = np.array([m[0] for m in MOVES], dtype=np.int8)
    dj = np.array([m[1] for m in MOVES], dtype=np.int8)
    c = np.ascontiguousarray
    return _fill.trace(c(move, np.int8), c(run, np.int32), c(start, np.int64), c(lo, np.int64), int(n), int(end),
                       di, dj, int(h))


try:  # built by setup.py where a C compiler is found
    from align.aligner import _fill

    if not hasattr(_fill, "trace"):  # built from an older _fill.c: rebuild (pip install -e .)
        raise ImportError("align.aligner._fill is out of date")
    fill_rows = _fill_rows_compiled
    COMPILED = True
except ImportError:  # pragma: no cover - exercised where the extension could not be built
    fill_rows = fill_rows_numpy
    COMPILED = False
