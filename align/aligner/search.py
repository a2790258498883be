"""Coarse-to-fine banded search (Thompson & Koehn 2019's Vecalign strategy, with our costs).

A problem small enough is solved over the full matrix. A larger one is first solved on
blocks of ``AlignConfig.block`` consecutive sentences (their vectors and lengths summed: the vector of
a concatenation), recursively; the coarse path, widened by a margin, is the band of the
finer search. Each level costs rows × band width, so the whole search is linear.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from align.aligner import dp, kernel
from align.aligner.costs import MOVES, PRIOR_COST, S2, WIDEST, cosine, length_cost
from align.config import AlignConfig

_BAND = AlignConfig()  # the search's settings (band, blocks, full-matrix sizes): their home is AlignConfig
ROWS = 8192  # sentence vectors gathered at a time (memory: ROWS x dims x 4 bytes; results unchanged)
SPREAD_FLOOR = 0.2  # lowest normaliser of (1 - cos): a guard, never reached on the tuning data


@dataclass(frozen=True)
class Weights:
    """How the cost terms combine for one document: ``AlignConfig``'s weights (their one
    home, fitted on dev data; see docs/alignment.md) plus the document's length ratio."""

    length: float
    similarity: float
    prior: float
    skip: float
    extend: float  # each further 0-1 bead of a run (insertions come in runs)
    ratio: float  # target characters per source character (per document)
    drop: float  # each 1-0 bead (a source sentence left untranslated)
    short: float  # target sentences shorter than this (characters) are cheaper to skip
    margin: int = _BAND.band_margin  # columns each side of a coarse path's projection (+ block size)
    guide_margin: int = _BAND.guide_margin  # the same around an earlier pass's path
    edge: int = _BAND.band_edge  # a path this close to an inner band edge was held there by the band
    widen_rounds: int = _BAND.widen_rounds  # re-solve a level at most this often, widening the band
    diagonal: int = _BAND.diagonal_band  # the coarse level's band: blocks each side of the diagonal
    full_cells: int = _BAND.full_cells  # solved over the full matrix up to this many cells
    coarse_cells: int = _BAND.coarse_cells  # the same for the coarse level
    factor: int = _BAND.block  # sentences per block at the coarse level
    levels: int = _BAND.coarse_levels  # coarse levels above the sentences
    span_power: float = _BAND.span_power  # (1 - cos) scaled by the bead's mean width to this power

    @classmethod
    def of(cls, config: AlignConfig, ratio: float = 1.0) -> Weights:
        return cls(config.length_weight, config.similarity_weight, config.prior_weight, config.skip_cost,
                   config.gap_extend, ratio, config.drop_cost, config.short_chars, config.band_margin,
                   config.guide_margin, config.band_edge, config.widen_rounds, config.diagonal_band,
                   config.full_cells, config.coarse_cells, config.block, config.coarse_levels, config.span_power)


@dataclass(frozen=True)
class Side:
    """Sentence vectors, prefix sums of lengths and squared norms of 1-3 sentence runs."""

    vec: np.ndarray
    prefix: np.ndarray
    norms: tuple[np.ndarray, ...]
    centre: np.ndarray | None = None  # prefix sums of each sentence · the other side's mean unit vector

    @classmethod
    def build(cls, vec: np.ndarray, lengths: np.ndarray) -> Side:
        """|v_{i-d} + … + v_{i-1}|² for d = 1..WIDEST, from own norms and near-diagonal dots."""
        n = len(vec)
        prefix = np.concatenate([[0.0], np.cumsum(lengths, dtype=np.float64)])
        adj = [np.einsum("ij,ij->i", vec[: n - k], vec[k:]).astype(np.float64) for k in range(WIDEST)]
        norms = [np.zeros(n + 1) for _ in range(WIDEST + 1)]
        for d in range(1, min(WIDEST, n) + 1):
            # the run ending at i adds sentence i-1 to the run of d-1 ending at i-1
            new = adj[0][d - 1:].copy()
            for k in range(1, d):
                new += 2 * adj[k][d - 1 - k:n - k]
            norms[d][d:] = norms[d - 1][d - 1:n] + new
        return cls(vec, prefix, tuple(norms))

    def __len__(self) -> int:
        return len(self.vec)

    def coarse(self, factor: int) -> Side:
        starts = np.arange(0, len(self.vec), factor)
        lengths = np.diff(self.prefix)
        side = Side.build(_block_sums(self.vec, factor), np.add.reduceat(lengths, starts))
        if self.centre is None:
            return side
        dots = np.add.reduceat(np.diff(self.centre), starts)
        return replace(side, centre=np.concatenate([[0.0], np.cumsum(dots)]))


