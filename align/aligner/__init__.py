"""Sentence alignment: banded DP over beads, lexical evidence, fragments, confidence.

``align_texts`` runs two passes (Gale & Church 1993 length costs plus resource-free lexical
evidence; then again with a lexicon learned from the first pass's confident beads, as
hunalign and Moore 2002 do). Each pass locates the source passages (``src_blocks``) in the
target, then aligns each one inside its window with a coarse-to-fine banded search, so
time and memory grow linearly. Target sentences no passage claims become 0-1 beads.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from align.aligner import fragments, ibm1, lexicon
from align.aligner.confidence import confidence
from align.aligner.costs import length_cost_one
from align.aligner.features import Bags, analyse, embed_bags, words
from align.aligner.search import Side, Weights, bead_terms, search, with_centres
from align.config import AlignConfig
from align.model import Alignment, Bead


@dataclass(frozen=True)
class Found:
    """A bead with the evidence that chose it (for confidence and the lexicon)."""

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    sim: float = 0.0
    length: float = 0.0


def align_texts(
    src: Sequence[str],
    tgt: Sequence[str],
    src_blocks: Sequence[int] | None = None,
    config: AlignConfig = AlignConfig(),
) -> Alignment:
    """Align two sentence lists; ``src_blocks`` gives the passage id of each source sentence.

    Blank-line separated passages may be fragments in any order, or simply the paragraphs
    of a complete text. Both readings are aligned and compared by the expected number of
    right beads (the sum of calibrated confidences over the paired beads). The user's
    blank lines are evidence for the fragment reading, so the in-order reading must be
    clearly better (``config.in_order_margin``) to override it. Locating many short passages one
    by one in a long target is far weaker than one monotonic alignment when they are in
    fact in order (Candide cut into 10-sentence passages: 503 expected right beads and
    strict F1 0.03 as fragments, 1,091 and 0.92 in order); on the sample's real fragments
    the fragment reading wins (46.7 against 32.0).
    """
    try:
        if src_blocks is None or len(set(src_blocks)) <= 1:
            return _align(src, tgt, None, config)
        as_fragments = _align(src, tgt, src_blocks, config)
        in_order = _align(src, tgt, None, config)
    finally:
        _AHEAD.clear()  # given for this alignment only
    if expected_correct(in_order) > config.in_order_margin * expected_correct(as_fragments):
        return in_order
    return as_fragments


def expected_correct(alignment: Alignment) -> float:
    """The expected number of right beads: confidences are calibrated probabilities."""
    return sum(b.score for b in alignment.pairs)


def _align(
    src: Sequence[str], tgt: Sequence[str], src_blocks: Sequence[int] | None, config: AlignConfig
) -> Alignment:
    """One alignment; with ``src_blocks``, each passage is located as a fragment first."""
    blocks = _group(src_blocks if src_blocks is not None else [0] * len(src))
    (ws, fs), (wt, ft) = _analysed(src), _analysed(tgt)
    bags = Bags.of(*_base_features(fs, ft, ws, wt, config))
    del fs, ft  # interned in ``bags``: the lists of strings are no longer needed (memory on a 100k book)
    ls = np.array([len(t) for t in src], dtype=np.float64)
    lt = np.array([len(t) for t in tgt], dtype=np.float64)
    guide: dict = {}
    vecs: list = []
    found = _pass(bags, ls, lt, blocks, config, None, guide, vecs)
    if config.bootstrap:
        base = bags
        bags = _with_lexicon(bags, ws, wt, found, config)
        learned = bags is not base
        del base, ws, wt  # the bags without the lexicon and the words are no longer needed
        found = _pass(bags, ls, lt, blocks, config, _ratio(found, ls, lt), guide, vecs,
                      config.one_sided_weight if learned else 1.0)
    pairs = [f for f in found if f.src and f.tgt]
    typical = float(np.median([f.sim for f in pairs] or [0.0]))
    margins = dict(zip(map(id, pairs), _margins(pairs, *vecs), strict=True)) if pairs else {}
    no_evidence = (config.no_evidence_share, config.no_evidence_cap)
    beads = [Bead(f.src, f.tgt, confidence(f.sim, typical, f.length, len(f.src), len(f.tgt), margins.get(id(f), 0.0),
                                           no_evidence)) for f in found]
    return Alignment(tuple(beads), len(src), len(tgt))


def _with_lexicon(bags: Bags, ws, wt, found: Sequence[Found], config: AlignConfig) -> Bags:
    """The base features plus ``l:`` features of an IBM Model 1 lexicon learned from ``found``.

    A source word gives ``l:<word>`` when the lexicon knows it; a target word gives
    ``l:<source word>`` for each source word it translates (t(t|s) ≥ ``lexicon_min_prob``), so a
    translated pair shares a feature: hunalign's dictionary similarity inside our cosine.
    """
    table = ibm1.learn(ws, wt, _seed_beads(found, config.seed_length), config)
    if not table:
        return bags
    names, ids, counts = ibm1.lexicon_features(ws, wt, table)
    return bags.plus(names, ids, counts)


def _group(block_ids: Sequence[int]) -> list[list[int]]:
    groups: dict[int, list[int]] = {}
    for i, b in enumerate(block_ids):
        groups.setdefault(b, []).append(i)
    return list(groups.values())


def _analysed(texts: Sequence[str]) -> tuple[list[list[str]], list[list[str]]]:
    """Words and features of each sentence (one tokenisation each; those analysed ahead taken as they are)."""
    get = _AHEAD.get
    pairs = [get(t) or analyse(t) for t in texts]
    return [p[0] for p in pairs], [p[1] for p in pairs]


# Sentences analysed ahead in this process for its next alignment (``analyse_ahead``): a
# memo of the pure ``analyse`` (a miss only means analysing again), emptied by that alignment.
_AHEAD: dict[str, tuple[list[str], list[str]]] = {}


def analyse_ahead(texts: Sequence[str]) -> int:
    """Analyse ``texts`` now for the next ``align_texts`` in this process; how many are held.

    The helper process of ``align run`` cuts the source into sentences while the job
    segments the target, then waits for it (a second at 100,000 sentences), and the job
    then labels the target's sentences with their languages: the two analyses that open
    an alignment (1.7 s there, read-only lists used as they are) are done in those waits
    (``align.pipeline``), so the alignment begins with its first pass.
    """
    for text in dict.fromkeys(texts):
        if text not in _AHEAD:
            _AHEAD[text] = analyse(text)
    return len(_AHEAD)


def _base_features(fs, ft, ws, wt, config: AlignConfig) -> tuple[list[list[str]], list[list[str]]]:
    """The sentences' own features plus the user dictionary's anchors."""
    if config.dictionary:
        idx_s = lexicon.phrase_index([words(s) for s, _ in config.dictionary])
        idx_t = lexicon.phrase_index([words(t) for _, t in config.dictionary])
        fs = [f + lexicon.dictionary_features(w, idx_s) for f, w in zip(fs, ws, strict=True)]
        ft = [f + lexicon.dictionary_features(w, idx_t) for f, w in zip(ft, wt, strict=True)]
    return fs, ft


def _pass(bags: Bags, ls, lt, blocks, config: AlignConfig, ratio: float | None, guide: dict, vecs: list,
          one_sided: float = 1.0) -> list[Found]:
    """One alignment of every passage; ``guide`` keeps each window's path for the next pass."""
    vecs.clear()  # the previous pass's vectors: freed before the new ones are built
    whole = len(blocks) == 1 and ls.sum() >= config.whole_share * lt.sum()
    s_vec, t_vec = embed_bags(bags, config.dims, one_sided if whole else 1.0)
    vecs[:] = [s_vec, t_vec]
    m = len(t_vec)
    best_j = best_c = np.zeros(0)
    if whole or m == 0:
        windows = [fragments.Window(tuple(b), 0, m, 1.0) for b in blocks]
    else:
        best_j, best_c = fragments.best_matches(s_vec, t_vec)
        windows = fragments.locate(blocks, best_j, best_c, m)
        if ratio is None:
            ratio = _pair_ratio(best_j, best_c, ls, lt)
    if ratio is None:
        ratio = float(lt.sum() / max(ls.sum(), 1.0))
    w = Weights.of(config, max(ratio, 0.1))
    end_cost = config.skip_cost if whole else config.fragment_end_cost
    taken = np.zeros(m, dtype=bool)
    found: list[Found] = []
    for win in windows:
        a, b = (0, m) if whole else fragments.free_part(win, taken, best_j, best_c)
        beads = _align_window(list(win.src), a, b, s_vec, t_vec, ls, lt, w, end_cost, config, taken, guide)
        if not whole:
            beads = _extend_edges(beads, s_vec, t_vec, ls, lt, w.ratio, taken, config)
        beads = _split_strays(beads, s_vec, t_vec, ls, lt, w.ratio, taken, config)
        found += beads if whole else _pair_edge_drops(beads, s_vec, t_vec, ls, lt, w, taken)
    found += [Found((), (j,)) for j in np.flatnonzero(~taken)]
    return found


