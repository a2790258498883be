"""Key terms without a glossary: source candidates, and their renderings in the target.

Candidates (source side): acronyms (``GPU``), capitalised multi-word names (``Silicon
Valley``), and frequent noun-like n-grams ranked by C-value (Frantzi, Ananiadou & Mima
2000: ``C(a) = log2(|a|+1)·(f(a) − mean f of the longer candidates containing a)``, the
``+1`` letting single words in). Without a tagger (none ships offline), *noun-like* means:
seen after a determiner somewhere and never right after a subject pronoun, ``to`` or a
modal (``the model`` yes; ``we train`` no): verbs vary legitimately in translation and
would only bring false alarms.

Renderings (target side): over the beads, each candidate is paired with the target
stem n-gram of best Dice coefficient ``2·c(s,t)/(c(s)+c(t))`` (Smadja et al. 1996), ties
broken by Dunning's (1993) log-likelihood ratio then by length. A second rendering is
searched in the beads the first one misses, and kept only with the same evidence (two
beads at least): that is what ``term_inconsistent`` reports for discovered terms.
"""

from __future__ import annotations

import difflib
import functools
import itertools
import math
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from align.terms import ngrams, termhood
from align.terms.match import (
    _PLURAL,
    Match,
    Pattern,
    TokenIndex,
    compile_pattern,
    find,
    function_words,
    index_tokens,
    is_acronym,
    start_keys,
)
from align.terms.text import Token, fold

