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
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain

import numpy as np

_TOKEN = re.compile(
    r"https?://\S+|www\.\S+|\S+@\S+\.\w+"  # URLs and e-mail addresses
    r"|\d{1,3}(?:[\u00a0\u202f ,.]\d{3})+(?!\d)|\d+(?:[.,]\d+)?"  # 1,200 / 1 200 / 3.5 / 3,5
    r"|[^\W\d_]+(?:[-'’][^\W\d_]+)*"  # words
    r"|[?!:;\"«»“”„()%$€]"
)
# The same tokens where no URL or e-mail address can occur (no "http", "www." or "@"): the
# address alternatives, tried at every position, were a third of the tokeniser's time.
_TOKEN_PLAIN = re.compile(_TOKEN.pattern.split("|", 3)[3])
_PUNCT = {"?": "?", "!": "!", ":": ":", ";": ";", "(": "(", ")": "(", "%": "%", "$": "$", "€": "$"}
_QUOTES = set("\"«»“”„")
CHUNK = 2048  # sentences summed at a time (a float64 buffer of CHUNK x dim: 8 MB at 512)
KIND_WEIGHT: dict = {}
ONE_SIDED_KINDS = {'x:', 'c:', 'n:', 'p:', 'l:', 'g:', 'u:'}
PREFIX = 4  # Simard et al. 1992: words sharing their first 4 letters are cognate candidates


@lru_cache(maxsize=1 << 18)
def fold(word: str) -> str:
    """Lower case without accents: ``Économie`` → ``economie``."""
    if word.isascii():  # nothing to decompose (most English words): the same result, 20 times faster
        return word.lower()
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_DIGIT = re.compile(r"\d")
_CHUNKS: dict[str, list[str]] = {}  # a whitespace-free chunk that is not one word → its tokens
_CHUNKS_MAX = 1 << 16


def tokens(text: str) -> list[str]:
    """``_TOKEN.findall(text)``, cheaper where it can be.

    Without an address (no ``http``, ``www.``, ``@``) the address patterns cannot match; without
    a digit no token spans white space (only ``1 200`` does), so the text's tokens are its
    white-space separated chunks' tokens, and a chunk of letters only is one word. The regex
    then runs only on the other chunks (``word,``, ``l'homme``), each remembered.
    """
    if "@" in text or "http" in text or "www." in text:
        return _TOKEN.findall(text)
    if _DIGIT.search(text):
        return _TOKEN_PLAIN.findall(text)
    out: list[str] = []
    for chunk in text.split():
        if chunk.isalpha():
            out.append(chunk)
            continue
        hit = _CHUNKS.get(chunk)
        if hit is None:
            if len(_CHUNKS) >= _CHUNKS_MAX:
                _CHUNKS.clear()
            hit = _CHUNKS[chunk] = _TOKEN_PLAIN.findall(chunk)
        out += hit
    return out


def words(text: str) -> list[str]:
    """Folded word tokens (for the bootstrapped lexicon and dictionary anchors)."""
    return [fold(t) for t in tokens(text) if t[0].isalpha()]


def analyse(text: str) -> tuple[list[str], list[str]]:
    """(``words(text)``, ``sentence_features(text)``) from one tokenisation (half the regex work)."""
    ws: list[str] = []
    feats: list[str] = []
    get = _ANALYSED.get
    for tok in tokens(text):
        hit = get(tok)
        if hit is None:
            hit = _analyse_token(tok)
        feats.extend(hit[0])
        if hit[1] is not None:
            ws.append(hit[1])
    return ws, feats


_ANALYSED: dict[str, tuple[tuple[str, ...], str | None]] = {}  # token → (features, folded word or None)
_ANALYSED_MAX = 1 << 18


def _analyse_token(tok: str) -> tuple[tuple[str, ...], str | None]:
    """One token's features and folded word, remembered (a book repeats its tokens: one dict
    lookup per token instead of two cached calls; a fifth of a 7,000-sentence run was here)."""
    if len(_ANALYSED) >= _ANALYSED_MAX:
        _ANALYSED.clear()
    hit = (_token_features(tok), fold(tok) if tok[0].isalpha() else None)
    _ANALYSED[tok] = hit
    return hit


