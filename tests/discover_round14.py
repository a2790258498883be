"""Oracle: ``align/terms/discover.py`` as it was before issue 15 (main 0bc37f6), word for word.

Issue 15 counts discovery's n-grams over numbers (:mod:`align.terms.ngrams`) and searches
fewer segments; this copy, walking tuples of strings and calling ``find`` on every
possible place, is what the new code must agree with (``tests/test_speed_discovery_ids.py``,
``tests/test_hostile_speed_discovery.py``). Not collected as a test module.

The original module docstring follows.
Key terms without a glossary: source candidates, and their renderings in the target.

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
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

from align.terms import termhood
from align.terms.match import (
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


def _ngrams(tokens: Sequence[Token], stop: frozenset[str], attr: str = "form") -> list[tuple[str, ...]]:
    return _grams(tokens, _spans(tokens, stop), attr)


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

    @property
    def first(self) -> list[int]:
        return [m[0] for m in self.members]


def group(keys: Iterable[Hashable]) -> Groups:
    """Number equal keys alike, by first occurrence."""
    ids: dict[Hashable, int] = {}
    of = []
    members: list[list[int]] = []
    for k, key in enumerate(keys):
        d = ids.setdefault(key, len(ids))
        if d == len(members):
            members.append([])
        members[d].append(k)
        of.append(d)
    return Groups(tuple(of), tuple(tuple(m) for m in members))


def _count(freq: Counter, keys: Iterable, weight: int) -> None:
    """``freq.update(keys)`` with each key counted ``weight`` times (the C fast path for 1)."""
    if weight == 1:
        freq.update(keys)
    else:
        for key in keys:
            freq[key] += weight


def cvalues(freq: Counter[tuple[str, ...]]) -> dict[tuple[str, ...], float]:
    """C-value of every n-gram seen ``MIN_FREQ`` times (Frantzi et al. 2000, with log2(|a|+1)).

    The longer n-grams' frequencies are summed and counted as met, not listed then summed
    (integers: the same mean): tens of thousands of n-grams go through here.
    """
    kept = {g: f for g, f in freq.items() if f >= MIN_FREQ}
    longer: dict[tuple[str, ...], list[int]] = {}  # n-gram → [sum, count] of the longer ones' frequencies
    for g, f in kept.items():
        size = len(g)
        for n in range(1, size):
            for i in range(size - n + 1):
                sub = g[i:i + n]
                if sub in kept:
                    acc = longer.get(sub)
                    if acc is None:
                        longer[sub] = [f, 1]
                    else:
                        acc[0] += f
                        acc[1] += 1
    out = {}
    for g, f in kept.items():
        acc = longer.get(g)
        out[g] = math.log2(len(g) + 1) * (f - (acc[0] / acc[1] if acc else 0))
    return out


def _noun_evidence(sources: Sequence[Sequence[Token]], stop: frozenset[str]) -> tuple[set[str], set[str], set[str]]:
    """Words seen after a determiner *and* before a non-content word; words seen after a verb cue.

    ``the model is`` makes ``model`` noun-like; ``a large language`` does not make
    ``large`` one (an adjective is followed by its noun).
    """
    after_det, heads, after_verbal = set(), set(), set()
    for toks in sources:
        for a, b in itertools.pairwise(toks):
            if a.form in _DETERMINERS:
                after_det.add(b.form)
            elif a.form in _VERBAL:
                after_verbal.add(b.form)
            if b.form in stop:
                heads.add(a.form)
        if toks:
            heads.add(toks[-1].form)
    return after_det, heads, after_verbal


def candidates(sources: Sequence[Sequence[Token]], lang: str) -> tuple[Candidate, ...]:
    """Key-term candidates of the source side, best first."""
    stop = function_words(lang)
    groups = group(tuple(t) for t in sources)
    distinct = [sources[k] for k in groups.first]
    freq: Counter[tuple[str, ...]] = Counter()
    windows = []
    for toks, members in zip(distinct, groups.members, strict=True):
        spans = _spans(toks, stop)
        forms = _grams(toks, spans, "form")
        _count(freq, set(forms), len(members))
        windows.append((spans, forms))
    # How each n-gram is written, counted only for those seen often enough to be a candidate
    # (most windows are seen once: spelling them all out was half of this function's time).
    # Plain dicts (a Counter per n-gram was a third of this loop); the most common spelling
    # is the first of the highest count, as ``Counter.most_common(1)`` picks it.
    surface: dict[tuple[str, ...], dict[str, int]] = {}
    for toks, (spans, forms), members in zip(distinct, windows, groups.members, strict=True):
        raws = None
        weight = len(members)
        for (i, n), g in zip(spans, forms, strict=True):
            if freq[g] >= MIN_FREQ:
                raws = raws or [t.raw for t in toks]
                written = " ".join(raws[i:i + n])
                spelt = surface.get(g)
                if spelt is None:
                    surface[g] = {written: weight}
                else:
                    spelt[written] = spelt.get(written, 0) + weight
    det, heads, verbal = _noun_evidence(distinct, stop)
    out = []
    for g, c in cvalues(freq).items():
        spelt = surface[g]
        text = next(iter(spelt)) if len(spelt) == 1 else max(spelt, key=spelt.__getitem__)
        kind = _kind(text, g, det, verbal, heads)
        if kind and (kind != "ngram" or c >= MIN_CVALUE):
            out.append(Candidate(text, kind, freq[g], round(c, 3)))
    return tuple(sorted(out, key=lambda k: (-k.cvalue, k.text)))


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
    """Stem n-grams of every target segment, with their segment frequency."""

    def __init__(self, targets: Sequence[Sequence[Token]], lang: str) -> None:
        stop = function_words(lang)
        self.stop = stop | {"le", "de", "a"}
        self.groups = group(tuple(t) for t in targets)
        self._targets = [targets[k] for k in self.groups.first]  # one per group
        self._spans = [_spans(t, stop) for t in self._targets]
        self._stems = [_grams(t, sp, "stem") for t, sp in zip(self._targets, self._spans, strict=True)]
        self.group_grams = [set(gs) for gs in self._stems]
        self.grams = [self.group_grams[d] for d in self.groups.of]  # each segment's (shared, read-only)
        self.df: Counter[tuple[str, ...]] = Counter()
        for gs, members in zip(self.group_grams, self.groups.members, strict=True):
            _count(self.df, gs, len(members))
        self.n = len(targets)
        self._surface: dict[tuple[str, ...], Counter[str]] = {}
        self._by_stem: dict[str, list[int]] | None = None

    def surface(self, key: tuple[str, ...]) -> Counter[str]:
        """How the stem n-gram ``key`` is written in the targets, counted when first asked.

        Only the few n-grams chosen as renderings are ever asked for; spelling out every
        window of every target was a third of building the index. Counted in document
        order (groups by first occurrence), so ties fall as they did when every window
        was counted up front.
        """
        if key not in self._surface:
            if self._by_stem is None:  # groups by stem: only those holding the key's first word are read
                self._by_stem = defaultdict(list)
                for d, toks in enumerate(self._targets):
                    for stem_ in {t.stem for t in toks}:
                        self._by_stem[stem_].append(d)
            found: Counter[str] = Counter()
            for d in self._by_stem.get(key[0], ()):
                if key in self.group_grams[d]:
                    raws = [t.raw for t in self._targets[d]]
                    weight = len(self.groups.members[d])
                    for (i, n), g in zip(self._spans[d], self._stems[d], strict=True):
                        if g == key:
                            found[" ".join(raws[i:i + n])] += weight
            self._surface[key] = found
        return self._surface[key]

    def joint(self, segs: Sequence[int]) -> Counter[tuple[str, ...]]:
        """In how many of the segments ``segs`` each target n-gram occurs (each group's once, weighted)."""
        weights = Counter(self.groups.of[s] for s in segs)
        joint: Counter[tuple[str, ...]] = Counter()
        for d, weight in weights.items():
            _count(joint, self.group_grams[d], weight)
        return joint

    def best(self, segs: Sequence[int], min_joint: int, min_dice: float,
             min_purity: float = 0.0, size: int = 1, source: str = "") -> tuple[tuple[str, ...], float] | None:
        """The target n-gram most associated with the segments ``segs``.

        Ranked by Dice (to two decimals), then by closeness of its content-word count to
        the source term's ``size`` (``renal disease`` → ``maladie rénale``, not ``maladie
        rénale chronique``), then by spelling likeness to ``source`` (cognates:
        ``gastroenteritis`` → ``gastroentérite``), then by log-likelihood. ``min_purity``: share of the n-gram's
        segments that must hold the term, so a rival rendering is not a frequent phrase.
        """
        joint = self.joint(segs)
        scored = []
        for g, c in joint.items():
            if c < min_joint or c / self.df[g] < min_purity:
                continue
            dice = 2 * c / (len(segs) + self.df[g])
            if dice >= min_dice:
                fit = -abs(sum(w not in self.stop for w in g) - size)
                scored.append((round(dice, 2), fit, termhood.llr(c, len(segs), self.df[g], self.n), len(g), g, dice))
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
    per distinct sentence, and found in all its copies.
    """

    def __init__(self, sources: Sequence[Sequence[Token]], source_texts: Sequence[str]) -> None:
        self.groups = group(zip(source_texts, (tuple(t) for t in sources), strict=True))
        self.forms: dict[str, list[int]] = defaultdict(list)  # form → groups
        self.stems: dict[str, list[int]] = defaultdict(list)
        for d, k in enumerate(self.groups.first):
            toks = sources[k]
            for form in {t.form for t in toks}:
                self.forms[form].append(d)
            for stem_ in {t.stem for t in toks}:
                self.stems[stem_].append(d)
        self._texts = source_texts
        self._folded: dict[int, str] = {}

    def group_places(self, pattern: Pattern) -> list[int]:
        """Groups where ``find`` may match ``pattern`` at the plural or stem level, in order:
        those holding a word a match can start with (elsewhere ``find`` finds nothing)."""
        if not pattern.forms:
            return []
        found = {d for key in start_keys(pattern, "plural") for d in self.forms.get(key, ())}
        found.update(self.stems.get(pattern.stems[0], ()))
        return sorted(found)

    def places(self, pattern: Pattern) -> list[int]:
        """The segments of :meth:`group_places`, in order."""
        return sorted(k for d in self.group_places(pattern) for k in self.groups.members[d])

    def folded(self, d: int) -> str:
        """Group ``d``'s text folded, without spaces (for a cheap substring test)."""
        if d not in self._folded:
            self._folded[d] = fold(self._texts[self.groups.members[d][0]]).replace(" ", "")
        return self._folded[d]


def occurrences(pattern: Pattern, sources: Sequence[Sequence[Token]], source_texts: Sequence[str],
                indexes: Sequence[TokenIndex] | None = None, where: SourceIndex | None = None) -> list[int]:
    """Segments whose source holds ``pattern`` (form level with a plural ending, else the same stems).

    Stems are fine here: discovery only proposes terms, it raises no finding by itself.
    ``where``: the sources' inverted index, so only segments holding a word the term can
    start with are tried (each candidate used to be tested against every segment), and
    each distinct segment once.
    """
    ix = indexes or [index_tokens(t) for t in sources]
    # Only segments holding the first letters of the term's longest word can hold the term (a
    # cheap substring test before matching the pattern).
    probe = max((f[:4] for f in pattern.forms if len(f) >= 2), key=len, default="")
    if where is not None:
        maybe = [d for d in where.group_places(pattern) if not probe or probe in where.folded(d)]
        first = where.groups.first
        for level in ("plural", "stem"):
            found = [d for d in maybe if find(pattern, sources[first[d]], source_texts[first[d]], level,
                                              ix[first[d]])]
            if found:
                return sorted(k for d in found for k in where.groups.members[d])
        return []
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
    for k in segs:
        if key in index.grams[k]:
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
    where = SourceIndex(sources, source_texts)
    out = []
    seen: list[tuple[str, set[int]]] = []  # every candidate's segments, for the reverse direction
    for cand in candidates(sources, source_lang)[:limit]:
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
    where: dict[tuple[str, ...], set[int]] = {k: set() for k in keys}
    for grams, members in zip(index.group_grams, index.groups.members, strict=True):
        for g in grams & keys:
            where[g].update(members)
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