def _block_sums(vec: np.ndarray, factor: int) -> np.ndarray:
    """Sums of ``factor`` consecutive rows (the last block may be shorter), one strided add per
    offset: ``np.add.reduceat`` over rows took 0.9 s on a 100k x 512 side, this 0.1 s."""
    out = vec[0::factor].copy()
    for d in range(1, factor):
        part = vec[d::factor]
        out[:len(part)] += part
    return out


def with_centres(src: Side, tgt: Side) -> tuple[Side, Side]:
    """Both sides with their dots against the other side's mean unit vector (Vecalign's
    normaliser: 1 − x·ȳ/|x| is the mean of 1 − cos(x, y) over the other side's sentences)."""
    def unit_mean(v: np.ndarray) -> np.ndarray:
        if not len(v):
            return np.zeros(v.shape[1])
        inv = 1.0 / np.maximum(np.sqrt(np.einsum("ij,ij->i", v, v)), 1e-12)
        return (inv.astype(v.dtype) @ v) / len(v)  # no N x dims temporary (200 MB at 100k)

    def prefix(v: np.ndarray, c: np.ndarray) -> np.ndarray:
        return np.concatenate([[0.0], np.cumsum((v @ c).astype(np.float64))])

    cs, ct = unit_mean(src.vec), unit_mean(tgt.vec)
    return replace(src, centre=prefix(src.vec, ct)), replace(tgt, centre=prefix(tgt.vec, cs))