def sentence_features(text: str) -> list[str]:
    """The resource-free features of one sentence (see the module docstring)."""
    out: list[str] = []
    for tok in tokens(text):
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


@lru_cache(maxsize=1 << 18)  # both passes hash mostly the same vocabulary
def _slot(feature: str, dim: int) -> tuple[int, float]:
    h = zlib.crc32(feature.encode("utf-8"))
    return h % dim, 1.0 if (h >> 31) & 1 else -1.0


@dataclass(frozen=True)
class Bags:
    """Every sentence's features as interned ids, source sentences first (CSR: ``ids`` flat,
    ``counts`` per sentence). Built once per alignment: the lexicon pass adds its features to
    these ids instead of tokenising, listing and interning every feature again."""

    vocab: dict[str, int]
    ids: np.ndarray  # int32, one per feature occurrence, sentence after sentence
    counts: np.ndarray  # int64, features per sentence
    n_src: int

    @classmethod
    def of(cls, src: Sequence[Sequence[str]], tgt: Sequence[Sequence[str]]) -> Bags:
        lists = list(src) + list(tgt)
        vocab = {f: k for k, f in enumerate(dict.fromkeys(chain.from_iterable(lists)))}
        counts = np.fromiter(map(len, lists), dtype=np.int64, count=len(lists))
        ids = np.fromiter(map(vocab.__getitem__, chain.from_iterable(lists)), dtype=np.int32, count=int(counts.sum()))
        return cls(vocab, ids, counts, len(src))

    def plus(self, names: Sequence[str], ids: np.ndarray, counts: np.ndarray) -> Bags:
        """Each sentence's features followed by its ``counts[r]`` extra features (``ids`` index
        ``names``), in the order a list ``features + extras`` would hold them."""
        vocab = dict(self.vocab)
        code = np.array([vocab.setdefault(x, len(vocab)) for x in names], dtype=np.int32)
        total = self.counts + counts
        out_start = np.cumsum(total) - total
        merged = np.empty(int(total.sum()), dtype=np.int32)
        merged[np.arange(len(self.ids)) + np.repeat(out_start - (np.cumsum(self.counts) - self.counts),
                                                    self.counts)] = self.ids
        merged[np.arange(len(ids)) + np.repeat(out_start + self.counts - (np.cumsum(counts) - counts),
                                               counts)] = code[ids] if len(ids) else ids
        return Bags(vocab, merged, total, self.n_src)


