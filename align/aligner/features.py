"""Evidence that needs no external resource, as hashed sparse-feature vectors.

Each sentence becomes a bag of features that a translation tends to keep (Simard, Foster &
Isabelle 1992; Melamed 1999): identical tokens (numbers with their separators removed, so
``1,200`` = ``1 200``; names; acronyms; URLs), the punctuation signature (``? ! :`` and
quotes), cognates as 4-letter prefixes of accent-stripped words, learned lexicon entries and
user dictionary anchors. Features are weighted by inverse document frequency and hashed
with random signs into a fixed number of dimensions (Weinberger et al. 2009), so that the
similarity of a bead of several sentences is the cosine of summed vectors (as Vecalign
embeds concatenations) and memory stays linear in the number of sentences.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections.abc import Iterable, Sequence
from functools import lru_cache

import numpy as np

_TOKEN = re.compile(
    r"https?://\S+|www\.\S+|\S+@\S+\.\w+"  # URLs and e-mail addresses
    r"|\d{1,3}(?:[\u00a0\u202f ,.]\d{3})+(?!\d)|\d+(?:[.,]\d+)?"  # 1,200 / 1 200 / 3.5 / 3,5
    r"|[^\W\d_]+(?:[-'’][^\W\d_]+)*"  # words
    r"|[?!:;\"«»“”„()%$€]"
)
_PUNCT = {"?": "?", "!": "!", ":": ":", ";": ";", "(": "(", ")": "(", "%": "%", "$": "$", "€": "$"}
_QUOTES = set("\"«»“”„")
PREFIX = 4  # Simard et al. 1992: words sharing their first 4 letters are cognate candidates


@lru_cache(maxsize=1 << 18)
def fold(word: str) -> str:
    """Lower case without accents: ``Économie`` → ``economie``."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    """Folded word tokens (for the bootstrapped lexicon and dictionary anchors)."""
    return [fold(t) for t in _TOKEN.findall(text) if t[0].isalpha()]


def sentence_features(text: str) -> list[str]:
    """The resource-free features of one sentence (see the module docstring)."""
    out: list[str] = []
    for tok in _TOKEN.findall(text):
        out.extend(_token_features(tok))
    return out


@lru_cache(maxsize=1 << 18)
def _token_features(tok: str) -> tuple[str, ...]:
    first = tok[0]
    if first.isdigit():
        return ("n:" + re.sub(r"\D", "", tok),)
    if tok in _QUOTES:
        return ("p:q",)
    if tok in _PUNCT:
        return ("p:" + _PUNCT[tok],)
    if first.isalpha():
        return tuple(_word_features(tok))
    return ("u:" + tok.lower(),)


def _word_features(tok: str) -> list[str]:
    low = fold(tok)
    feats = []
    if len(low) >= PREFIX:
        feats.append("c:" + low[:PREFIX])
    if (tok[0].isupper() and len(tok) > 1) or len(low) >= 6:  # names, acronyms, long words
        feats.append("x:" + low)
    return feats


def _slot(feature: str, dim: int) -> tuple[int, float]:
    h = zlib.crc32(feature.encode("utf-8"))
    return h % dim, 1.0 if (h >> 31) & 1 else -1.0


def idf(feature_lists: Iterable[Sequence[str]]) -> dict[str, float]:
    """log(N / df) over all sentences of both sides: shared function-like features weigh little."""
    df: dict[str, int] = {}
    n = 0
    for feats in feature_lists:
        n += 1
        for f in set(feats):
            df[f] = df.get(f, 0) + 1
    return {f: float(np.log((n + 1) / c)) for f, c in df.items()}


def vectors(feature_lists: Sequence[Sequence[str]], weights: dict[str, float], dim: int) -> np.ndarray:
    """Hashed, signed, IDF-weighted bags (rows) as a dense float32 matrix."""
    cache: dict[str, tuple[int, float]] = {}
    rows, cols, vals = [], [], []
    for r, feats in enumerate(feature_lists):
        for f in feats:
            slot = cache.get(f)
            if slot is None:
                slot = cache[f] = _slot(f, dim)
            rows.append(r)
            cols.append(slot[0])
            vals.append(slot[1] * weights.get(f, 0.0))
    flat = np.asarray(rows, dtype=np.int64) * dim + np.asarray(cols, dtype=np.int64)
    sums = np.bincount(flat, weights=np.asarray(vals, dtype=np.float64), minlength=len(feature_lists) * dim)
    return sums.astype(np.float32).reshape(len(feature_lists), dim)
