"""Alignment that holds at any length: a joined pair as accurate as its parts (issue 10).

The coarse-to-fine search once lost the path past ~2,500 sentences (the 5 TransRead books
joined: strict F1 0.819 against 0.874 for the books one by one); these tests would fail
again if the band held the path off the alignment. They assert accuracy, never a time.
"""

from pathlib import Path

import numpy as np
import pytest

from align import evaluate as ev
from align.aligner import align_texts, dp, kernel
from align.aligner.costs import MOVES
from align.aligner.search import _edge_rows, widen
from align.formats.links import parse_links
from align.model import Bead


def _books(shared):
    folder = shared / "gold" / "transread-en-fr"
    for gold in sorted(folder.glob("*.gold")):
        base = str(gold)[:-5]
        src = Path(base + ".en").read_text(encoding="utf-8").rstrip("\n").split("\n")
        tgt = Path(base + ".fr").read_text(encoding="utf-8").rstrip("\n").split("\n")
        yield src, tgt, parse_links(gold.read_text(encoding="utf-8"))


def _join(parts):
    src, tgt, gold = [], [], []
    for s, t, g in parts:
        gold += [Bead(tuple(i + len(src) for i in b.src), tuple(j + len(tgt) for j in b.tgt)) for b in g]
        src += s
        tgt += t
    return src, tgt, gold


def test_five_books_joined_score_as_the_books_one_by_one(shared):
    """3,602 x 3,430 sentences: the size at which the second coarse level used to lose the path."""
    books = list(_books(shared))
    parts = None
    for src, tgt, gold in books:
        c = ev.count(gold, list(align_texts(src, tgt, None).beads))
        parts = c if parts is None else parts + c
    src, tgt, gold = _join(books)
    whole = ev.scores(ev.count(gold, list(align_texts(src, tgt, None).beads))).strict_f1
    assert whole >= ev.scores(parts).strict_f1 - 0.01
    assert whole >= 0.87


def _random_chunk(rng, band):
    def costs(i0, i1):
        cells = int((band.hi[i0:i1] - band.lo[i0:i1]).sum())
        out = [rng.uniform(0, 5, cells) for _ in MOVES[:-2]]
        out[3][rng.uniform(size=cells) < 0.2] = np.inf  # some impossible beads
        return [*out, 4.0, (3.0, 1.0)]
    return costs


def _random_band(seed: int):
    """A monotone band of 60 x 60 cells with random widths, and random 0-1 gap costs."""
    rng = np.random.default_rng(seed)
    lo = np.sort(rng.integers(0, 40, 61))
    band = dp.monotone(lo, lo + rng.integers(5, 30, 61), 60)
    return band, dp.Gaps.build(rng.uniform(0, 3, 61), rng.uniform(0, 2, 61))


@pytest.mark.skipif(not kernel.COMPILED, reason="the C loop was not built here")
def test_compiled_loop_fills_the_same_table_as_numpy(monkeypatch):
    """The C extension is an accelerator: cell for cell the numpy loop's table."""
    band, gaps = _random_band(3)
    fast, _ = dp.run(band, _random_chunk(np.random.default_rng(5), band), gaps, gaps)
    monkeypatch.setattr(kernel, "fill_rows", kernel.fill_rows_numpy)
    slow, _ = dp.run(band, _random_chunk(np.random.default_rng(5), band), gaps, gaps)
    assert np.array_equal(fast.cost, slow.cost)
    finite = np.isfinite(slow.cost[:-1])
    assert np.array_equal(fast.move[finite], slow.move[finite]) and np.array_equal(fast.run, slow.run)