MAX_N = 5
MIN_FREQ = 2
MIN_CVALUE = 1.0
MIN_DICE = 0.3
MIN_DICE_RIVAL = 0.5
MIN_PURITY = 0.75
MAX_RENDERINGS = 3
_DETERMINERS = frozenset(
    "the a an this that these those our your my his her their its each every any some no".split()  # noqa: SIM905
)
_VERBAL = frozenset(
    "i we you they he she it to will would can could should must may might do does did not don't doesn't didn't".split()  # noqa: SIM905
)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A source-side key-term candidate: its text, kind (acronym/name/ngram), frequency, C-value."""

    text: str
    kind: str
    freq: int
    cvalue: float


@dataclass(frozen=True)
class Found:
    """One target rendering of a candidate: stem key, surface text, where it was seen."""

    text: str
    key: tuple[str, ...]
    dice: float
    where: tuple[tuple[int, Match], ...]


@dataclass(frozen=True)
class Discovered:
    """A discovered term and its renderings, most frequent first."""

    source: str
    kind: str
    renderings: tuple[Found, ...]
    occurrences: tuple[int, ...] = ()


def _spans(tokens: Sequence[Token], stop: frozenset[str]) -> list[tuple[int, int]]:
    """(start, length) of every candidate window: no function word at an edge, at most two
    inside, a number only closing a name (COVID-19), no one-letter edge word.

    Computed once per segment and read for each attribute (form, raw, stem): discovery
    used to walk the windows three times per segment, the largest cost of ``align run``
    on long texts (issue 14's profile).

    Each word's part is decided once (may it start a window, may it close one, is it a
    function word), then each start grows over at most ``MAX_N`` words.

    Discovery itself applies these rules to every segment at once, over arrays
    (:func:`ngrams.valid_windows`); this walk over one segment is their plain statement,
    and the tests hold the two equal.
    """
    forms = [t.form for t in tokens]
    stops = [f in stop for f in forms]
    starts = [not s and len(f) >= 2 and not f.isdigit() for f, s in zip(forms, stops, strict=True)]
    closes = [not s and (len(f) >= 2 or f.isdigit()) for f, s in zip(forms, stops, strict=True)]  # after the first
    n = len(forms)
    out = []
    for i in range(n):
        if not starts[i]:
            continue  # no window may start here, whatever its length
        out.append((i, 1))
        inside = 0
        for j in range(i + 1, min(i + MAX_N, n)):
            if stops[j]:
                inside += 1
                if inside > 2:
                    break
            elif closes[j]:
                out.append((i, j + 1 - i))
    return out


def _grams(tokens: Sequence[Token], spans: Sequence[tuple[int, int]], attr: str) -> list[tuple[str, ...]]:
    values = [getattr(t, attr) for t in tokens]  # read once, then sliced per window
    return [tuple(values[i:i + n]) for i, n in spans]


@dataclass(frozen=True)
class Groups:
    """Segments grouped by equal content (tokens, or tokens and text), groups in document order.

    Documents repeat sentences (headings, boilerplate; the benchmark repeats a book), and
    every corpus-level count of discovery is a count of segments: each distinct content
    is worked on once and counted with its weight, ``len(members[d])``. Groups are
    numbered by first occurrence, so walking them in order meets every n-gram, surface
    form and match in the order a walk over the segments would (ties fall the same way).
    """

    of: tuple[int, ...]
    """The group of each segment."""
    members: tuple[tuple[int, ...], ...]
    """The segments of each group, in document order."""

    @functools.cached_property
    def first(self) -> list[int]:
        """The first segment of each group (remembered: read once per term searched)."""
        return [m[0] for m in self.members]


def group(keys: Iterable[Hashable]) -> Groups:
    """Number equal keys alike, by first occurrence.

    Each key hashed once in one comprehension (a new key takes the next number), and the
    members gathered by a stable sort of the numbers: the Python loop appending to one
    list per group cost a third more on 100,000 distinct sentences.
    """
    ids: dict[Hashable, int] = {}
    of = [ids.setdefault(key, len(ids)) for key in keys]
    codes = np.array(of, dtype=np.int64)
    order = np.argsort(codes, kind="stable").tolist()
    ends = np.cumsum(np.bincount(codes, minlength=len(ids))).tolist()
    return Groups(tuple(of), tuple(tuple(order[a:b]) for a, b in itertools.pairwise([0, *ends])))


def distinct_flat(sources: Sequence[Sequence[Token]], groups: Groups) -> ngrams.Flat:
    """The tokens of the first segment of each group, end to end."""
    return ngrams.Flat.of([sources[k] for k in groups.first])


def candidates(sources: Sequence[Sequence[Token]], lang: str, groups: Groups | None = None,
               flat: ngrams.Flat | None = None) -> tuple[Candidate, ...]:
    """Key-term candidates of the source side, best first.

    Counted over numbers (:mod:`align.terms.ngrams`), not tuples of strings: the same
    windows, counts and C-values as :func:`_spans`, the C-value formula and a ``Counter``
    would give (each distinct segment's n-grams once, weighted by its copies), at a
    fraction of the cost. Ties: the most common spelling of an n-gram is the first seen
    (lowest position) among the most frequent, as ``max`` over a dict in walking order
    picks it; candidates of equal C-value and text keep first-occurrence order.
    ``groups``: the sources grouped by equal tokens, when the caller has them; ``flat``:
    the tokens of one segment of each group (:func:`distinct_flat`), shared with the
    source index.
    """
    stop = function_words(lang)
    groups = groups or group(tuple(t) for t in sources)
    weight = np.fromiter(map(len, groups.members), dtype=np.int64, count=len(groups.members))
    flat = flat or distinct_flat(sources, groups)
    forms, vocab = flat.numbered("form")
    valid = ngrams.valid_windows(forms, vocab, stop, flat)
    grams = ngrams.Grams.of(forms, vocab, flat, valid[1])
    win = ngrams.Windows.of(valid, grams)
    seg, gram = ngrams.once_per_segment(flat.seg[win.pos], win.gram, grams.count)
    freq = np.bincount(gram, weights=weight[seg], minlength=grams.count).astype(np.int64)
    # Which n-grams may become candidates, from their forms alone: a noun-like one of
    # C-value MIN_CVALUE at least, or one written somewhere with a capital in its first
    # word (an acronym or a name needs one in the spelling chosen). Only their windows
    # are spelt out below; the others could never be kept (_kind and the C-value test).
    ids = np.flatnonzero(freq >= MIN_FREQ)  # every n-gram of a window seen often enough
    c_of = np.zeros(grams.count, np.float64)
    c_of[ids] = _cvalues_of(grams, freq, ids)
    det, heads, verbal = _noun_evidence_of(forms, vocab, flat, stop)
    in_vocab = functools.partial(np.fromiter, dtype=bool, count=len(vocab))
    det_v, heads_v, verbal_v = (in_vocab(f in words for f in vocab) for words in (det, heads, verbal))
    long_v = in_vocab(len(f) > 2 for f in vocab)
    rep = grams.first[ids]
    head, start = forms[rep + grams.length(ids) - 1], forms[rep]
    noun_like = np.zeros(grams.count, bool)
    noun_like[ids] = (det_v[head] | det_v[start]) & heads_v[head] & ~verbal_v[head] & long_v[head]
    # How each n-gram is written, among its windows. A word's form is a function of its
    # spelling (``tokenize``), so a spelling (an n-gram of raw words) belongs to one n-gram of forms.
    often = freq[win.gram] >= MIN_FREQ
    pos, size, kgram = win.pos[often], win.size[often], win.gram[often]
    raws, raw_vocab = flat.numbered("raw")
    capital_v = np.fromiter((any(ch.isupper() for ch in w) for w in raw_vocab), dtype=bool,
                            count=len(raw_vocab))
    wanted = noun_like & (c_of >= MIN_CVALUE)
    wanted[kgram[capital_v[raws[pos]]]] = True
    keep = wanted[kgram]
    pos, size, kgram = pos[keep], size[keep], kgram[keep]
    spelling = _spellings(raws, len(raw_vocab), pos, size)
    first = ngrams.first_positions(spelling)  # the lowest window of each spelling (one length each)
    times = np.bincount(spelling, weights=weight[flat.seg[pos]]).astype(np.int64)
    owner = kgram[first]
    order = np.lexsort((pos[first], -times, owner))  # per n-gram: most frequent, then first seen
    chosen = order[np.r_[True, owner[order][1:] != owner[order][:-1]]] if len(order) else order
    at, n, ids = pos[first[chosen]], size[first[chosen]], owner[chosen]
    seen = np.lexsort((n, grams.first[ids]))  # first-occurrence order (stable ties in the sort below)
    at, n, ids = at[seen], n[seen], ids[seen]
    judged = noun_like[ids] | capital_v[raws[at]]
    at, n, ids, c_values = at[judged], n[judged], ids[judged], c_of[ids[judged]].tolist()
    spans = list(zip(at.tolist(), n.tolist(), strict=True))
    raw_words, form_words = flat.values("raw"), flat.values("form")
    out = []
    for (i, k), c, f in zip(spans, c_values, freq[ids].tolist(), strict=True):
        text = " ".join(raw_words[i:i + k])
        kind = _kind(text, tuple(form_words[i:i + k]), det, verbal, heads)
        if kind and (kind != "ngram" or c >= MIN_CVALUE):
            out.append(Candidate(text, kind, f, round(c, 3)))
    return tuple(sorted(out, key=lambda k: (-k.cvalue, k.text)))


def _spellings(raws: np.ndarray, v: int, pos: np.ndarray, size: np.ndarray) -> np.ndarray:
    """A number for each window's words as written (``raws`` from ``pos``, ``size`` words),
    equal for equal spellings, numbered by first occurrence among the windows.

    Word by word over the windows long enough (prefix number · V + next word, numbered
    again), so only the windows asked for are spelt, not every n-gram of the text.
    """
    code = raws[pos]  # a copy: fancy indexing
    for j in range(1, ngrams.MAX_N):
        longer = np.flatnonzero(size > j)
        if not len(longer):
            break
        code[longer] = ngrams.numbered_ints(code[longer] * v + raws[pos[longer] + j])[0]
    key = code * (ngrams.MAX_N + 1) + size  # a window's code is its own length's
    return ngrams.numbered_ints(key)[0]


def _cvalues_of(grams: ngrams.Grams, freq: np.ndarray, ids: np.ndarray) -> np.ndarray:
    """C-value of the n-grams numbered ``ids`` (each seen ``MIN_FREQ`` times; Frantzi et al. 2000, log2(|a|+1)).

    ``C(a) = log2(|a|+1)·(f(a) − mean f of the longer n-grams seen MIN_FREQ times that
    contain a)``. Each n-gram's sub-n-grams are read at its first position (every
    (length, offset) pair, repeats included, as a walk over its slices meets them); the sums and counts are
    integers (exact in float64 here), and the C-value is the same float expression:
    ``log2(|a|+1)`` from ``math.log2``, then one subtraction and one product, each
    rounded once as Python rounds them.
    """
    kept = np.append(freq >= MIN_FREQ, False)  # the last: n-grams numbered -1 (no window holds them)
    size = grams.length(ids)
    rep = grams.first[ids]
    subs, weights = [], []
    for n in range(2, ngrams.MAX_N + 1):
        mine = size == n
        if not mine.any():
            continue
        at, f = rep[mine], freq[ids[mine]]
        for m in range(1, n):
            for a in range(n - m + 1):
                sub = grams.at[m][at + a]
                ok = kept[sub]
                subs.append(sub[ok])
                weights.append(f[ok])
    total = np.zeros(grams.count, np.float64)
    met = np.zeros(grams.count, np.int64)
    if subs:
        every = np.concatenate(subs)
        total = np.bincount(every, weights=np.concatenate(weights).astype(np.float64), minlength=grams.count)
        met = np.bincount(every, minlength=grams.count)
    s, c = total[ids], met[ids].astype(np.float64)
    mean = np.divide(s, c, out=np.zeros(len(ids)), where=c > 0)
    log = np.array([math.log2(n + 1) for n in range(ngrams.MAX_N + 1)])
    return log[size] * (freq[ids].astype(np.float64) - mean)


def _noun_evidence_of(forms: np.ndarray, vocab: Sequence[str], flat: ngrams.Flat,
                      stop: frozenset[str]) -> tuple[set[str], set[str], set[str]]:
    """Words seen after a determiner; words seen before a function word (or last); words seen after a verb cue.

    ``the model is`` makes ``model`` noun-like; ``a large language`` does not make
    ``large`` one (an adjective is followed by its noun). Over word numbers: every pair
    of neighbours inside a segment at once.
    """
    det_v = np.fromiter((f in _DETERMINERS for f in vocab), dtype=bool, count=len(vocab))
    verbal_v = np.fromiter((f in _VERBAL for f in vocab), dtype=bool, count=len(vocab))
    stop_v = np.fromiter((f in stop for f in vocab), dtype=bool, count=len(vocab))
    q = np.flatnonzero(np.arange(len(forms)) + 1 < flat.end)  # word pairs inside a segment
    a, b = forms[q], forms[q + 1]
    after = det_v[a]
    lengths = np.diff(flat.offsets)
    last = forms[flat.offsets[1:][lengths > 0] - 1]

    def words(ids: np.ndarray) -> set[str]:  # each word number once (not once per pair)
        return {vocab[i] for i in np.flatnonzero(np.bincount(ids, minlength=len(vocab))).tolist()}

    return words(b[after]), words(np.concatenate([a[stop_v[b]], last])), words(b[~after & verbal_v[a]])


def _kind(text: str, g: tuple[str, ...], det: set[str], verbal: set[str], heads: set[str]) -> str:
    words = text.split()
    if len(words) == 1 and is_acronym(text):
        return "acronym"
    if len(words) > 1 and all(w[:1].isupper() for w in words):
        return "name"
    head = g[-1]
    if (head in det or g[0] in det) and head in heads and head not in verbal and len(head) > 2:
        return "ngram"
    return ""


class TargetIndex:
    """Stem n-grams of every target segment, with their segment frequency.

    Over numbers (:mod:`align.terms.ngrams`): each distinct target's stem n-grams are a
    sorted run of numbers (``_pair_gram[_pair_start[d]:_pair_start[d + 1]]``) and their
    frequencies one array; tuples of stems are made only for the few n-grams a caller
    sees (renderings), or on demand (:attr:`grams`, :attr:`df`) for callers that read the
    whole index as sets and counters.
    """

    def __init__(self, targets: Sequence[Sequence[Token]], lang: str) -> None:
        stop = function_words(lang)
        self.stop = stop | {"le", "de", "a"}
        self.groups = group(tuple(t) for t in targets)
        self._targets = [targets[k] for k in self.groups.first]  # one per group
        self.n = len(targets)
        self._of = np.asarray(self.groups.of, dtype=np.int64)
        self._weight = np.fromiter(map(len, self.groups.members), dtype=np.int64, count=len(self.groups.members))
        flat = self._flat = ngrams.Flat.of(self._targets)
        forms, form_vocab = ngrams.numbered(flat.values("form"))
        stems, stem_vocab = ngrams.numbered(flat.values("stem"))
        valid = ngrams.valid_windows(forms, form_vocab, stop, flat)
        self._grams = ngrams.Grams.of(stems, stem_vocab, flat, valid[1])
        self._windows = ngrams.Windows.of(valid, self._grams)
        seg, gram = ngrams.once_per_segment(flat.seg[self._windows.pos], self._windows.gram, self._grams.count)
        self._pair_seg, self._pair_gram = seg, gram
        self._pair_start = np.searchsorted(seg, np.arange(len(self._targets) + 1))
        self._df = np.bincount(gram, weights=self._weight[seg], minlength=self._grams.count).astype(np.int64)
        self._surface: dict[tuple[str, ...], Counter[str]] = {}
        self._by_gram: tuple[np.ndarray, np.ndarray] | None = None
        self._stem_words: list[str] | None = None
        self._stem_ids = stems
        self._by_stem: tuple[np.ndarray, np.ndarray] | None = None

    def key(self, gram: int) -> tuple[str, ...]:
        """The stems of n-gram number ``gram``, read at its first position."""
        if self._stem_words is None:
            self._stem_words = self._flat.values("stem")
        at = int(self._grams.first[gram])
        return tuple(self._stem_words[at:at + int(self._grams.length(gram))])

    @functools.cached_property
    def group_grams(self) -> list[set[tuple[str, ...]]]:
        """Each group's stem n-grams as a set of tuples (for readers of the whole index)."""
        keys = [self.key(g) for g in range(self._grams.count)]
        starts = self._pair_start.tolist()
        grams = self._pair_gram.tolist()
        return [{keys[g] for g in grams[a:b]} for a, b in itertools.pairwise(starts)]

    @functools.cached_property
    def grams(self) -> list[set[tuple[str, ...]]]:
        """Each segment's stem n-grams (its group's set, shared, read-only)."""
        return [self.group_grams[d] for d in self.groups.of]

    @functools.cached_property
    def df(self) -> Counter[tuple[str, ...]]:
        """In how many segments each stem n-gram occurs."""
        return Counter({self.key(g): f for g, f in enumerate(self._df.tolist()) if f})

    def _windows_of(self, gram: int) -> np.ndarray:
        """Positions of the windows of n-gram ``gram``, in document order."""
        if self._by_gram is None:
            order = np.argsort(self._windows.gram, kind="stable")  # windows are in position order per length
            self._by_gram = order, np.searchsorted(self._windows.gram[order], np.arange(self._grams.count + 1))
        order, start = self._by_gram
        return self._windows.pos[order[start[gram]:start[gram + 1]]]

    def holders(self, key: tuple[str, ...]) -> list[int]:
        """The groups whose target holds the stem n-gram ``key``, in order."""
        gram = self._grams.find(key)
        if gram < 0:
            return []
        # The groups of its windows (in position order, so in group order), each once: the
        # windows are sorted by n-gram for the surface forms anyway.
        segs = self._flat.seg[self._windows_of(gram)]
        return segs[np.r_[True, segs[1:] != segs[:-1]]].tolist() if len(segs) else []

    def first_at(self, key: tuple[str, ...]) -> dict[int, int]:
        """The groups whose target holds the stems ``key`` in a row (anywhere: not only in a
        candidate window), each with the first token where they start.

        What a ``stem``-level :func:`match.find` of a pattern with these stems (and no
        capitals or punctuation to respect) finds first, over arrays: the positions of the
        first stem, kept where the next ones follow inside the same segment.
        """
        if self._by_stem is None:
            ids = self._stem_ids
            small = ids.astype(np.uint16) if len(self._grams.vocab) < 1 << 16 else ids  # radix sort
            order = np.argsort(small, kind="stable")
            self._by_stem = order, np.searchsorted(ids[order], np.arange(len(self._grams.vocab) + 1))
        if not self._grams.index:
            self._grams.index.update(zip(self._grams.vocab, range(len(self._grams.vocab)), strict=True))
        words = [self._grams.index.get(w, -1) for w in key]
        if not words or min(words) < 0:
            return {}
        order, start = self._by_stem
        at = order[start[words[0]]:start[words[0] + 1]]
        flat, n = self._flat, len(words)
        at = at[at + n <= flat.end[at]]
        for j, w in enumerate(words[1:], start=1):
            at = at[self._stem_ids[at + j] == w]
        groups = flat.seg[at]
        new = np.r_[True, groups[1:] != groups[:-1]] if len(at) else np.zeros(0, bool)
        return dict(zip(groups[new].tolist(), (at[new] - flat.offsets[groups[new]]).tolist(), strict=True))

    def surface(self, key: tuple[str, ...]) -> Counter[str]:
        """How the stem n-gram ``key`` is written in the targets, counted when first asked.

        Only the few n-grams chosen as renderings are ever asked for; spelling out every
        window of every target was a third of building the index. Counted in document
        order (groups by first occurrence), so ties fall as they did when every window
        was counted up front.
        """
        if key not in self._surface:
            found: Counter[str] = Counter()
            gram = self._grams.find(key)
            if gram >= 0:
                raws, n = self._flat.values("raw"), len(key)
                at = self._windows_of(gram)
                for i, weight in zip(at.tolist(), self._weight[self._flat.seg[at]].tolist(), strict=True):
                    found[" ".join(raws[i:i + n])] += weight
            self._surface[key] = found
        return self._surface[key]

    def _joint(self, segs: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
        """The n-grams of the segments ``segs`` and in how many of them each occurs (each group's once, weighted)."""
        weights = np.bincount(self._of[np.asarray(segs, dtype=np.int64)], minlength=len(self._weight))
        groups = np.flatnonzero(weights)
        weights = weights[groups]
        starts, ends = self._pair_start[groups], self._pair_start[groups + 1]
        grams = self._pair_gram[ngrams.concat_ranges(starts, ends)]
        if not len(grams):
            return grams, grams
        count = self._grams.count
        if 8 * len(grams) >= count:  # many: one count per number beats sorting them (same result)
            counts = np.bincount(grams, weights=np.repeat(weights, ends - starts), minlength=count)
            held = np.flatnonzero(counts)
            return held, counts[held].astype(np.int64)
        order = np.argsort(grams)
        ordered = grams[order]
        new = np.r_[True, ordered[1:] != ordered[:-1]]
        counts = np.bincount(np.cumsum(new) - 1, weights=np.repeat(weights, ends - starts)[order])
        return ordered[new], counts.astype(np.int64)

    def joint(self, segs: Sequence[int]) -> Counter[tuple[str, ...]]:
        """In how many of the segments ``segs`` each target n-gram occurs (each group's once, weighted)."""
        grams, counts = self._joint(segs)
        return Counter({self.key(g): c for g, c in zip(grams.tolist(), counts.tolist(), strict=True)})

    def best(self, segs: Sequence[int], min_joint: int, min_dice: float,
             min_purity: float = 0.0, size: int = 1, source: str = "") -> tuple[tuple[str, ...], float] | None:
        """The target n-gram most associated with the segments ``segs``.

        Ranked by Dice (to two decimals), then by closeness of its content-word count to
        the source term's ``size`` (``renal disease`` → ``maladie rénale``, not ``maladie
        rénale chronique``), then by spelling likeness to ``source`` (cognates:
        ``gastroenteritis`` → ``gastroentérite``), then by log-likelihood. ``min_purity``: share of the n-gram's
        segments that must hold the term, so a rival rendering is not a frequent phrase.

        The thresholds are first applied over arrays (the same quotients of the same
        integers: IEEE division is correctly rounded, as Python's ``int / int`` is), then
        the few n-grams left are scored as Python numbers.
        """
        grams, joint = self._joint(segs)
        df = self._df[grams]
        ok = (joint >= min_joint) & (joint / np.maximum(df, 1) >= min_purity) & \
            (2 * joint / (len(segs) + df) >= min_dice)
        scored = []
        for gram, c, f in zip(grams[ok].tolist(), joint[ok].tolist(), df[ok].tolist(), strict=True):
            if c < min_joint or c / f < min_purity:
                continue
            dice = 2 * c / (len(segs) + f)
            if dice >= min_dice:
                g = self.key(gram)
                fit = -abs(sum(w not in self.stop for w in g) - size)
                scored.append((round(dice, 2), fit, termhood.llr(c, len(segs), f, self.n), len(g), g, dice))
        if not scored:
            return None
        top = max(scored)[:2]
        tied = [x for x in scored if x[:2] == top]
        if len(tied) > 1 and source:
            tied = [(round(difflib.SequenceMatcher(None, fold(source), " ".join(x[4])).ratio(), 2), *x[2:])
                    for x in tied]
        *_, g, dice = max(tied)
        return g, dice


class SourceIndex:
    """Which source segments hold each folded form and each stem (a term's possible places).

    Kept by group of equal segments (same text, same tokens): a term is looked for once
    per distinct sentence, and found in all its copies. The groups holding a word are a
    sorted array (:class:`ngrams.Inverted`), so places are unions and intersections of
    arrays, not of sets built word by word.
    """

    def __init__(self, sources: Sequence[Sequence[Token]], source_texts: Sequence[str],
                 by_tokens: Groups | None = None, flat: ngrams.Flat | None = None) -> None:
        """``by_tokens``: the sources grouped by equal tokens, when the caller has them (a
        text and a token group are then a cheaper key than a text and its tokens);
        ``flat``: then also their :func:`distinct_flat`, whose words are numbered once for
        the candidates and this index (each group here is one of those segments)."""
        tokens = by_tokens.of if by_tokens is not None else (tuple(t) for t in sources)
        self.groups = group(zip(source_texts, tokens, strict=True))
        segments = len(self.groups.first)
        at: slice | np.ndarray = slice(None)
        if by_tokens is None or flat is None:
            flat = ngrams.Flat.of([sources[k] for k in self.groups.first])
            seg = flat.seg
        else:
            of = by_tokens.of
            mine = np.fromiter((of[k] for k in self.groups.first), dtype=np.int64, count=segments)
            if segments == len(by_tokens.members):  # one group here per token group, in the same order
                seg = flat.seg
            else:  # texts differing outside their words: a token group's words for each
                starts, ends = flat.offsets[mine], flat.offsets[mine + 1]
                at = ngrams.concat_ranges(starts, ends)
                seg = np.repeat(np.arange(segments, dtype=np.int64), ends - starts)
        forms, form_vocab = flat.numbered("form")
        stems, stem_vocab = flat.numbered("stem")
        self._word_forms, self._word_seg = forms[at], seg  # each word of each group, end to end
        self._forms = ngrams.Inverted.of_numbers(self._word_forms, form_vocab, seg, segments)
        self._stems = ngrams.Inverted.of_numbers(stems[at], stem_vocab, seg, segments)
        self._by_form: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None
        self._texts = source_texts
        self._folded: list[str | None] = [None] * len(self.groups.members)

    def group_places(self, pattern: Pattern) -> list[int]:
        """Groups where ``find`` may match ``pattern`` at the plural or stem level, in order:
        those holding a word a match can start with (elsewhere ``find`` finds nothing)."""
        if not pattern.forms:
            return []
        starts = [self._forms.segments(key) for key in start_keys(pattern, "plural")]
        return ngrams.union([*starts, self._stems.segments(pattern.stems[0])]).tolist()

    def places(self, pattern: Pattern) -> list[int]:
        """The segments of :meth:`group_places`, in order."""
        return sorted(k for d in self.group_places(pattern) for k in self.groups.members[d])

    def folded(self, d: int) -> str:
        """Group ``d``'s text folded, without spaces (for a cheap substring test)."""
        text = self._folded[d]
        if text is None:
            text = self._folded[d] = fold(self._texts[self.groups.members[d][0]]).replace(" ", "")
        return text

    def holding(self, probe: str, groups: Iterable[int]) -> list[int]:
        """Those of ``groups`` whose :meth:`folded` text holds ``probe`` (all when it is empty).

        One loop over remembered texts (folded once each, when first asked), not a method
        call per group and candidate: 300 candidates test hundreds of thousands of groups.
        """
        if not probe:
            return list(groups)
        folded, texts, first = self._folded, self._texts, self.groups.first
        out = []
        for d in groups:
            text = folded[d]
            if text is None:
                text = folded[d] = fold(texts[first[d]]).replace(" ", "")
            if probe in text:
                out.append(d)
        return out

    def rows(self, pattern: Pattern) -> np.ndarray:
        """The groups where a ``plural``-level :func:`match.find` of ``pattern`` (of several
        words, no capitals or punctuation to respect) matches, sorted: over arrays.

        ``find`` accepts there each word of the term or it plus a plural ending, in a row
        inside the segment, or the term's words joined as one word (plural ending too),
        starting on any word (``match._form_at``).
        """
        words, index = self._word_forms, self._forms._index
        seg = self._word_seg
        if self._by_form is None:
            size = len(index)
            order = np.argsort(words.astype(np.uint16) if size < 1 << 16 else words, kind="stable")
            ends = np.searchsorted(seg, np.arange(1, len(self.groups.first) + 1))  # each group's end
            self._by_form = order, np.searchsorted(words[order], np.arange(size + 1)), ends
        order, start, ends = self._by_form

        def numbers(forms: set[str]) -> list[int]:
            return sorted(index[f] for f in forms if f in index)

        def places(forms: set[str]) -> np.ndarray:
            return np.concatenate([_NO_PLACE, *(order[start[i]:start[i + 1]] for i in numbers(forms))])

        n = len(pattern.forms)
        at = places(_plurals(pattern.forms[0]))
        at = at[at + n <= ends[seg[at]]]
        for j, form in enumerate(pattern.forms[1:], start=1):
            at = at[np.isin(words[at + j], numbers(_plurals(form)))]
        return ngrams.distinct(seg[np.concatenate([at, places(_plurals(pattern.joined))])])

    def plural_split(self, pattern: Pattern, groups: list[int]) -> tuple[list[int], list[int]]:
        """``groups`` (sorted) as (those a ``plural``-level ``find`` surely matches, those it may match).

        What :func:`match.find` accepts there: every word of the term equal to the
        segment's word or to it less a plural ending, in a row, or the term's words
        joined as one word (``startup``), or for a one-word term its hyphenated halves
        (``start-up``). So a multi-word term needs each of its later words (or its joined
        form) in the group; a one-word term without capitals or punctuation to respect
        surely matches where its word (or a plural of it) is, and elsewhere needs a hyphen
        and a word beginning the term's.
        """
        chosen = np.asarray(groups, dtype=np.int64)
        if len(pattern.forms) > 1:
            need = self._forms.any_of(_plurals(pattern.forms[1]))
            for form in pattern.forms[2:]:
                need = np.intersect1d(need, self._forms.any_of(_plurals(form)), assume_unique=True)
            need = ngrams.union([need, self._forms.any_of(_plurals(pattern.joined))])
            return [], chosen[np.isin(chosen, need, assume_unique=True)].tolist()
        held = np.isin(chosen, self._forms.any_of(_plurals(pattern.forms[0])), assume_unique=True)
        # Elsewhere a match starts on a word that is a proper beginning of the term's
        # (``start`` of ``start-up``: ``match._form_keys``), in a text with a hyphen.
        joined = pattern.joined
        begun = self._forms.any_of([joined[:n] for n in range(2, len(joined))])
        hyphen = self._hyphenated[chosen] & np.isin(chosen, begun, assume_unique=True)
        if any(pattern.caps) or pattern.literal:
            return [], chosen[held | hyphen].tolist()
        return chosen[held].tolist(), chosen[~held & hyphen].tolist()

    @functools.cached_property
    def _hyphenated(self) -> np.ndarray:
        """Does each group's text hold a hyphen (where ``find`` may join a word's halves)?"""
        texts = self._texts
        return np.fromiter((any(h in texts[k] for h in _HYPHENS) for k in self.groups.first), dtype=bool,
                           count=len(self.groups.first))

    def with_stems(self, pattern: Pattern, groups: list[int]) -> list[int]:
        """Those of ``groups`` (sorted) holding every stem of ``pattern`` (what a ``stem``-level match needs)."""
        chosen = np.asarray(groups, dtype=np.int64)
        for stem_ in dict.fromkeys(pattern.stems):
            chosen = chosen[np.isin(chosen, self._stems.segments(stem_), assume_unique=True)]
        return chosen.tolist()


_HYPHENS = ("-", "‐", "‑")
_NO_PLACE = np.zeros(0, np.int64)


def _plurals(form: str) -> set[str]:
    """The words equal to ``form`` up to a plural ending (``match._plural_eq``'s)."""
    out = {form, *(form + s for s in _PLURAL)}
    if form.endswith("y"):
        out.add(form[:-1] + "ies")
    return out


def occurrences(pattern: Pattern, sources: Sequence[Sequence[Token]], source_texts: Sequence[str],
                indexes: Sequence[TokenIndex] | None = None, where: SourceIndex | None = None) -> list[int]:
    """Segments whose source holds ``pattern`` (form level with a plural ending, else the same stems).

    Stems are fine here: discovery only proposes terms, it raises no finding by itself.
    ``where``: the sources' inverted index, so only segments holding a word the term can
    start with are tried (each candidate used to be tested against every segment), and
    each distinct segment once; of those, only the ones holding the term's other words
    (:meth:`SourceIndex.plural_split`, :meth:`SourceIndex.with_stems`) are searched.
    """
    ix = indexes or [index_tokens(t) for t in sources]
    # Only segments holding the first letters of the term's longest word can hold the term (a
    # cheap substring test before matching the pattern).
    probe = max((f[:4] for f in pattern.forms if len(f) >= 2), key=len, default="")
    if where is not None:
        places = where.group_places(pattern)  # then the probe, after the cheaper tests on arrays
        first, members = where.groups.first, where.groups.members
        sure, tried = where.plural_split(pattern, places)
        if len(pattern.forms) > 1 and not any(pattern.caps) and not pattern.literal:
            chosen = np.asarray(tried, dtype=np.int64)  # (sure is empty then)
            tried = chosen[np.isin(chosen, where.rows(pattern), assume_unique=True)].tolist()
            found = where.holding(probe, tried)  # where find matches (rows), as it finds
        else:
            found = where.holding(probe, sure) + [
                d for d in where.holding(probe, tried)
                if find(pattern, sources[first[d]], source_texts[first[d]], "plural", ix[first[d]])]
        if not found:
            found = [d for d in where.holding(probe, where.with_stems(pattern, places))
                     if find(pattern, sources[first[d]], source_texts[first[d]], "stem", ix[first[d]])]
        return sorted(k for d in found for k in members[d])
    folded = _folded(tuple(source_texts)) if probe else ()
    maybe = [k for k in range(len(sources)) if not probe or probe in folded[k]]
    for level in ("plural", "stem"):
        found = [k for k in maybe if find(pattern, sources[k], source_texts[k], level, ix[k])]
        if found:
            return found
    return []


@functools.lru_cache(maxsize=2)
def _folded(texts: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(fold(t).replace(" ", "") for t in texts)


def renderings(
    segs: Sequence[int], index: TargetIndex, targets: Sequence[Sequence[Token]], target_texts: Sequence[str],
    target_lang: str, size: int = 1, source: str = "", target_indexes: Sequence[TokenIndex] | None = None,
) -> tuple[Found, ...]:
    """The renderings of one source term of ``size`` words (seen in segments ``segs``), best first."""
    segs = list(segs)
    out: list[Found] = []
    min_dice, purity = MIN_DICE, 0.0
    while segs and len(out) < MAX_RENDERINGS:
        best = index.best(segs, MIN_FREQ, min_dice, purity, size, source)
        if best is None:
            break
        key, dice = best
        text = index.surface(key).most_common(1)[0][0]
        p = compile_pattern(text, target_lang)
        where = _where(p, key, segs, index, targets, target_texts, target_indexes)
        if not where:
            break
        covered = {k for k, _ in where}
        if any(_variant(text, f.text) for f in out):  # an inflected form of a rendering already found
            segs = [k for k in segs if k not in covered]
            continue
        out.append(Found(text, key, round(dice, 4), where))
        segs = [k for k in segs if k not in covered]
        if dice < MIN_DICE_RIVAL:
            break  # a weak first rendering: no basis for calling another one a rival
        min_dice, purity = MIN_DICE_RIVAL, MIN_PURITY
    return tuple(out)


def _where(p: Pattern, key: tuple[str, ...], segs: Sequence[int], index: TargetIndex,
           targets: Sequence[Sequence[Token]], target_texts: Sequence[str],
           target_indexes: Sequence[TokenIndex] | None) -> tuple[tuple[int, Match], ...]:
    """The first match of rendering ``p`` in each of ``segs`` whose target holds ``key``.

    Searched once per distinct target (group and text: the text's hyphens count), the
    match shared by its copies.
    """
    firsts: dict[tuple[int, str], list[Match]] = {}
    out = []
    holders = set(index.holders(key))
    of = index.groups.of
    if p.stems == key and not any(p.caps) and not p.literal:
        # Then the first match is the first run of these stems (the stem level finds one
        # wherever the key is held, so the form level is never asked): read from arrays.
        starts = index.first_at(key)
        n = len(key)
        matches: dict[int, Match] = {}
        for k in segs:
            d = of[k]
            if d in holders:
                m = matches.get(d)
                if m is None:
                    m = matches[d] = Match(starts[d], starts[d] + n, "stem")
                out.append((k, m))
        return tuple(out)
    for k in segs:
        if of[k] in holders:
            at = (index.groups.of[k], target_texts[k])
            if at not in firsts:
                firsts[at] = _first(p, targets[k], target_texts[k], target_indexes[k] if target_indexes else None)
            out.extend((k, m) for m in firsts[at])
    return tuple(out)


def discover(
    sources: Sequence[Sequence[Token]], source_texts: Sequence[str],
    targets: Sequence[Sequence[Token]], target_texts: Sequence[str],
    source_lang: str, target_lang: str, exclude: frozenset[str] = frozenset(), limit: int = 300,
    source_indexes: Sequence[TokenIndex] | None = None, target_indexes: Sequence[TokenIndex] | None = None,
) -> tuple[Discovered, ...]:
    """Candidates of the source side with their target renderings (terms with none are dropped).

    ``source_indexes``/``target_indexes``: the segments' token indexes when the caller has
    them already (the check context does), so they are not built again.
    """
    index = TargetIndex(targets, target_lang)
    src_ix = source_indexes or [index_tokens(t) for t in sources]
    tgt_ix = target_indexes or [index_tokens(t) for t in targets]
    by_tokens = group(tuple(t) for t in sources)
    flat = distinct_flat(sources, by_tokens)
    where = SourceIndex(sources, source_texts, by_tokens, flat)
    out = []
    seen: list[tuple[str, set[int]]] = []  # every candidate's segments, for the reverse direction
    for cand in candidates(sources, source_lang, by_tokens, flat)[:limit]:
        key = fold_key(cand.text)
        pattern = compile_pattern(cand.text, source_lang)
        segs = occurrences(pattern, sources, source_texts, src_ix, where)
        seen.append((cand.text, set(segs)))
        if key in exclude or key.rstrip("s") in exclude or key.removesuffix("es") in exclude:
            continue  # a glossary term (or its plural): the glossary checks judge it
        if not termhood.source_termlike(cand.text, cand.kind, source_lang):
            continue
        found = renderings(segs, index, targets, target_texts, target_lang, len(pattern.content), cand.text, tgt_ix)
        if found:
            out.append(Discovered(cand.text, cand.kind, found, tuple(segs)))
    return competitive(supported(out, seen, index, target_lang))


def supported(found: Sequence[Discovered], seen: Sequence[tuple[str, set[int]]], index: TargetIndex,
              target_lang: str) -> list[Discovered]:
    """Renderings the alignment supports both ways and that look like terms (:mod:`termhood`).

    A term whose first rendering fails loses its rivals too: they were found in the
    segments that rendering missed, on its evidence.
    """
    keys = {r.key for d in found for r in d.renderings}
    members = index.groups.members
    where = {key: {k for d in index.holders(key) for k in members[d]} for key in keys}
    masks = [(text, _mask(segs, index.n), len(segs)) for text, segs in seen]
    out = []
    for d in found:
        occ = set(d.occurrences)
        kept = []
        for r in d.renderings:
            segs = where[r.key]
            ok = (termhood.significant(len(occ & segs), len(occ), len(segs), index.n)
                  and termhood.target_termlike(r.text, d.source, d.kind, target_lang)
                  and _same_family(_best_source(_mask(segs, index.n), len(segs), masks), d.source))
            if not ok:
                break
            kept.append(r)
        if kept:
            out.append(Discovered(d.source, d.kind, tuple(kept), d.occurrences))
    return out


def _mask(segs: Iterable[int], n: int) -> int:
    """Segment numbers as the bits of one integer (``&`` and ``bit_count`` then run in C)."""
    bits = bytearray((n >> 3) + 1)
    for k in segs:
        bits[k >> 3] |= 1 << (k & 7)
    return int.from_bytes(bits, "little")


def _best_source(segs: int, size: int, sources: Sequence[tuple[str, int, int]]) -> str:
    """:func:`termhood.best_source` over bit masks (text, mask, segment count): the same Dice
    values from the same integers, without a set intersection per candidate and rendering
    (300 candidates x every rendering, over sets of thousands of segments)."""
    best, score = "", 0.0
    for text, mask, count in sources:
        d = 2 * (mask & segs).bit_count() / (count + size) if count or size else 0.0
        if d > score:
            best, score = text, d
    return best


def _same_family(best: str, source: str) -> bool:
    """The reverse winner is the term itself or a phrase containing it or contained in it."""
    a, b = fold_key(best), fold_key(source)
    return bool(a) and (a == b or f" {a} " in f" {b} " or f" {b} " in f" {a} ")


def competitive(found: Sequence[Discovered]) -> tuple[Discovered, ...]:
    """Drop a rival rendering that is (part of) another term's first rendering.

    Competitive linking (Melamed 2000): ``maladie pulmonaire chronique`` belongs to
    ``chronic lung disease``; it is not a rival rendering of ``conditions``.
    """
    owned = [(d.source, d.renderings[0].key) for d in found]
    out = []
    for d in found:
        keep = [d.renderings[0]] + [r for r in d.renderings[1:]
                                    if not any(src != d.source and _overlaps(r.key, key) for src, key in owned)]
        out.append(Discovered(d.source, d.kind, tuple(keep), d.occurrences))
    return tuple(out)


def _variant(a: str, b: str) -> bool:
    """Same words up to their ending (``publics``/``publique``): inflection, not a rival."""
    wa, wb = fold(a).split(), fold(b).split()
    return len(wa) == len(wb) and all(x[:5] == y[:5] and min(len(x), len(y)) >= 4 for x, y in zip(wa, wb, strict=True))


def _overlaps(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    short, long_ = sorted((a, b), key=len)
    return any(long_[i:i + len(short)] == short for i in range(len(long_) - len(short) + 1))


def fold_key(text: str) -> str:
    """The key under which a glossary source and a candidate are the same term."""
    return " ".join(fold(text).split())


def _first(p: Pattern, tokens: Sequence[Token], text: str, ix: TokenIndex | None = None) -> list[Match]:
    """The first match of a rendering in a segment, stem level then form level."""
    ix = ix or index_tokens(tokens)
    return (find(p, tokens, text, "stem", ix) or find(p, tokens, text, "form", ix))[:1]
