"""The candidate windows of many token lists as integer arrays (term discovery's counting).

Discovery counts every window of up to ``MAX_N`` words of every segment (hundreds of
thousands of tuples of strings for a 20,000-sentence text): building, hashing and
counting those tuples was most of its time (issue 15's profile). Here words get numbers
(one vocabulary per attribute, by first occurrence), and an n-gram's number is that of
its (prefix number, last word number) pair, numbered level by level with ``np.unique``:
two windows get the same number exactly when their words are equal, so counts over
numbers are the counts over tuples. Window validity (the rules of ``discover._spans``)
is decided once per vocabulary word and then read through arrays.

Nothing here decides an order the outputs can see: callers turn numbers back into tuples
(``gram``) and keep their own tie rules (first occurrence = lowest position).
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from align.terms.text import Token

MAX_N = 5
MAX_STOPS_INSIDE = 2


def numbered(values: Sequence[str]) -> tuple[np.ndarray, list[str]]:
    """Each value's number (numbered by first occurrence) and the values by number.

    A hash table over an object array (``pandas.factorize``, uniques in order of
    appearance): two dicts and a list of numbers turned into an array cost twice as much
    on millions of words (the profile of discovery at 100,000 sentences).
    """
    import pandas as pd  # here: importing align.terms alone does not pay for pandas

    items = np.empty(len(values), dtype=object)
    items[:] = values
    codes, uniq = pd.factorize(items)
    return codes.astype(np.int64, copy=False), uniq.tolist()


def numbered_ints(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each value's number (numbered by first occurrence) and the values by number.

    A hash table (``pandas.factorize``), not a sort: ``np.unique(..., return_index=True,
    return_inverse=True)`` sorted millions of n-gram keys per length and was most of
    numbering them (issue 14's profile). Only the grouping is read by callers (which
    n-grams are equal, and where each is first seen), never the order of the numbers.
    """
    import pandas as pd  # here: importing align.terms alone does not pay for pandas

    codes, uniq = pd.factorize(values)
    return codes.astype(np.int64, copy=False), uniq.astype(np.int64, copy=False)


def first_positions(codes: np.ndarray) -> np.ndarray:
    """Where each number of :func:`numbered_ints` is first seen (in number order): numbers
    are given in order of first occurrence, so each is first seen where the running maximum grows."""
    if not len(codes):
        return np.zeros(0, np.int64)
    new = np.empty(len(codes), bool)
    new[0] = True
    np.greater(codes[1:], np.maximum.accumulate(codes)[:-1], out=new[1:])
    return np.flatnonzero(new)