@pytest.mark.skipif(not kernel.COMPILED, reason="the C loop was not built here")
def test_compiled_traceback_walks_the_same_path(monkeypatch):
    """The C walk back through a filled table returns the Python walk's beads."""
    band, gaps = _random_band(7)
    table, back = dp.run(band, _random_chunk(np.random.default_rng(5), band), gaps, gaps)
    end, total = dp.best_end(band, table, gaps)
    assert np.isfinite(total)
    fast = dp.traceback(band, back, end)
    monkeypatch.setattr(kernel, "COMPILED", False)
    slow = dp.traceback(band, back, end)
    assert fast == slow and slow[0][0] == slow[0][2] == 0 and slow[-1][1] == band.n and slow[-1][3] == end


def _synthetic_book(n: int, seed: int) -> tuple[list[str], list[str]]:
    """A long "translated" pair: a fixed word map, shared numbers and names, some 1-2 and 2-1
    beads and a few untranslated sentences, long enough for the banded coarse-to-fine search."""
    rng = np.random.default_rng(seed)
    vocab = [f"w{k}" for k in range(400)]
    src, tgt = [], []
    for _ in range(n):
        words = list(rng.choice(vocab, rng.integers(4, 18)))
        if rng.uniform() < 0.3:
            words.append(str(rng.integers(10, 5000)))
        if rng.uniform() < 0.2:
            words.insert(0, f"Name{rng.integers(0, 300)}")
        src.append(" ".join(words) + ".")
        out = [w.replace("w", "m") + "e" if w.startswith("w") else w for w in words]
        r = rng.uniform()
        if r < 0.03:
            continue  # untranslated
        if r < 0.08 and len(out) > 6:
            tgt += [" ".join(out[:3]) + ".", " ".join(out[3:]) + "."]
        elif r < 0.12 and tgt:
            tgt[-1] = tgt[-1][:-1] + ", " + " ".join(out) + "."
        else:
            tgt.append(" ".join(out) + ".")
    return src, tgt


@pytest.mark.skipif(not kernel.COMPILED, reason="the C loop was not built here")
def test_bead_costs_computed_in_c_give_the_numpy_alignment(monkeypatch):
    """fill_band prices the beads in C; without the extension numpy prices them: the same
    units and scores on a pair long enough for the coarse level, the band and the lexicon."""
    src, tgt = _synthetic_book(1500, 11)
    fast = align_texts(src, tgt, None)
    monkeypatch.setattr(kernel, "COMPILED", False)
    slow = align_texts(src, tgt, None)
    assert [(b.src, b.tgt) for b in fast.beads] == [(b.src, b.tgt) for b in slow.beads]
    assert [b.score for b in fast.beads] == [b.score for b in slow.beads]
    assert sum(len(b.src) == len(b.tgt) == 1 for b in fast.beads) > 1000  # it aligned, not trivially


@pytest.mark.skipif(not kernel.COMPILED, reason="the C loop was not built here")
def test_bead_costs_in_c_fill_the_same_table_as_numpy(monkeypatch):
    """Cell for cell: every move's cost priced in C equals numpy's (to rounding of the log)."""
    from align.aligner.features import analyse, embed
    from align.aligner.search import Side, Weights, _cost_fn, _gaps, _native, _Sims, diagonal, with_centres
    from align.config import AlignConfig

    src, tgt = _synthetic_book(300, 4)
    fs, ft = [analyse(t)[1] for t in src], [analyse(t)[1] for t in tgt]
    sv, tv = embed(fs, ft, 64)
    s_side, t_side = with_centres(Side.build(sv, np.array([len(t) for t in src], float)),
                                  Side.build(tv, np.array([len(t) for t in tgt], float)))
    band = diagonal(len(src), len(tgt), 12)
    w = Weights.of(AlignConfig(), len("".join(tgt)) / len("".join(src)))
    sims = _Sims(s_side, t_side, band)
    gaps = _gaps(t_side, w)
    fast, _ = dp.run(band, _cost_fn(s_side, t_side, band, sims, w, 4), gaps, gaps, None,
                     _native(s_side, t_side, sims, w, 4))
    monkeypatch.setattr(kernel, "COMPILED", False)
    slow, _ = dp.run(band, _cost_fn(s_side, t_side, band, sims, w, 4), gaps, gaps, None,
                     _native(s_side, t_side, sims, w, 4))
    finite = np.isfinite(slow.cost)
    assert np.array_equal(finite, np.isfinite(fast.cost)) and finite.sum() > 0.9 * band.cells
    assert np.allclose(fast.cost[finite], slow.cost[finite], rtol=1e-12, atol=0)
    assert np.array_equal(fast.move[finite[:-1]], slow.move[finite[:-1]])
    assert np.array_equal(fast.run, slow.run)


