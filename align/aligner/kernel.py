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
"""

from __future__ import annotations

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


try:  # built by setup.py where a C compiler is found
    from align.aligner import _fill

    fill_rows = _fill_rows_compiled
    COMPILED = True
except ImportError:  # pragma: no cover - exercised where the extension could not be built
    fill_rows = fill_rows_numpy
    COMPILED = False
