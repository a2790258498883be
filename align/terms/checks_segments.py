"""Segment checks: numbers, names, spelling variants, untranslated text, repeated segments."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterator
from functools import cache, lru_cache
from operator import itemgetter

from sacrebleu.metrics import CHRF as _CHRF

from align.segment.langid import confidence, detect_many
from align.terms.context import Context, Segment
from align.terms.match import function_words
from align.terms.names import (
    _ACRONYM,
    _CAPITALISED,
    _name_kind,
    exonyms,
    kept,
    name_tokens,
    raw_words,
    spelling_variants,
)
from align.terms.numbers import misformatted, missing_numbers
from align.terms.registry import ERROR, WARNING, Hit, check
from align.terms.text import Token, fold, unmark

MIN_UNTRANSLATED_WORDS = 2
MIN_SHARED_WORDS = 4
KEPT_SHARE = 0.5
CHRF = _CHRF()


@check(ERROR, title="Number not carried over", family="numbers")
def number_changed(ctx: Context) -> Iterator[Hit]:
    """Number not carried over: ``1,200 GPUs`` rendered ``1 100 GPU``.

    Compared by value in each locale (``1,000.5`` = ``1 000,5``, ``50%`` = ``50 %``,
    ``$40 million`` = ``40 millions de dollars``).
    """
    carries = ctx.facts.numbers.get if ctx.facts else {}.get  # a source known to hold no number is skipped
    for k, seg in enumerate(ctx.segments):
        if not seg.bilingual or carries(seg.unit.source) is False:
            continue
        for n in missing_numbers(seg.unit.source, seg.unit.target, ctx.source_lang, ctx.target_lang):
            yield Hit(k, n.text, "", n.text, f"number “{n.text}” is not in the translation",
                      (n.start, n.end))


@check(WARNING, title="Number written the English way", family="numbers")
def number_format(ctx: Context) -> Iterator[Hit]:
    """A French translation writes a number with English separators: ``3.5`` for ``3,5``, ``1,200`` for ``1 200``."""
    for k, seg in enumerate(ctx.segments):
        if not seg.bilingual:
            continue
        for text, a, b, french in misformatted(seg.unit.source, seg.unit.target, ctx.target_lang):
            yield Hit(k, text, text, french, f"“{text}” is written the English way; French writes “{french}”",
                      target_span=(a, b))


@check(WARNING, title="Name or acronym missing from the translation", family="names")
def name_not_kept(ctx: Context) -> Iterator[Hit]:
    """Name or acronym not kept: ``GPU`` or ``Grenoble`` missing from the translation.

    Legitimate French localisations (``WHO`` → ``OMS``, ``AI`` → ``IA``, ``NLP`` → ``TAL``)
    are accepted; capitalised words count as names only if the target writes them as
    they are somewhere.
    """
    # One pass over the bilingual segments with a name: its names, whether each is kept in
    # the translation (asked once: the share of segments keeping a name and the finding
    # read the same answer; it was asked again for the finding), the names it does not keep.
    # A segment keeping every name it holds has no finding and is not looked at again (nor
    # judged by Title Case, which only ever spared a segment its findings).
    seen: Counter[str] = Counter()
    kept_in: Counter[str] = Counter()
    missing: dict[int, tuple[list[Token], set[str]]] = {}
    facts = ctx.facts
    for k, seg in enumerate(ctx.segments):
        if not seg.bilingual:
            continue
        source = seg.unit.source
        if facts is not None and source in facts.named:
            found_names = list(facts.names.get(source, ()))
        else:
            found_names = name_tokens(seg.src)
        if not found_names:
            continue  # no name: nothing to look for (and no target words to build)
        # The target's words as written; their accent-free forms only when a name is not
        # among them as it is (an ASCII name written so is its own accent-free form: kept).
        written = set(map(_RAW, seg.tgt))
        words: frozenset[str] | None = None
        target = seg.unit.target
        lost = set()
        for name in {t.raw for t in found_names}:
            seen[name] += 1
            if name in written and name.isascii():
                kept_in[name] += 1
                continue
            if words is None:
                words = raw_words(seg.tgt)
            if kept(name, target, words):
                kept_in[name] += 1
            else:
                lost.add(name)
        if lost:
            missing[k] = (found_names, lost)
    # Names the translator keeps in at least ``KEPT_SHARE`` of their segments (``Grenoble``, not ``March``).
    kept_names = {n for n, c in seen.items() if kept_in[n] >= 1 and kept_in[n] / c >= KEPT_SHARE}
    covered = {(o.segment, i) for o in ctx.occurrences for i in range(o.source.first, o.source.last)}
    for k, (found_names, lost) in missing.items():
        reported = lost & kept_names
        if not reported:
            continue
        seg = ctx.segments[k]
        if _title_case(seg):
            continue  # a heading in Title Case: its capitals do not mark names
        if covered:
            names = set(found_names)
            candidates = [t for i, t in enumerate(seg.src) if (k, i) not in covered and t in names]
        else:  # no glossary term anywhere: the names themselves, in order (a token is unique)
            candidates = found_names
        for t in candidates:
            if t.raw in reported:
                yield Hit(k, t.raw, "", t.raw, f"“{t.raw}” does not appear in the translation",
                          (t.start, t.end))


def _title_case(seg: Segment) -> bool:
    """Three or more words of 4+ letters, 60 % of them capitalised (each word classified once)."""
    kinds = list(map(_title_word, map(_RAW, seg.src)))
    n = len(kinds) - kinds.count(0)
    return n >= 3 and kinds.count(2) / n >= 0.6


@lru_cache(maxsize=1 << 16)
def _title_word(raw: str) -> int:
    """0: not a word :func:`_title_case` counts; 1: one in lower case; 2: one capitalised."""
    if len(raw) >= 4 and raw.isalpha():
        return 2 if raw[0].isupper() else 1
    return 0


_RAW = itemgetter(2)  # Token.raw


@check(WARNING, bilingual=False, title="Name spelt two ways in the translation",
       family="names")
def name_variant(ctx: Context) -> Iterator[Hit]:
    """Name spelt two ways in the target: ``Veltranne`` once, ``Veltrane`` elsewhere."""
    counts: Counter[str] = Counter(t.raw for s in ctx.segments for t in s.tgt if t.raw[:1].isupper())
    # Which words ``name_tokens`` takes for names somewhere in the target, asked only of the
    # few rare spellings: an acronym anywhere, a capitalised word anywhere but first (each
    # such word is counted, so it is somewhere else when it opens fewer segments than it
    # occurs). The target was walked once more for every word's name test before.
    opening = Counter(s.tgt[0].raw for s in ctx.segments if s.tgt)

    def a_name(raw: str) -> bool:
        kind = _name_kind(raw)
        return kind == _ACRONYM or (kind == _CAPITALISED and counts[raw] > opening[raw])

    stop = function_words(ctx.target_lang)
    variants = {rare: major for rare, major in spelling_variants(counts).items()
                if a_name(rare) and fold(rare) not in stop and not _inflection(rare, major)
                and not (rare.isupper() and fold(rare) == fold(major))}
    pairs = {**variants, **{m: r for r, m in variants.items() if counts[m] == counts[r]}}
    if not pairs:
        return
    for k, seg in enumerate(ctx.segments):
        if pairs.keys().isdisjoint(map(_RAW, seg.tgt)):
            continue  # none of its words is a variant: the walk below yields nothing
        for t in seg.tgt:
            if t.raw in pairs:
                major = pairs[t.raw]
                if counts[major] == counts[t.raw] and not (t.raw not in seg.unit.source and major in seg.unit.source):
                    continue  # a tie: only the form its own source contradicts is reported
                yield Hit(k, major, t.raw, major,
                          f"“{t.raw}” here, “{major}” {counts[major]} times elsewhere",
                          target_span=(t.start, t.end))


@cache
def _place_pattern() -> re.Pattern[str]:
    """Every form of the exonym table, longest first, as whole words.

    The alternatives are grouped by first character (each group keeps the longest-first
    order, and no other group can match where a character is not its own), behind a
    look-ahead on those characters: the 241 alternatives were tried at every position of
    every target, most of ``name_two_ways``' time (issue 15). The flat alternation it
    replaces is kept in the tests as the oracle.
    """
    forms = sorted(exonyms(), key=len, reverse=True)
    groups: dict[str, list[str]] = {}
    for f in forms:
        groups.setdefault(f[0], []).append(f)
    alternatives = "|".join(re.escape(c) + "(?:" + "|".join(re.escape(f[1:]) for f in fs) + ")"
                            for c, fs in groups.items())
    first = "".join(re.escape(c) for c in groups)
    return re.compile(r"(?<![\w-])(?=[" + first + r"])(" + alternatives + r")(?![\w-])")


@check(WARNING, bilingual=False, title="Place or name written two ways in the translation", family="names")
def name_two_ways(ctx: Context) -> Iterator[Hit]:
    """One place written with its French name and another form: ``Pékin`` 5 times, ``Beijing`` once.

    Forms come from the shipped table of exonyms (``data/exonyms.tsv``); the form the
    document uses most is the reference (on a tie, the French exonym).
    """
    finditer = _place_pattern().finditer
    seen = [(k, m) for k, seg in enumerate(ctx.segments) for m in finditer(seg.unit.target)
            if not _inside_name(seg.unit.target, m.start(), m.end())]
    table = exonyms()
    by_place: dict[str, Counter[str]] = defaultdict(Counter)
    for _, m in seen:
        by_place[table[m.group()]][m.group()] += 1
    for k, m in seen:
        place = table[m.group()]
        counts = by_place[place]
        if len(counts) < 2:
            continue
        major = max(counts, key=lambda f: (counts[f], f == place))
        if m.group() != major:
            yield Hit(k, place, m.group(), major,
                      f"“{m.group()}” here, “{major}” {counts[major]} times elsewhere in the translation",
                      target_span=(m.start(), m.end()))


def _inside_name(text: str, a: int, b: int) -> bool:
    """Part of a longer name (``Public Health England``, ``Beijing Genomics``): not the place itself.

    A capitalised neighbour counts, except the word opening the sentence (``À Pékin``).
    """
    words_before = text[:a].split()
    before = words_before[-1] if words_before else ""
    opening = len(words_before) == 1 or (len(words_before) > 1 and words_before[-2].endswith((".", "!", "?")))
    after = (text[b:].split() or [""])[0]
    return (before[:1].isupper() and not opening and before[-1:].isalpha()) or (after[:1].isupper()
                                                                                and after[-1:].isalpha())


def _inflection(a: str, b: str) -> bool:
    short, long_ = sorted((fold(a), fold(b)), key=len)
    return long_.startswith(short) and long_[len(short):] in ("s", "x", "e", "es")


@check(ERROR, bilingual=False, title="Passage left untranslated", family="completeness", uses_detector=True)
def untranslated(ctx: Context) -> Iterator[Hit]:
    """Passage left untranslated: a target segment written in the source language."""
    if ctx.source_lang == ctx.target_lang:
        return
    asked = [k for k, seg in enumerate(ctx.segments) if len(seg.tgt) >= MIN_UNTRANSLATED_WORDS]
    # A unit whose sentences were labelled when segmented carries its language: not detected twice.
    known = {k: ctx.segments[k].unit.target_lang for k in asked if ctx.segments[k].unit.target_lang}
    unknown = [k for k in asked if k not in known]
    # The document's language is the prior, as when segmenting: a line of names and tags
    # (``DeepSeek #IA #Innovation #Chine``) is not English unless the detector is sure.
    found = detect_many([ctx.segments[k].unit.target for k in unknown], (ctx.source_lang, ctx.target_lang),
                        prior=ctx.target_lang)
    known.update(zip(unknown, found, strict=True))
    among = (ctx.source_lang, ctx.target_lang)
    for k, lang in sorted(known.items()):
        if lang == ctx.source_lang:
            target = ctx.segments[k].unit.target
            # The decision's confidence, for the reviewer (one detector call per finding).
            sure = confidence(target, ctx.source_lang, among)
            yield Hit(k, "", target, "", f"this target segment is in “{ctx.source_lang}” "
                      f"(language confidence {sure:.2f})", target_span=(0, len(target)))


@lru_cache(maxsize=1 << 16)
def _key(text: str) -> str:
    """``text`` folded, words only: repeated segments compare equal despite case and punctuation.

    :func:`fold`'s last steps (hyphens to spaces, whitespace runs to one space) cannot move
    a ``\\w`` run, so they are skipped: lower case (ASCII), or lower case, NFKD and fold's
    table (combining marks dropped, apostrophes straightened) otherwise. The tests keep
    the key through :func:`fold` as the oracle.
    """
    if text.isascii():
        return " ".join(_WORDS(text.lower()))
    return " ".join(_WORDS(unmark(unicodedata.normalize("NFKD", text.lower()))))


_WORDS = re.compile(r"\w+").findall


@check(WARNING, title="Same source translated differently", family="consistency")
def source_inconsistent(ctx: Context) -> Iterator[Hit]:
    """Same source segment translated differently (the later, rarer translation is flagged)."""
    yield from _repeats(ctx, "source", "target")


@check(WARNING, title="Different sources with the same translation", family="consistency")
def target_shared(ctx: Context) -> Iterator[Hit]:
    """Different source segments given the same translation."""
    yield from _repeats(ctx, "target", "source")


def _repeats(ctx: Context, side: str, other: str) -> Iterator[Hit]:
    groups: dict[str, list[int]] = defaultdict(list)
    keys: dict[int, str] = {}  # each segment's ``other`` key, computed once (not once per look)
    facts = ctx.facts
    ahead = {} if facts is None else facts.source_keys if side == "source" else facts.target_keys
    ahead_other = {} if facts is None else facts.target_keys if side == "source" else facts.source_keys
    for k, seg in enumerate(ctx.segments):
        if not seg.bilingual:
            continue
        text = getattr(seg.unit, side)
        key = ahead.get(text)
        if key is None:
            key = _key(text)
        if key.count(" ") + 1 >= (MIN_SHARED_WORDS if side == "target" else 1) and key:
            groups[key].append(k)
    for members in groups.values():
        if len(members) < 2:
            continue  # one segment: no variant to compare with
        for k in members:
            text = getattr(ctx.segments[k].unit, other)
            key = ahead_other.get(text)
            keys[k] = _key(text) if key is None else key
        variants = Counter(keys[k] for k in members)
        if len(variants) < 2:
            continue
        major = variants.most_common(1)[0][0]
        first = next(k for k in members if keys[k] == major)
        for k in members:
            seg: Segment = ctx.segments[k]
            if keys[k] != major:
                shown = getattr(ctx.segments[first].unit, other)
                found = getattr(seg.unit, other)
                yield Hit(k, getattr(seg.unit, side), found, shown,
                          f"same {side} as {ctx.segments[first].unit.tuid or first}, different {other} "
                          f"({how_different(found, shown)})")


@lru_cache(maxsize=1 << 12)
def how_different(found: str, expected: str) -> str:
    """Tell a reviewer whether two renderings differ in a detail or in substance.

    chrF (Popović 2015, sacrebleu's implementation) is the character n-gram F-score CAT
    tools' fuzzy-match percentages resemble: ≥ 90 is a punctuation or spelling detail,
    below 60 a different translation. Memoised: a group of repeats compares the same
    two texts again, and chrF is the most costly step of the repeat checks.
    """
    score = chrf(found, expected)
    kind = "minor variant" if score >= 90 else "different wording" if score >= 60 else "different translation"
    return f"chrF {score:.0f}: {kind}"


def chrf(hypothesis: str, reference: str) -> float:
    """``CHRF.sentence_score(hypothesis, [reference]).score``, counted with sets where they suffice.

    sacrebleu's chrF (character 6-grams, no word n-grams, β = 2, whitespace removed)
    counts the matches of each order in a Python loop over the n-grams. Here they are the
    size of a set intersection when one side holds each of its n-grams once (every match
    then counts 1), a ``Counter`` minimum otherwise; each text's n-grams are kept for its
    next comparison (a group's majority text is compared with each of its variants). The
    statistics are the same integers and sacrebleu's own formula turns them into the
    score, so it is the same float. The tests keep ``sentence_score`` as the oracle.
    """
    stats: list[int] = []
    for (nh, hs, hc), (nr, rs, rc) in zip(_grams(hypothesis), _grams(reference), strict=True):
        common = hs & rs
        if hc is None or rc is None:
            matches = len(common)
        else:
            matches = sum(map(min, map(hc.__getitem__, common), map(rc.__getitem__, common)))
        stats += [nh if nr else 0, nr, matches]
    return CHRF._compute_f_score(stats)


Grams = tuple[int, set[str], "Counter[str] | None"]


@lru_cache(maxsize=1 << 12)
def _grams(text: str) -> tuple[Grams, ...]:
    """Per chrF order: how many n-grams ``text`` has (whitespace removed), which, and their
    counts (None when each occurs once). Read-only once made."""
    line = "".join(text.split())
    out = []
    for n in range(1, CHRF.char_order + 1):
        grams = [line[i:i + n] for i in range(len(line) - n + 1)]
        distinct = set(grams)
        out.append((len(grams), distinct, None if len(distinct) == len(grams) else Counter(grams)))
    return tuple(out)