def embed(src: Sequence[Sequence[str]], tgt: Sequence[Sequence[str]], dim: int,
          one_sided: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
    """``embed_bags`` of feature lists."""
    return embed_bags(Bags.of(src, tgt), dim, one_sided)


def embed_bags(bags: Bags, dim: int, one_sided: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
    """Both sides' hashed, signed bags, each feature weighted by log(N / df) over all sentences.

    IDF makes shared function-like features (``c:pour``, ``p:q``) weigh little and rare
    ones (a number, a name) a lot. ``one_sided`` scales features found on one side only
    (German nouns' ``x:`` features, which no French word can share): they still say "this
    sentence holds more than the evidence explains", but less loudly. The rest is numpy,
    a chunk of sentences at a time (on a 100k book the whole-corpus temporaries, several
    int64 arrays per feature occurrence, were 560 MB above the vectors themselves).
    """
    n, n_src, vocab, ids, counts = len(bags.counts), bags.n_src, bags.vocab, bags.ids, bags.counts
    size = max(len(vocab), 1)
    ends = np.concatenate([[0], np.cumsum(counts)])
    df = np.zeros(len(vocab), dtype=np.int64)
    on_src = np.zeros(len(vocab), dtype=bool)
    on_tgt = np.zeros(len(vocab), dtype=bool)
    for r0 in range(0, n, CHUNK):  # a chunk of sentences at a time: bounded temporaries
        r1 = min(n, r0 + CHUNK)
        a, b = int(ends[r0]), int(ends[r1])
        rows = np.repeat(np.arange(r0, r1, dtype=np.int64), counts[r0:r1])
        pairs = unique(rows * size + ids[a:b])
        code = pairs % size
        df += np.bincount(code, minlength=len(vocab))
        if one_sided < 1.0:
            row = pairs // size
            on_src |= np.bincount(code[row < n_src], minlength=len(vocab)) > 0
            on_tgt |= np.bincount(code[row >= n_src], minlength=len(vocab)) > 0
    weight = np.log((n + 1) / np.maximum(df, 1))
    if one_sided < 1.0:  # a feature never seen on the other side cannot match: it only dilutes
        weight = np.where(on_src & on_tgt, weight, weight * one_sided)
    slots = np.array([_slot(f, dim) for f in vocab], dtype=np.float64).reshape(-1, 2)
    col_of = slots[:, 0].astype(np.int64)
    val_of = slots[:, 1] * weight
    out = np.zeros((n, dim), dtype=np.float32)
    for r0 in range(0, n, CHUNK):  # summed a chunk at a time: a float64 N x dim buffer would double the memory
        r1 = min(n, r0 + CHUNK)
        a, b = int(ends[r0]), int(ends[r1])
        rows = np.repeat(np.arange(r1 - r0, dtype=np.int64), counts[r0:r1])
        sums = np.bincount(rows * dim + col_of[ids[a:b]], weights=val_of[ids[a:b]], minlength=(r1 - r0) * dim)
        out[r0:r1] = sums.reshape(r1 - r0, dim)
        del sums  # freed before the next chunk's buffer is made (two at once were the peak)
    return out[:n_src], out[n_src:]


def unique(x: np.ndarray, return_index: bool = False, return_inverse: bool = False):
    """``np.unique`` of an integer array by one stable sort (the same results).

    numpy 2.x's hash-based ``np.unique`` took 0.8 s on 300,000 int64 codes here, 60 times
    a sort: on a 7,000-sentence book it was a sixth of the whole alignment (cProfile).
    """
    if not return_index and not return_inverse:  # values only: a plain sort (no gather), same result
        s = np.sort(x)
        first = np.ones(len(s), dtype=bool)
        first[1:] = s[1:] != s[:-1]
        return s[first]
    order, s = _stable_argsort(x)
    first = np.ones(len(s), dtype=bool)
    first[1:] = s[1:] != s[:-1]
    out = [s[first]]
    del s  # each N-long temporary freed as soon as it is used (the lexicon's EM runs on millions)
    if return_index:
        out.append(order[first])
    if return_inverse:
        small = np.int32 if len(x) < 2**31 else np.int64
        inverse = np.empty(len(x), dtype=small)
        inverse[order] = np.cumsum(first, dtype=small) - 1
        out.append(inverse)
    return out[0] if len(out) == 1 else tuple(out)


def _stable_argsort(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(stable argsort of ``x``, sorted ``x``), by one plain sort of packed keys where they fit.

    ``value · 2^b + position`` sorts like a stable argsort (ties by position), and numpy's
    plain sort of int64 is SIMD: 2.7 million lexicon codes sorted in 0.06 s where ``argsort``
    took 0.4 s (stable: 2 s). Values too large to pack fall back to the stable argsort.
    """
    n = len(x)
    bits = max(int(n - 1).bit_length(), 1)
    if n and x.dtype.kind in "iu" and int(x.min()) >= 0 and int(x.max()) < (1 << (62 - bits)):
        keys = np.sort((x.astype(np.int64) << bits) | np.arange(n, dtype=np.int64))
        order = keys & ((1 << bits) - 1)
        keys >>= bits
        return order, keys.astype(x.dtype, copy=False)
    order = np.argsort(x, kind="stable")
    return order, x[order]