def concat_ranges(starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """``np.concatenate([np.arange(a, b) for a, b in zip(starts, ends)])`` without the Python loop."""
    lens = ends - starts
    total = int(lens.sum())
    if not total:
        return np.zeros(0, np.int64)
    before = np.cumsum(lens) - lens  # where each range begins in the output
    return np.arange(total, dtype=np.int64) + np.repeat(starts - before, lens)


@dataclass
class Flat:
    """The tokens of many segments end to end, with each token's segment and its segment's end."""

    tokens: list[Token]
    offsets: np.ndarray
    """Segment ``d``'s tokens are ``tokens[offsets[d]:offsets[d + 1]]``."""
    seg: np.ndarray
    end: np.ndarray

    @classmethod
    def of(cls, segments: Sequence[Sequence[Token]]) -> Flat:
        tokens = list(itertools.chain.from_iterable(segments))
        lengths = np.fromiter(map(len, segments), dtype=np.int64, count=len(segments))
        offsets = np.zeros(len(segments) + 1, np.int64)
        np.cumsum(lengths, out=offsets[1:])
        seg = np.repeat(np.arange(len(segments), dtype=np.int64), lengths)
        return cls(tokens, offsets, seg, offsets[1:][seg])

    _values: dict[str, list[str]] = field(default_factory=dict)
    _numbers: dict[str, tuple[np.ndarray, list[str]]] = field(default_factory=dict)

    def values(self, attr: str) -> list[str]:
        """Every token's ``attr``, in order (read once per attribute; shared, read-only)."""
        if attr not in self._values:
            self._values[attr] = list(map(operator.itemgetter(Token._fields.index(attr)), self.tokens))
        return self._values[attr]

    def numbered(self, attr: str) -> tuple[np.ndarray, list[str]]:
        """:func:`numbered` of :meth:`values` (numbered once per attribute; shared, read-only):
        the candidates and the source index read the same words."""
        if attr not in self._numbers:
            self._numbers[attr] = numbered(self.values(attr))
        return self._numbers[attr]


def valid_windows(forms: np.ndarray, vocab: Sequence[str], stop: frozenset[str],
                  flat: Flat) -> list[np.ndarray]:
    """``out[n][i]``: is the window of ``n`` words at position ``i`` a candidate (``discover._spans``' rules)?

    A window starts on a word that is no function word, no number and not one letter;
    closes (if longer than one word) on a word that is no function word and has two
    letters or is a number; holds at most ``MAX_STOPS_INSIDE`` function words inside; and
    stays in its segment. ``out[0]`` is unused.
    """
    stop_v = np.fromiter((f in stop for f in vocab), dtype=bool, count=len(vocab))
    start_v = np.fromiter((f not in stop and len(f) >= 2 and not f.isdigit() for f in vocab), dtype=bool,
                          count=len(vocab))
    close_v = np.fromiter((f not in stop and (len(f) >= 2 or f.isdigit()) for f in vocab), dtype=bool,
                          count=len(vocab))
    stops, starts, closes = stop_v[forms], start_v[forms], close_v[forms]
    size = len(forms)
    pos = np.arange(size, dtype=np.int64)
    seen = np.zeros(size + 1, np.int64)  # seen[i]: function words before position i
    np.cumsum(stops, out=seen[1:])
    out = [np.zeros(0, bool), starts]
    for n in range(2, MAX_N + 1):
        ok = starts & (pos + n <= flat.end)
        last = np.minimum(pos + n - 1, size - 1)
        inside = seen[last] - seen[np.minimum(pos + 1, size)]  # function words strictly inside
        out.append(ok & closes[last] & (inside <= MAX_STOPS_INSIDE))
    return out


@dataclass
class Grams:
    """The number of the n-gram of each length at each position (-1 where it would leave the segment,
    or where no window starts).

    Numbers are global (all lengths together): length 1 is the word's own number, then
    each length's numbers follow the last one's. ``keys[n]`` are length ``n``'s
    (prefix number · V + word number) keys by number, so a tuple is found again (by search
    in a sorted copy, made on the first look-up).
    """

    at: list[np.ndarray]
    keys: list[np.ndarray]
    """Length ``n``'s (prefix number · V + word number) keys, by number (first-occurrence order)."""
    base: list[int]
    """First number of each length (``base[n]``); ``base[MAX_N + 1]`` is the count of numbers."""
    first: np.ndarray
    """Lowest position of each number."""
    vocab: list[str]
    index: dict[str, int] = field(default_factory=dict)
    _sorted: dict[int, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict)

    @classmethod
    def of(cls, words: np.ndarray, vocab: list[str], flat: Flat, starts: np.ndarray | None = None) -> Grams:
        """Number the n-grams of ``words``; those longer than one word only where ``starts`` is true.

        ``starts``: the positions a window may start at (its n-grams' prefixes start
        there too). Elsewhere the longer numbers are -1: no window can hold them.
        """
        size, v = len(words), len(vocab)
        if starts is None:
            starts = np.ones(size, bool)
        pos = np.arange(size, dtype=np.int64)
        first_word = np.full(v, size, np.int64)
        np.minimum.at(first_word, words, pos)
        at, keys, base, firsts = [np.zeros(0, np.int64), words], [np.zeros(0, np.int64), np.zeros(0, np.int64)], \
            [0, 0, v], [first_word]
        prev = words
        for n in range(2, MAX_N + 1):
            where = np.flatnonzero(starts & (pos + n <= flat.end))
            key = prev[where] * v + words[where + n - 1]
            codes, uniq = numbered_ints(key)
            cur = np.full(size, -1, np.int64)
            cur[where] = codes + base[-1]
            at.append(cur)
            keys.append(uniq)
            firsts.append(where[first_positions(codes)])
            base.append(base[-1] + len(uniq))
            prev = cur
        return cls(at, keys, base, np.concatenate(firsts), vocab)

    @property
    def count(self) -> int:
        return self.base[-1]

    def length(self, ids: np.ndarray) -> np.ndarray:
        return np.searchsorted(np.asarray(self.base[1:]), ids, side="right")

    def find(self, key: Sequence[str]) -> int:
        """The number of the n-gram ``key`` (-1 if no position holds it)."""
        if not self.index:
            self.index.update(zip(self.vocab, range(len(self.vocab)), strict=True))
        if not key or len(key) > MAX_N:
            return -1
        number = self.index.get(key[0], -1)
        v = len(self.vocab)
        for n, word in enumerate(key[1:], start=2):
            w = self.index.get(word, -1)
            if number < 0 or w < 0:
                return -1
            want = number * v + w
            if n not in self._sorted:  # the keys sorted, and their numbers, made on first look-up
                order = np.argsort(self.keys[n], kind="stable")
                self._sorted[n] = self.keys[n][order], order
            keys, order = self._sorted[n]
            i = int(np.searchsorted(keys, want))
            if i == len(keys) or keys[i] != want:
                return -1
            number = self.base[n] + int(order[i])
        return number


@dataclass
class Windows:
    """The candidate windows, in document order per length: position, length, n-gram number."""

    pos: np.ndarray
    size: np.ndarray
    gram: np.ndarray

    @classmethod
    def of(cls, valid: list[np.ndarray], grams: Grams) -> Windows:
        pos, size, gram = [], [], []
        for n in range(1, MAX_N + 1):
            where = np.flatnonzero(valid[n])
            pos.append(where)
            size.append(np.full(len(where), n, np.int64))
            gram.append(grams.at[n][where])
        return cls(np.concatenate(pos), np.concatenate(size), np.concatenate(gram))


def once_per_segment(seg: np.ndarray, gram: np.ndarray, count: int) -> tuple[np.ndarray, np.ndarray]:
    """The distinct (segment, n-gram) pairs, sorted by segment then n-gram."""
    pairs = distinct(seg * count + gram)
    return pairs // count, pairs % count


def distinct(values: np.ndarray) -> np.ndarray:
    """``np.unique(values)`` by sorting (numpy's hash-based ``unique`` is several times slower on large arrays)."""
    ordered = np.sort(values)
    return ordered[np.r_[True, ordered[1:] != ordered[:-1]]] if len(ordered) else ordered


class Inverted:
    """Which segments hold each value (each segment once), as sorted runs of segment numbers."""

    def __init__(self, values: Sequence[str], flat: Flat) -> None:
        self._build(*numbered(values), flat.seg, len(flat.offsets) - 1)

    @classmethod
    def of_numbers(cls, ids: np.ndarray, vocab: list[str], seg: np.ndarray, segments: int) -> Inverted:
        """From values already numbered (``ids``, ``vocab``), each in segment ``seg`` (not decreasing)."""
        out = cls.__new__(cls)
        out._build(ids, vocab, seg, segments)
        return out

    def _build(self, ids: np.ndarray, vocab: list[str], seg: np.ndarray, segments: int) -> None:
        if len(vocab) < 1 << 16:
            # By value, then segment: a stable sort by value alone (a radix sort on 16-bit
            # numbers) keeps each value's segments in order, as the text has them.
            order = np.argsort(ids.astype(np.uint16), kind="stable")
            by_id, by_seg = ids[order], seg[order]
            new = np.r_[True, (by_id[1:] != by_id[:-1]) | (by_seg[1:] != by_seg[:-1])] if len(order) else \
                np.zeros(0, bool)
            self._segs, heads = by_seg[new], by_id[new]
        else:
            count = max(segments, 1)
            pairs = distinct(ids * count + seg)  # by value, then segment
            self._segs, heads = pairs % count, pairs // count
        self._start = np.searchsorted(heads, np.arange(len(vocab) + 1))
        self._index = dict(zip(vocab, range(len(vocab)), strict=True))

    def segments(self, value: str) -> np.ndarray:
        """The segments holding ``value``, in order."""
        i = self._index.get(value)
        return _NONE if i is None else self._segs[self._start[i]:self._start[i + 1]]

    def any_of(self, values: Iterable[str]) -> np.ndarray:
        """The segments holding one of ``values`` at least, in order."""
        return union([self.segments(v) for v in values])


_NONE = np.zeros(0, np.int64)


def union(parts: Sequence[np.ndarray]) -> np.ndarray:
    """The sorted distinct numbers of all ``parts``."""
    if not parts:
        return _NONE
    return parts[0] if len(parts) == 1 else distinct(np.concatenate(parts))