def _align_window(idx, a, b, s_vec, t_vec, ls, lt, w: Weights, end_cost, config, taken, guide) -> list[Found]:
    whole = idx == list(range(len(s_vec)))  # the whole source: a view, not a copy (200 MB at 100k)
    src_side = Side.build(s_vec if whole else s_vec[idx], ls if whole else ls[idx])
    src_side, tgt_side = with_centres(src_side, Side.build(t_vec[a:b], lt[a:b]))
    out = []
    end_open = 0.0 if end_cost >= w.skip else config.fragment_end_open
    key = (idx[0] if idx else -1, len(idx), a, b)
    path = search(src_side, tgt_side, w, end_cost, config.max_bead, end_open, guide.get(key))
    guide[key] = path
    terms = _path_terms(src_side, tgt_side, path, w.ratio)
    for (i0, i1, j0, j1), (sim, lc) in zip(path, terms, strict=True):
        if i1 == i0:
            continue  # target skipped here: it stays free for other passages
        s_ids, t_ids = tuple(idx[i0:i1]), tuple(range(a + j0, a + j1))
        if j1 == j0:
            out += [Found((i,), ()) for i in s_ids]
            continue
        taken[list(t_ids)] = True
        out.append(Found(s_ids, t_ids, sim, lc))
    return out


