"""A translation lexicon by IBM Model 1 (Brown et al. 1993), fitted with numpy EM.

The seed is the first pass's confident beads (hunalign's and Moore 2002's bootstrap). Every
(source word, target word) co-occurrence in a bead is one row of a flat array, so an EM
iteration is a handful of ``bincount`` calls rather than NLTK's pure-Python double loop
(nltk.translate.IBMModel1 takes minutes on a book; this takes well under a second).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import chain, repeat

import numpy as np

from align.aligner.features import unique
from align.config import AlignConfig


def learn(src_words: Sequence[Sequence[str]], tgt_words: Sequence[Sequence[str]],
          pairs: Sequence[tuple[Sequence[int], Sequence[int]]],
          config: AlignConfig = AlignConfig()) -> dict[str, tuple[str, ...]]:
    """target word → the source words it translates (t(t|s) ≥ ``lexicon_min_prob``), from seed beads.

    The ``lexicon_*`` fields of ``config`` bound the seed, the rows and what is kept.
    """
    if len(pairs) < 10:
        return {}
    if len(pairs) > config.lexicon_max_seeds:  # evenly spread over the book, so memory stays bounded
        pairs = [pairs[k] for k in np.linspace(0, len(pairs) - 1, config.lexicon_max_seeds).astype(int)]
    vs: dict[str, int] = {"": 0}  # 0 is NULL: a target word may translate nothing
    vt: dict[str, int] = {}
    s_ids, t_ids = [], []
    for si, ti in pairs:
        s_ids.append(np.array([0] + [vs.setdefault(w, len(vs)) for i in si for w in src_words[i]], dtype=np.int64))
        t_ids.append(np.array([vt.setdefault(w, len(vt)) for j in ti for w in tgt_words[j]], dtype=np.int64))
    ns = np.array([len(x) for x in s_ids])
    nt = np.array([len(x) for x in t_ids])
    keep = np.cumsum(ns * nt) <= config.lexicon_max_cells
    if not nt[keep].sum():
        return {}
    s_ids = [x for x, k in zip(s_ids, keep, strict=True) if k]
    t_ids = [x for x, k in zip(t_ids, keep, strict=True) if k]
    ns, nt = ns[keep], nt[keep]
    s_rows, t_rows, tok = _cross(s_ids, t_ids, ns, nt)
    prob = _em(s_rows, t_rows, tok, len(vs), len(vt), config.lexicon_iterations)
    c_s = np.bincount(np.concatenate(s_ids), minlength=len(vs))
    c_t = np.bincount(np.concatenate(t_ids), minlength=len(vt))
    min_count = config.lexicon_min_count
    good = (prob >= config.lexicon_min_prob) & (s_rows > 0) & (c_s[s_rows] >= min_count) & (c_t[t_rows] >= min_count)
    del tok
    pairs_u, first = unique(s_rows[good].astype(np.int64) * len(vt) + t_rows[good], return_index=True)
    order = np.argsort(-prob[good][first], kind="stable")  # most probable first
    src_names = list(vs)
    tgt_names = list(vt)
    table: dict[str, list[str]] = {}
    for code in pairs_u[order].tolist():
        sources = table.setdefault(tgt_names[code % len(vt)], [])
        if len(sources) < config.lexicon_max_sources:
            sources.append(src_names[code // len(vt)])
    return {t: tuple(sorted(s)) for t, s in table.items()}


def _cross(s_ids: list, t_ids: list, ns: np.ndarray, nt: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every (source word, target token) pair of every bead; ``tok`` numbers the target tokens.

    int32 throughout (``lexicon_max_cells`` rows fit): on a 7,000-sentence book these arrays held 2.7
    million rows, and int64 copies of them were the peak of the whole run's memory.
    """
    s_flat = np.concatenate(s_ids).astype(np.int32)
    t_flat = np.concatenate(t_ids).astype(np.int32)
    per_tok = np.repeat(ns, nt)  # each target token pairs with its bead's source words
    tok = np.repeat(np.arange(len(t_flat), dtype=np.int32), per_tok)
    # row r of target token k reads source word (bead's source start) + (r − k's first row)
    shift = (np.repeat(np.cumsum(ns) - ns, nt) - (np.cumsum(per_tok) - per_tok)).astype(np.int32)
    pos = np.arange(len(tok), dtype=np.int32)
    pos += shift[tok]
    s_rows = s_flat[pos]
    del pos
    return s_rows, t_flat[tok], tok


def _em(s_rows: np.ndarray, t_rows: np.ndarray, tok: np.ndarray, n_s: int, n_t: int, iterations: int) -> np.ndarray:
    """t(t|s) for each row after EM from uniform, over the distinct (s, t) pairs seen."""
    codes, inverse = unique(s_rows.astype(np.int64) * n_t + t_rows, return_inverse=True)
    pair_s = codes // n_t
    t = np.full(len(codes), 1.0 / max(n_t, 1))
    for _ in range(iterations):
        p = t[inverse]
        z = np.bincount(tok, weights=p)  # normaliser per target token
        p /= z[tok]
        counts = np.bincount(inverse, weights=p, minlength=len(codes))
        del p
        total = np.bincount(pair_s, weights=counts, minlength=n_s)
        t = counts / np.maximum(total[pair_s], 1e-300)
    return t[inverse]


def lexicon_features(src_words: Sequence[Sequence[str]], tgt_words: Sequence[Sequence[str]],
                     table: dict[str, tuple[str, ...]]) -> tuple[list[str], np.ndarray, np.ndarray]:
    """The ``l:`` features of every sentence (source sentences first), for ``Bags.plus``.

    A source word gives ``l:<word>`` when the lexicon knows it; a target word gives
    ``l:<source word>`` for each source word it translates, in the table's order. Returns
    (feature names, their indices sentence after sentence, features per sentence): one
    ``map`` per side over the words, the rest numpy (lists of new strings per sentence were
    4 s and 100 MB on a 100k book).
    """
    sources = list(dict.fromkeys(chain.from_iterable(table.values())))
    index = {w: k for k, w in enumerate(sources)}
    per_source = [np.array([index[s] for s in table[t]], dtype=np.int64) for t in table]
    row_of = {t: k for k, t in enumerate(table)}
    row_len = np.array([len(r) for r in per_source] + [0], dtype=np.int64)  # the last row: no entry
    row_start = np.concatenate([[0], np.cumsum(row_len)])
    items = np.concatenate([*per_source, np.zeros(0, dtype=np.int64)])
    out_ids, out_counts = [], []
    for words, lookup in ((src_words, index), (tgt_words, row_of)):
        n_words = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
        flat = chain.from_iterable(words)
        code = np.fromiter(map(lookup.get, flat, repeat(-1)), dtype=np.int64, count=int(n_words.sum()))
        sentence = np.repeat(np.arange(len(words)), n_words)
        if lookup is index:  # a known source word is its own feature
            keep = code >= 0
            out_ids.append(code[keep])
            out_counts.append(np.bincount(sentence[keep], minlength=len(words)))
            continue
        code[code < 0] = len(row_len) - 1
        k = row_len[code]  # features of each target word
        out_ids.append(items[np.repeat(row_start[code], k) + _ranks(k)])
        out_counts.append(np.bincount(sentence, weights=k, minlength=len(words)).astype(np.int64))
    return ["l:" + w for w in sources], np.concatenate(out_ids), np.concatenate(out_counts)


def _ranks(k: np.ndarray) -> np.ndarray:
    """0..k[i]-1 for each i, concatenated."""
    total = int(k.sum())
    return np.arange(total) - np.repeat(np.cumsum(k) - k, k)
