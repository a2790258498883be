"""Locate source passages (fragments) in the target before aligning inside them.

A user's source file may hold only some passages of the original, in any order (the sample's
first passage is the end of the article). Each passage is located by *diagonal voting*: each
of its sentences votes for the target start its best lexical match implies (target index
minus the sentence's offset in the passage), weighted by the match's similarity; the
weighted median start wins. Passages are then aligned inside their windows, best located
first, each window cut down to target sentences no earlier passage claimed; whatever no
passage claims stays unaligned (0-1), never forced into a bead.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

CHUNK = 2048


@dataclass(frozen=True)
class Window:
    """Where a passage (source indices ``src``) is expected in the target, and how surely."""

    src: tuple[int, ...]
    start: int
    stop: int
    strength: float


def best_matches(src_vec: np.ndarray, tgt_vec: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each source sentence, its most similar target sentence and the cosine (BLAS, chunked)."""
    tn = np.sqrt(np.einsum("ij,ij->i", tgt_vec, tgt_vec)) + 1e-9
    best_j = np.zeros(len(src_vec), dtype=np.int64)
    best_c = np.zeros(len(src_vec))
    for a in range(0, len(src_vec), CHUNK):
        s = src_vec[a:a + CHUNK]
        sn = np.sqrt(np.einsum("ij,ij->i", s, s)) + 1e-9
        cos = (s @ tgt_vec.T) / sn[:, None] / tn[None, :]
        best_j[a:a + CHUNK] = cos.argmax(axis=1)
        best_c[a:a + CHUNK] = cos.max(axis=1)
    return best_j, best_c


def locate(blocks: list[list[int]], best_j: np.ndarray, best_c: np.ndarray, m: int) -> list[Window]:
    """One window per passage, strongest evidence first."""
    out = []
    for idx in blocks:
        k = np.arange(len(idx))
        votes = best_j[idx] - k
        weights = np.maximum(best_c[idx], 0.0) ** 2 + 1e-6
        start = int(_weighted_median(votes, weights))
        n = len(idx)
        lo, hi = max(0, start - n // 2 - 3), min(m, start + 2 * n + 3)
        out.append(Window(tuple(idx), lo, max(hi, lo), float(np.mean(best_c[idx]))))
    return sorted(out, key=lambda w: -w.strength)


def _weighted_median(values: np.ndarray, weights: np.ndarray) -> float:
    order = np.argsort(values, kind="stable")
    cum = np.cumsum(weights[order])
    return float(values[order][np.searchsorted(cum, cum[-1] / 2.0)])


def free_part(window: Window, taken: np.ndarray, best_j: np.ndarray, best_c: np.ndarray,
              budget: int = 4_000_000) -> tuple[int, int]:
    """The run of unclaimed target sentences to align the passage in.

    A small passage is searched over the whole free run its sentences' best matches vote
    for (exact: the semi-global DP then finds it); a large one only inside its located
    window, so that the cost stays linear.
    """
    m = len(taken)
    lo, hi = (0, m) if len(window.src) * m <= budget else (window.start, window.stop)
    runs = _free_runs(taken, lo, hi)
    if not runs:
        return lo, lo
    idx = list(window.src)
    votes = [float((np.maximum(best_c[idx], 0) ** 2 * ((best_j[idx] >= a) & (best_j[idx] < b))).sum())
             for a, b in runs]
    return runs[int(np.argmax(votes))]


def _free_runs(taken: np.ndarray, lo: int, hi: int) -> list[tuple[int, int]]:
    free = np.concatenate([[False], ~taken[lo:hi], [False]]).astype(np.int8)
    edges = np.flatnonzero(np.diff(free))
    return [(lo + int(a), lo + int(b)) for a, b in zip(edges[::2], edges[1::2], strict=True)]