def _path_terms(src_side: Side, tgt_side: Side, path: list[tuple], ratio: float) -> list[tuple[float, float]]:
    """(cosine, length cost) of every bead of a path, one vectorised call per bead type."""
    out = [(0.0, 0.0)] * len(path)
    kinds: dict = {}
    for k, (i0, i1, j0, j1) in enumerate(path):
        if i1 > i0 and j1 > j0:
            kinds.setdefault((i1 - i0, j1 - j0), []).append(k)
    for (di, dj), ks in kinds.items():
        i = np.array([path[k][1] for k in ks])
        j = np.array([path[k][3] for k in ks])
        sim, lc = bead_terms(src_side, tgt_side, None, i, j, di, dj, ratio)
        for k, a, b in zip(ks, sim.tolist(), lc.tolist(), strict=True):
            out[k] = (a, b)
    return out


def _pair_edge_drops(beads: list[Found], s_vec, t_vec, ls, lt, w: Weights, taken) -> list[Found]:
    """Pair a fragment's edge 1-0 bead with the free target sentence beside the fragment.

    A passage's window comes from its sentences' votes; a heading with no shared evidence
    (the sample's ``Looking ahead`` / ``Et demain``) casts no vote, so its translation may
    fall just outside the window and the search can only drop it. Inside the window the
    search would have paired them when the 1-1 cost is below a drop; the same test here.
    """
    pairs = [f for f in beads if f.src and f.tgt]
    if not pairs:
        return beads
    first, last = min(pairs, key=lambda f: f.src[0]), max(pairs, key=lambda f: f.src[-1])
    drops = {f.src[0]: k for k, f in enumerate(beads) if f.src and not f.tgt}
    for i, j in ((first.src[0] - 1, first.tgt[0] - 1), (last.src[-1] + 1, last.tgt[-1] + 1)):
        if i not in drops or not 0 <= j < len(taken) or taken[j]:
            continue
        sim, lc = _terms((i,), (j,), s_vec, t_vec, ls, lt, w.ratio)
        if w.similarity * (1.0 - sim) + w.length * lc < w.drop:
            taken[j] = True
            beads[drops[i]] = Found((i,), (j,), sim, lc)
    return beads