class _Sims:
    """Dot products of source × target sentences inside the band, stored jagged."""

    def __init__(self, src: Side, tgt: Side, band: dp.Band, chunk: int = 256, previous: _Sims | None = None):
        """``previous`` (the same sides, an earlier band): chunks of rows whose columns did not
        change are copied from it, not multiplied again (a band widened in a few places)."""
        n, m = len(src), len(tgt)
        a = np.arange(n)
        self.glo = np.maximum(band.lo[a + 1] - WIDEST, 0)
        self.ghi = np.maximum(np.minimum(band.hi[np.minimum(a + WIDEST, n)] - 1, m), self.glo)
        self.ptr = np.concatenate([[0], np.cumsum(self.ghi - self.glo)])
        self.flat = np.zeros(int(self.ptr[-1]), dtype=np.float32)
        same = None
        if previous is not None and len(previous.glo) == n:
            same = (previous.glo == self.glo) & (previous.ghi == self.ghi)
        for a0 in range(0, n, chunk):
            a1 = min(n, a0 + chunk)
            if same is not None and same[a0:a1].all():  # the same rows, columns and product: copied
                self.flat[self.ptr[a0]:self.ptr[a1]] = previous.flat[previous.ptr[a0]:previous.ptr[a1]]
                continue
            r0, r1 = int(self.glo[a0]), int(self.ghi[a0:a1].max())
            if r1 <= r0:
                continue
            block = src.vec[a0:a1] @ tgt.vec[r0:r1].T
            widths = self.ghi[a0:a1] - self.glo[a0:a1]
            rows = np.repeat(np.arange(a1 - a0), widths)
            cols = _ranges(self.glo[a0:a1] - r0, widths)
            self.flat[self.ptr[a0]:self.ptr[a1]] = block[rows, cols]

    def get(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        return self.at(self.rows(a), b)

    def rows(self, a: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """What ``at`` needs of source rows ``a`` (shared by every target offset of one row shift)."""
        ok = (a >= 0) & (a < len(self.glo))
        ac = np.where(ok, a, 0)
        glo = self.glo[ac]
        return ok, glo, self.ghi[ac], self.ptr[ac] - glo

    def at(self, rows: tuple, b: np.ndarray) -> np.ndarray:
        ok, glo, ghi, base = rows
        ok = ok & (b >= glo) & (b < ghi)
        idx = np.where(ok, base + b, 0)
        return np.where(ok, self.flat[idx] if len(self.flat) else 0.0, 0.0)


def _ranges(starts: np.ndarray, widths: np.ndarray) -> np.ndarray:
    """Concatenated ``arange(s, s + w)`` for each (s, w), without a Python loop."""
    total = int(widths.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    offsets = np.arange(total) - np.repeat(np.cumsum(widths) - widths, widths)
    return np.repeat(starts, widths) + offsets


def bead_terms(src: Side, tgt: Side, sims: _Sims | None, i: np.ndarray, j: np.ndarray,
               di: int, dj: int, ratio: float) -> tuple[np.ndarray, np.ndarray]:
    """(cosine, length cost) of beads ending at cells (i, j) with di source, dj target sentences."""
    num = np.zeros(len(i))
    for d in range(1, di + 1):
        for e in range(1, dj + 1):
            if sims is None:
                for a in range(0, len(i), ROWS):  # gathered rows in chunks: no N x dims copy
                    num[a:a + ROWS] += np.einsum("ij,ij->i", src.vec[i[a:a + ROWS] - d], tgt.vec[j[a:a + ROWS] - e])
            else:
                num += sims.get(i - d, j - e)
    sim = cosine(num, src.norms[di][i], tgt.norms[dj][j])
    lc = length_cost(src.prefix[i] - src.prefix[i - di], tgt.prefix[j] - tgt.prefix[j - dj], ratio)
    return sim, lc


def _cost_fn(src: Side, tgt: Side, band: dp.Band, sims: _Sims, w: Weights, max_bead: int):
    def costs(i0: int, i1: int) -> list:
        widths = band.hi[i0:i1] - band.lo[i0:i1]
        ii = np.repeat(np.arange(i0, i1), widths)
        jj = _ranges(band.lo[i0:i1], widths)
        dots: dict = {}  # (d, e) -> s_{i-d} · t_{j-e}: each pair read once for all the moves
        out: list = []
        for di, dj in MOVES:
            if di == 0:
                out.append((w.skip, w.extend))
                continue
            if dj == 0:
                out.append(w.drop)
                continue
            if max(di, dj) > max_bead or di > len(src) or dj > len(tgt):
                out.append(np.inf)
                continue
            num = np.zeros(len(ii))
            for d in range(1, di + 1):
                for e in range(1, dj + 1):
                    if (d, e) not in dots:
                        if ("r", d) not in dots:
                            dots["r", d] = sims.rows(ii - d)
                        dots[d, e] = sims.at(dots["r", d], jj - e)
                    num += dots[d, e]
            ok = (ii >= di) & (jj >= dj)  # cells where the bead fits; the others are masked below
            sim = cosine(num, src.norms[di][ii], tgt.norms[dj][jj])
            with np.errstate(invalid="ignore", over="ignore"):
                lc = length_cost(src.prefix[ii] - src.prefix[ii - di], tgt.prefix[jj] - tgt.prefix[jj - dj], w.ratio)
            span = ((di + dj) / 2) ** w.span_power
            if src.centre is not None and tgt.centre is not None:
                if ("s", di) not in dots:
                    dots["s", di] = _spread(src, ii, di)
                if ("t", dj) not in dots:
                    dots["t", dj] = _spread(tgt, jj, dj)
                span = span / (dots["s", di] * dots["t", dj])
            cost = w.prior * PRIOR_COST[di, dj] + w.length * lc + w.similarity * (1.0 - sim) * span
            out.append(np.where(ok, cost, np.inf))
        return out
    return costs


def _native(src: Side, tgt: Side, sims: _Sims, w: Weights, max_bead: int) -> kernel.BeadInputs:
    """``_cost_fn``'s inputs as flat arrays, for the compiled loop (the same costs, in C)."""
    def priced(di: int, dj: int) -> bool:  # the moves _cost_fn prices (a finite cost or an array)
        if dj == 0:
            return bool(np.isfinite(w.drop))
        return not (max(di, dj) > max_bead or di > len(src) or dj > len(tgt))

    moves = [(k, di, dj) for k, (di, dj) in enumerate(MOVES) if di > 0 and priced(di, dj)]
    centred = src.centre is not None and tgt.centre is not None
    empty = np.zeros(0)
    return kernel.BeadInputs(
        src.prefix, tgt.prefix, np.concatenate(src.norms), np.concatenate(tgt.norms),
        src.centre if centred else empty, tgt.centre if centred else empty,
        sims.glo, sims.ghi, sims.ptr, sims.flat,
        np.array([m[1] for m in moves], dtype=np.int8), np.array([m[2] for m in moves], dtype=np.int8),
        np.array([m[0] for m in moves], dtype=np.int8),
        np.array([w.prior * PRIOR_COST[di, dj] if dj else 0.0 for _, di, dj in moves]),
        np.array([((di + dj) / 2) ** w.span_power for _, di, dj in moves]),
        w.length, w.similarity, w.drop, w.ratio, S2, SPREAD_FLOOR)


def _spread(side: Side, i: np.ndarray, d: int) -> np.ndarray:
    """1 − cos(run, other side's mean unit vector): the mean of 1 − cos(run, y) over the other
    side's sentences y, i.e. how unlike a random partner this run already is.

    Vecalign (Thompson & Koehn 2019, eq. 2) divides a bead's (1 − cos) by such random-pair
    costs: a sentence made of common features (a hub) is near everything, so its raw cosine
    says less. Vecalign samples random pairs; with the mean unit vector it is exact and costs
    one dot product per sentence. The floor only guards a degenerate run.
    """
    norm = np.sqrt(np.maximum(side.norms[d][i], 1e-12))
    return np.maximum(1.0 - (side.centre[i] - side.centre[i - d]) / norm, SPREAD_FLOOR)


def search(src: Side, tgt: Side, w: Weights, end_skip: float, max_bead: int = 3, end_open: float = 0.0,
           guide: list[tuple] | None = None, full_cells: int | None = None, depth: int = 0) -> list[tuple]:
    """Beads (i0, i1, j0, j1) covering both sides, trailing/leading target skips costing ``end_skip``.

    ``guide`` (a path from an earlier pass over the same sentences) replaces the coarse
    levels: the band is that path widened by a margin.
    """
    n, m = len(src), len(tgt)
    if n == 0 or m == 0:
        return [(i, i + 1, 0, 0) for i in range(n)] or [(0, 0, j, j + 1) for j in range(m)]
    full_cells = w.full_cells if full_cells is None else full_cells
    coarse, factor, band = None, w.factor, dp.full_band(n, m)
    if (n + 1) * (m + 1) > full_cells and min(n, m) >= 4 * w.factor:
        if guide is not None:
            coarse, factor = guide, 1
        elif depth < w.levels:
            coarse = search(src.coarse(w.factor), tgt.coarse(w.factor), w, end_skip, max_bead, end_open,
                            full_cells=w.coarse_cells, depth=depth + 1)
        else:  # the coarsest level: a band along the diagonal, re-widened where the path binds
            band, factor = diagonal(n, m, w.diagonal), w.diagonal
    if coarse is not None:
        band = project(coarse, factor, n, m, w.guide_margin if factor == 1 else w.margin)
    banded = band.cells < (n + 1) * (m + 1)
    by = factor + (w.guide_margin if factor == 1 else w.margin)
    previous, sims = None, None
    for _r in range(w.widen_rounds + 1):
        sims = _Sims(src, tgt, band, previous=sims)
        inner = _gaps(tgt, w)
        edge = inner if end_skip >= w.skip else dp.Gaps.constant(m, end_skip, end_open)
        native = _native(src, tgt, sims, w, max_bead) if kernel.COMPILED else None
        table, back = dp.run(band, _cost_fn(src, tgt, band, sims, w, max_bead), inner, edge, previous, native)
        end, total = dp.best_end(band, table, edge)
        beads = dp.traceback(band, back, end) if np.isfinite(total) else None
        rows = _edge_rows(band, beads, w.edge)
        if not banded or (beads is not None and not len(rows)):
            break
        previous = (band, table)
        band = widen(band, rows, by)
        by *= 2
    beads = beads if beads is not None else dp.traceback(band, back, end)
    return beads + [(n, n, j, j + 1) for j in range(end, m)]


def _edge_rows(band: dp.Band, beads: list[tuple] | None, edge: int = _BAND.band_edge) -> np.ndarray:
    """Rows where the path runs along an edge of the band that is not the matrix's edge.

    There the band, not the evidence, decided the path: the coarse level above may have
    missed the true alignment by more than the margin. ``None`` (no path fits) = every row.
    """
    if beads is None:
        return np.arange(band.n + 1)
    i = np.array([b[1] for b in beads])
    j = np.array([b[3] for b in beads])
    lo, hi = band.lo[i], band.hi[i]
    touch = ((j - lo < edge) & (lo > 0)) | ((hi - 1 - j < edge) & (hi <= band.m))
    return np.unique(i[touch])


def widen(band: dp.Band, rows: np.ndarray, by: int) -> dp.Band:
    """The band widened by ``by`` columns each side (and ``by`` rows around) where ``rows`` are."""
    mark = np.zeros(band.n + 2, dtype=np.int64)
    np.add.at(mark, np.maximum(rows - by, 0), 1)
    np.add.at(mark, np.minimum(rows + by + 1, band.n + 1), -1)
    near = np.cumsum(mark)[:-1] > 0
    return dp.monotone(np.where(near, band.lo - by, band.lo), np.where(near, band.hi + by, band.hi), band.m)


def _gaps(tgt: Side, w: Weights) -> dp.Gaps:
    """0-1 costs per target sentence: a run costs ``skip`` for its first and ``extend`` for
    each further sentence (insertions come in runs); a sentence shorter than ``w.short``
    characters (OCR debris, a page number, a caption fragment) costs proportionally less, so
    it is left out rather than glued to a neighbouring bead."""
    lengths = np.diff(tgt.prefix)
    scale = np.minimum(1.0, (lengths + 1.0) / w.short) if w.short > 0 else np.ones(len(lengths))
    scale = np.concatenate([[0.0], scale])
    return dp.Gaps.build((w.skip - w.extend) * scale, w.extend * scale)


def diagonal(n: int, m: int, half_width: int) -> dp.Band:
    """The band of ``half_width`` columns each side of the straight line from (0, 0) to (n, m)."""
    centre = np.arange(n + 1) * (m / max(n, 1))
    lo = np.floor(centre).astype(np.int64) - half_width
    return dp.monotone(lo, lo + 2 * half_width + 2, m)


def project(coarse: list[tuple], factor: int, n: int, m: int, margin: int = _BAND.band_margin) -> dp.Band:
    """The fine band around a coarse path: each coarse bead's rectangle widened by ``margin``."""
    lo = np.full(n + 1, m + 1, dtype=np.int64)
    hi = np.zeros(n + 1, dtype=np.int64)
    margin = factor + margin
    for i0, i1, j0, j1 in coarse:
        r0, r1 = min(i0 * factor, n), min(i1 * factor, n)
        c0, c1 = min(j0 * factor, m), min(j1 * factor, m)
        lo[r0:r1 + 1] = np.minimum(lo[r0:r1 + 1], c0 - margin)
        hi[r0:r1 + 1] = np.maximum(hi[r0:r1 + 1], c1 + margin + 1)
    return dp.monotone(lo, hi, m)
