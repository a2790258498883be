"""A translation lexicon bootstrapped from the text itself, and user dictionary anchors.

First pass → confident 1-1 beads → Dice co-occurrence over those beads (Smadja et al.
1996; Melamed 2000's competitive linking in its simplest form: each target word keeps its
best source word) → features for the second pass. Counting is vectorised with numpy, so a
100,000-bead book is counted in about a second rather than a Python double loop.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

MIN_COUNT = 2  # a pair seen once is chance
MIN_DICE = 0.3  # Dice below this is mostly co-occurrence of frequent words
MAX_SEEDS = 10_000  # beads counted: enough for a lexicon, and memory stays bounded on a 100k book


def learn(src_words: Sequence[Sequence[str]], tgt_words: Sequence[Sequence[str]],
          pairs: Sequence[tuple[int, int]]) -> dict[str, str]:
    """target word → source word, from the (source, target) sentence pairs given."""
    if len(pairs) < 10:
        return {}
    if len(pairs) > MAX_SEEDS:
        pairs = [pairs[k] for k in np.linspace(0, len(pairs) - 1, MAX_SEEDS).astype(int)]
    vs: dict[str, int] = {}
    vt: dict[str, int] = {}
    s_ids = [np.unique([vs.setdefault(w, len(vs)) for w in src_words[i]]).astype(np.int64) for i, _ in pairs]
    t_ids = [np.unique([vt.setdefault(w, len(vt)) for w in tgt_words[j]]).astype(np.int64) for _, j in pairs]
    ns = np.array([len(x) for x in s_ids])
    nt = np.array([len(x) for x in t_ids])
    if not ns.sum() or not nt.sum():
        return {}
    s_flat, t_flat = np.concatenate(s_ids), np.concatenate(t_ids)
    c_s = np.bincount(s_flat, minlength=len(vs))
    c_t = np.bincount(t_flat, minlength=len(vt))
    uniq, counts = _pair_counts(s_ids, t_ids, len(vt))
    si, ti = uniq // len(vt), uniq % len(vt)
    dice = 2 * counts / (c_s[si] + c_t[ti])
    keep = (counts >= MIN_COUNT) & (dice >= MIN_DICE)
    return _best_per_target(si[keep], ti[keep], dice[keep], vs, vt)


def _pair_counts(s_ids: list, t_ids: list, n_tgt: int, chunk: int = 1000) -> tuple[np.ndarray, np.ndarray]:
    """Counts of every (source word, target word) code over the beads, a chunk of beads at a
    time (vectorised inside a chunk; chunked so memory stays bounded)."""
    parts_u, parts_c = [], []
    for a in range(0, len(s_ids), chunk):
        ns = np.array([len(x) for x in s_ids[a:a + chunk]])
        nt = np.array([len(x) for x in t_ids[a:a + chunk]])
        if not ns.sum() or not nt.sum():
            continue
        s_flat, t_flat = np.concatenate(s_ids[a:a + chunk]), np.concatenate(t_ids[a:a + chunk])
        rep = np.repeat(nt, ns)
        s_rep = np.repeat(s_flat, rep)
        t_start = np.repeat(np.repeat(np.cumsum(nt) - nt, ns), rep)
        within = np.arange(len(s_rep)) - np.repeat(np.cumsum(rep) - rep, rep)
        u, c = np.unique(s_rep * n_tgt + t_flat[t_start + within], return_counts=True)
        parts_u.append(u)
        parts_c.append(c)
    if not parts_u:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    uniq, inverse = np.unique(np.concatenate(parts_u), return_inverse=True)
    return uniq, np.bincount(inverse, weights=np.concatenate(parts_c)).astype(np.int64)


def _best_per_target(si, ti, dice, vs, vt) -> dict[str, str]:
    src_names = {v: k for k, v in vs.items()}
    tgt_names = {v: k for k, v in vt.items()}
    order = np.lexsort((-dice, ti))
    first = np.ones(len(order), dtype=bool)
    first[1:] = ti[order][1:] != ti[order][:-1]
    return {tgt_names[int(t)]: src_names[int(s)] for s, t in zip(si[order][first], ti[order][first], strict=True)}


def lexicon_features(words: Sequence[str], table: dict[str, str]) -> list[str]:
    """``l:<source word>``: on the source side for known source words, on the target side
    for each target word's learned partner (so a translated pair shares one feature)."""
    return ["l:" + table[w] for w in words if w in table]


def phrase_index(phrases: Sequence[Sequence[str]]) -> dict[str, list[tuple[tuple[str, ...], int]]]:
    """Dictionary phrases (folded word tuples) indexed by their first word."""
    index: dict[str, list[tuple[tuple[str, ...], int]]] = {}
    for k, phrase in enumerate(phrases):
        if phrase:
            index.setdefault(phrase[0], []).append((tuple(phrase), k))
    return index


def dictionary_features(words: Sequence[str], index: dict[str, list[tuple[tuple[str, ...], int]]]) -> list[str]:
    """``g:<k>`` for each user dictionary / glossary entry ``k`` found in the sentence."""
    out = []
    for i, w in enumerate(words):
        for phrase, k in index.get(w, ()):
            if tuple(words[i:i + len(phrase)]) == phrase:
                out.append(f"g:{k}")
    return out