def test_a_re_solve_after_widening_gives_the_table_solved_from_scratch(monkeypatch):
    """A band widened in one place is re-solved only until its rows equal the previous table
    plus a constant; the rest is copied. The copy must be the table solved from scratch."""
    from align.aligner.features import analyse, embed
    from align.aligner.search import Side, Weights, _cost_fn, _gaps, _native, _Sims, diagonal, with_centres
    from align.config import AlignConfig

    src, tgt = _synthetic_book(400, 6)
    fs, ft = [analyse(t)[1] for t in src], [analyse(t)[1] for t in tgt]
    sv, tv = embed(fs, ft, 64)
    s_side, t_side = with_centres(Side.build(sv, np.array([len(t) for t in src], float)),
                                  Side.build(tv, np.array([len(t) for t in tgt], float)))
    w = Weights.of(AlignConfig(), len("".join(tgt)) / len("".join(src)))
    gaps = _gaps(t_side, w)

    def solve(band, previous=None, old_sims=None):
        sims = _Sims(s_side, t_side, band, previous=old_sims)
        table, _ = dp.run(band, _cost_fn(s_side, t_side, band, sims, w, 4), gaps, gaps, previous,
                          _native(s_side, t_side, sims, w, 4))
        return table, sims

    narrow = diagonal(len(src), len(tgt), 10)
    first, sims = solve(narrow)
    wide = widen(narrow, np.array([80, 250]), 12)  # two places: the rows between are copied too
    shifts = []
    real = dp._shifted
    monkeypatch.setattr(dp, "_shifted", lambda *a: shifts.append(real(*a)) or shifts[-1])
    again, _ = solve(wide, (narrow, first), sims)
    assert sum(s is not None for s in shifts) == 2  # both copies were taken, not the whole band solved
    monkeypatch.setattr(dp, "_shifted", lambda *a: None)
    scratch, _ = solve(wide)
    finite = np.isfinite(scratch.cost)
    assert np.array_equal(finite, np.isfinite(again.cost)) and finite.sum() > 0.9 * wide.cells
    # the copied rows carry the previous band's float32 dots, whose rounding depends on the block
    # of rows and columns they were multiplied in (~1e-8 relative): the same values, the same moves
    assert np.allclose(again.cost[finite], scratch.cost[finite], rtol=1e-7, atol=0)
    assert np.array_equal(again.move[finite[:-1]], scratch.move[finite[:-1]])
    assert np.array_equal(again.run, scratch.run)


def test_a_path_along_the_band_edge_widens_the_band_there():
    """Where the path runs along an inner edge, the band (not the evidence) chose it."""
    band = dp.Band(np.array([0, 0, 2, 4, 6]), np.array([3, 5, 7, 9, 11]), 10)
    along_hi = [(0, 1, 0, 4), (1, 2, 4, 6), (2, 3, 6, 8), (3, 4, 8, 10)]
    assert list(_edge_rows(band, along_hi)) == [1, 2, 3]
    wider = widen(band, np.array([2]), 3)
    assert np.all(wider.hi >= band.hi) and np.all(wider.lo <= band.lo) and wider.cells > band.cells
    inside = [(0, 1, 0, 2), (1, 2, 2, 4), (2, 3, 4, 6), (3, 4, 6, 8), (4, 4, 8, 9), (4, 4, 9, 10)]
    assert len(_edge_rows(dp.Band(band.lo, band.hi + 2, 10), inside)) == 0