def _extend_edges(beads: list[Found], s_vec, t_vec, ls, lt, ratio: float, taken, config: AlignConfig) -> list[Found]:
    """Give a fragment's first/last bead the free target sentence beside it when that helps.

    Inside a fragment a 1-2 bead competes with a 1-1 bead plus a 0-1; at the fragment's
    edge the 0-1 is (nearly) free, so the search cuts a 1-2 bead in two (the sample's
    ``Veltrane was founded in 2019…`` → two French sentences). The neighbour joins the
    bead only if it makes the bead more similar without spoiling its length fit, or fits
    the length much better while keeping the similarity.
    """
    pairs = [k for k, f in enumerate(beads) if f.src and f.tgt]
    for k, step in ((pairs[0], -1), (pairs[-1], 1)) if pairs else ():
        f = beads[k]
        j = f.tgt[0] - 1 if step < 0 else f.tgt[-1] + 1
        if not 0 <= j < len(taken) or taken[j] or len(f.tgt) >= config.max_bead:
            continue
        tgt = tuple(sorted((*f.tgt, j)))
        sim, lc = _terms(f.src, tgt, s_vec, t_vec, ls, lt, ratio)
        gain, length = config.edge_gain, config.edge_length
        more_alike = sim > f.sim + gain and lc <= f.length + length
        better_length = sim >= f.sim - gain / 2 and lc < f.length - length / 2
        if more_alike or better_length:
            taken[j] = True
            beads[k] = Found(f.src, tgt, sim, lc)
    return beads


def _split_strays(beads: list[Found], s_vec, t_vec, ls, lt, ratio: float, taken, config: AlignConfig) -> list[Found]:
    """Cut a short edge sentence out of a multi-sentence bead when the bead fits better without it.

    A dropped sentence (the sample's ``It paid the salaries.``) costs a 1-0 bead, which the
    search avoids by gluing it to a neighbour; if the bead without it is both more similar
    and better matched in length, the sentence was not translated there.
    """
    out: list[Found] = []
    for f in beads:
        wide = f.src and f.tgt and len(f.src) + len(f.tgt) > 2
        cut = _stray(f, s_vec, t_vec, ls, lt, ratio, config) if wide else None
        if cut is None:
            out.append(f)
            continue
        kept, side, index = cut
        out.append(kept)
        if side == "src":
            out.append(Found((index,), ()))
        else:
            taken[index] = False
    return out


def _stray(f: Found, s_vec, t_vec, ls, lt, ratio: float, config: AlignConfig):
    options = []
    if len(f.src) > 1:
        options += [(f.src[1:], f.tgt, "src", f.src[0]), (f.src[:-1], f.tgt, "src", f.src[-1])]
    if len(f.tgt) > 1:
        options += [(f.src, f.tgt[1:], "tgt", f.tgt[0]), (f.src, f.tgt[:-1], "tgt", f.tgt[-1])]
    for src, tgt, side, index in options:
        short = (ls if side == "src" else lt)[index] < config.stray_share * (ls[list(f.src)].sum() if side == "src"
                                                                       else lt[list(f.tgt)].sum())
        if not short:  # tested first: the bead's terms are computed only for a short edge sentence
            continue
        sim, lc = _terms(src, tgt, s_vec, t_vec, ls, lt, ratio)
        if sim > f.sim * (1 + config.stray_gain) and lc < f.length - config.stray_length:
            return Found(src, tgt, sim, lc), side, index
    return None


def _terms(src_ids, tgt_ids, s_vec, t_vec, ls, lt, ratio: float) -> tuple[float, float]:
    """(cosine, length cost) of one bead given by sentence indices."""
    a, b = s_vec[list(src_ids)].sum(axis=0), t_vec[list(tgt_ids)].sum(axis=0)
    den = np.sqrt((a @ a) * (b @ b))  # numpy scalars in the vectors' precision, as ``cosine`` computes
    sim = float((a @ b) / den) if den > 0 else 0.0
    lc = length_cost_one(float(sum(ls[i] for i in src_ids)), float(sum(lt[j] for j in tgt_ids)), ratio)
    return sim, lc


def _margins(pairs: Sequence[Found], s_vec: np.ndarray, t_vec: np.ndarray) -> np.ndarray:
    """How much a bead's first sentences match each other better than their neighbours.

    cos(s_i, t_j) − max cos of (s_i, t_j±1) and (s_i±1, t_j): a bead whose sentences match
    their neighbours as well as each other is ambiguous (a weak point for the confidence).
    """
    norm_s = np.sqrt(np.einsum("ij,ij->i", s_vec, s_vec)) + 1e-9
    norm_t = np.sqrt(np.einsum("ij,ij->i", t_vec, t_vec)) + 1e-9
    i = np.array([f.src[0] for f in pairs])
    j = np.array([f.tgt[0] for f in pairs])

    def cos(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        ok = (a >= 0) & (a < len(s_vec)) & (b >= 0) & (b < len(t_vec))
        a, b = np.clip(a, 0, len(s_vec) - 1), np.clip(b, 0, len(t_vec) - 1)
        dots = np.concatenate([np.einsum("ij,ij->i", s_vec[a[k:k + 8192]], t_vec[b[k:k + 8192]])
                               for k in range(0, len(a), 8192)] or [np.zeros(0)])  # no N x dims copy
        return np.where(ok, dots / norm_s[a] / norm_t[b], -1.0)

    rivals = np.max([cos(i, j - 1), cos(i, j + 1), cos(i - 1, j), cos(i + 1, j)], axis=0)
    return cos(i, j) - rivals


def _seed_beads(found: Sequence[Found], seed_length: float) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """The first pass's 1-1 beads that fit the length model: the seed of the lexicon.

    All of them, not only the more similar half (the Dice lexicon's seed): EM tolerates
    wrong pairs, and a 150-sentence document has few beads to spare (held-out dev pieces).
    """
    return [(f.src, f.tgt) for f in found if len(f.src) == len(f.tgt) == 1 and f.length < seed_length]


def _ratio(found: Sequence[Found], ls: np.ndarray, lt: np.ndarray) -> float | None:
    """Target characters per source character over the non-null beads of a first pass."""
    ls_, lt_ = ls.tolist(), lt.tolist()  # plain floats: the same sums, without a numpy call per bead
    s = sum(sum(ls_[i] for i in f.src) for f in found if f.src and f.tgt)
    t = sum(sum(lt_[j] for j in f.tgt) for f in found if f.src and f.tgt)
    return float(t / s) if s > 0 and t > 0 else None


def _pair_ratio(best_j, best_c, ls, lt) -> float | None:
    """Length ratio of each source sentence's best match, over the better-matched half."""
    if len(best_c) == 0:
        return None
    good = best_c >= np.median(best_c)
    ratios = lt[best_j[good]] / np.maximum(ls[good], 1.0)
    return float(np.median(ratios)) if len(ratios) else None


__all__ = ["Found", "align_texts"]
