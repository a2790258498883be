"""Everything the checks share, computed once: tokenised segments and glossary occurrences."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from align.model import TermEntry, TranslationUnit
from align.terms.discover import Discovered
from align.terms.match import (
    Match,
    Pattern,
    PatternIndex,
    TokenIndex,
    compile_pattern,
    find,
    find_lenient,
    function_words,
    index_tokens,
    longest_first,
)
from align.terms.names import localisations
from align.terms.text import Token, tokenize


@dataclass(frozen=True)
class Segment:
    """One unit with its tokens; ``bilingual`` is False for a target sentence alone.

    ``bilingual``: a source and its translation (not a target sentence alone, not a
    dropped source); ``omitted``: a source sentence with no translation (the pipeline's
    unaligned source, type 1-0). Both are set once, when the segment is made: they were
    properties, two ``strip`` calls each time, and a dozen checks ask them of every
    segment (a second of the term stage at 100,000 units).
    """

    unit: TranslationUnit
    src: tuple[Token, ...]
    tgt: tuple[Token, ...]
    src_ix: TokenIndex
    tgt_ix: TokenIndex
    bilingual: bool = field(init=False, repr=False, compare=False)
    omitted: bool = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        source, target = bool(self.unit.source.strip()), bool(self.unit.target.strip())
        object.__setattr__(self, "bilingual", source and target)
        object.__setattr__(self, "omitted", source and not target)


@dataclass(frozen=True)
class Entry:
    """A glossary entry with its patterns compiled for both languages."""

    entry: TermEntry
    sources: tuple[Pattern, ...]
    targets: tuple[Pattern, ...]
    forbidden: tuple[Pattern, ...]
    keep: Pattern | None

    @property
    def dnt(self) -> bool:
        return self.keep is not None


@dataclass(frozen=True, slots=True)
class Occurrence:
    """A glossary term in one segment's source, and which approved form its target has."""

    entry: int
    segment: int
    source: Match
    rendering: int  # index into the entry's targets, -1 when none is found
    target: Match | None  # the approved form's place, or (when none) a near miss


@dataclass(frozen=True)
class TextFacts:
    """What some checks ask of one text, answered ahead for a document's sentences
    (``align.terms.ahead``); a text not here is worked out by the check itself.

    ``source_keys``/``target_keys``: each text's repeat key (``checks_segments._key``);
    ``numbers``: whether a source holds a number to carry over (``numbers.to_carry``);
    ``repeats``: whether a target may repeat a word (``checks_typo._REPEAT`` finds one);
    ``marks``: a target's marks that French spaces (``checks_typo._marks``); ``names``:
    a source's names (``names.name_tokens`` of its tokens), for the sources of ``named``
    that hold any.
    """

    source_lang: str
    target_lang: str
    source_keys: Mapping[str, str]
    target_keys: Mapping[str, str]
    numbers: Mapping[str, bool]
    repeats: Mapping[str, bool]
    marks: Mapping[str, tuple[tuple[str, str, int, int], ...]]
    names: Mapping[str, tuple[Token, ...]]
    named: frozenset[str]


@dataclass(frozen=True)
class Context:
    """Input of every check. ``facts``: answers found ahead (:class:`TextFacts`), in the context's languages."""

    segments: tuple[Segment, ...]
    entries: tuple[Entry, ...]
    source_lang: str
    target_lang: str
    occurrences: tuple[Occurrence, ...] = field(default=())
    discovered: tuple[Discovered, ...] = field(default=())
    facts: TextFacts | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        f = self.facts
        if f is not None and (f.source_lang, f.target_lang) != (self.source_lang, self.target_lang):
            object.__setattr__(self, "facts", None)  # answers for other languages answer nothing here


def is_dnt(e: TermEntry) -> bool:
    """Do-not-translate: flagged so, or a name, acronym or code given as its own target.

    ``Veltrane → Veltrane`` and ``GPU → GPU`` are kept as they are; a common word spelt the
    same in both languages (``infection → infection``, ``virus → virus``) is an ordinary
    entry, matched with its French inflections (``infectées``).
    """
    same = bool(e.targets) and all(t == e.source for t in e.targets)
    return e.do_not_translate or (same and any(c.isupper() or c.isdigit() for c in e.source))


def inferred_dnt(e: TermEntry) -> bool:
    """Kept as is because the glossary repeats it, not because it says *do not translate*."""
    return is_dnt(e) and not e.do_not_translate


def localised(source: str) -> tuple[str, ...]:
    """Legitimate French forms of an acronym (``SARS`` → ``SRAS``)."""
    return localisations().get(source, ())


def compile_entry(e: TermEntry, source_lang: str, target_lang: str) -> Entry:
    cs = e.case_sensitive
    sources = tuple(compile_pattern(s, source_lang, cs) for s in (e.source, *e.source_synonyms) if s.strip())
    targets = tuple(compile_pattern(t, target_lang, cs) for t in e.targets if t.strip())
    forbidden = tuple(compile_pattern(t, target_lang, cs) for t in e.forbidden if t.strip())
    keep = compile_pattern(e.source, target_lang, True) if is_dnt(e) else None
    return Entry(e, sources, targets, forbidden, keep)


def build_context(
    units: Sequence[TranslationUnit], glossary: Sequence[TermEntry], source_lang: str, target_lang: str,
    known: Mapping[tuple[str, str], tuple[Token, ...]] | None = None, facts: TextFacts | None = None,
) -> Context:
    """Tokenise every unit and locate every glossary term (longest source match wins).

    ``known``: texts already tokenised, by (text, language) (``align.terms.pretokenised``);
    ``facts``: what some checks ask of single texts, answered ahead (``align.terms.ahead``).
    """
    segments = _segments(units, source_lang, target_lang, known)
    entries = tuple(compile_entry(e, source_lang, target_lang) for e in glossary)
    stop = function_words(target_lang)
    sources = tuple((i, p) for i, e in enumerate(entries) for p in e.sources)
    index = PatternIndex([p for _, p in sources])
    occurrences = tuple(o for k, seg in enumerate(segments) for o in _occurrences(k, seg, entries, stop,
                                                                                 sources, index))
    return Context(segments, entries, source_lang, target_lang, occurrences, facts=facts)


def _segments(units: Sequence[TranslationUnit], source_lang: str, target_lang: str,
              known: Mapping[tuple[str, str], tuple[Token, ...]] | None = None) -> tuple[Segment, ...]:
    """Every unit tokenised, each distinct text once (its tokens and index shared).

    Documents repeat sentences (headers, boilerplate, the benchmark's repeated book): a
    text tokenises the same wherever it is, and its token index is read-only, so units
    with the same text share both; the index's lazy maps are then built once per text.
    """
    seen: dict[tuple[str, str], tuple[tuple[Token, ...], TokenIndex]] = {}

    def side(text: str, lang: str) -> tuple[tuple[Token, ...], TokenIndex]:
        hit = seen.get((text, lang))
        if hit is None:
            tokens = known.get((text, lang)) if known else None
            if tokens is None:
                tokens = tokenize(text, lang)
            hit = seen[text, lang] = (tokens, index_tokens(tokens))
        return hit

    out = []
    for u in units:
        src, src_ix = side(u.source, source_lang)
        tgt, tgt_ix = side(u.target, target_lang)
        out.append(Segment(u, src, tgt, src_ix, tgt_ix))
    return tuple(out)


def _occurrences(k: int, seg: Segment, entries: Sequence[Entry], stop: frozenset[str] = frozenset(),
                 sources: Sequence[tuple[int, Pattern]] = (), index: PatternIndex | None = None,
                 ) -> list[Occurrence]:
    """Glossary terms in one segment's source; ``sources``/``index``: every entry's source
    patterns and their index (built once per document), so only patterns that can start
    at one of the segment's words are searched, in entry order as before."""
    if not seg.bilingual:
        return []
    if index is None:
        sources = tuple((i, p) for i, e in enumerate(entries) for p in e.sources)
        index = PatternIndex([p for _, p in sources])
    found = [(sources[n][0], m) for n in index.candidates(seg.src)
             for m in find(sources[n][1], seg.src, seg.unit.source, "plural", seg.src_ix)]
    seen: set[int] = set()
    taken: set[int] = set()
    out = []
    for i, m in sorted(longest_first(found), key=lambda c: (c[1].first - c[1].last, c[1].first)):
        if i in seen:  # one occurrence per term and segment: a bead either renders it or not
            continue
        seen.add(i)
        rendering, where = render(entries[i], seg, taken)
        if where is None and not entries[i].dnt:
            where = near_miss(entries[i], seg) or forbidden_at(entries[i], seg) or guess(seg, m, stop)
        elif where is not None:
            taken |= set(range(where.first, where.last))
        out.append(Occurrence(i, k, m, rendering, where))
    return sorted(out, key=lambda o: o.source.first)


def occurrences_by_entry(ctx: Context) -> dict[int, list[Occurrence]]:
    """Each entry's occurrences in document order (one pass, instead of one per entry)."""
    out: dict[int, list[Occurrence]] = {}
    for o in ctx.occurrences:
        out.setdefault(o.entry, []).append(o)
    return out


def render(e: Entry, seg: Segment, taken: set[int] = frozenset()) -> tuple[int, Match | None]:
    """Which approved form the target holds, strictest level first across all forms.

    Target words already claimed by a longer term's rendering are not reused: in
    ``SARS-CoV … (SARS)`` → ``SRAS-CoV … (SRAS)``, ``SARS`` needs its own ``SRAS``.
    """
    def free(hits: list[Match]) -> Match | None:
        return next((h for h in hits if not taken.intersection(range(h.first, h.last))), None)

    if e.keep is not None:
        hit = free(find(e.keep, seg.tgt, seg.unit.target, "plural", seg.tgt_ix))
        if hit is None and inferred_dnt(e.entry):  # SARS → SRAS: the French form (data/localisations.tsv)
            hit = next((h for loc in localised(e.entry.source) for h in
                        find(compile_pattern(loc, "fr", True), seg.tgt, seg.unit.target, "plural", seg.tgt_ix)
                        if not taken.intersection(range(h.first, h.last))), None)
        return (0, hit) if hit else (-1, None)
    for level in ("form", "stem", "loose"):
        for j, p in enumerate(e.targets):
            hit = free(find(p, seg.tgt, seg.unit.target, level, seg.tgt_ix))
            if hit:
                return j, hit
    for j, p in enumerate(e.targets):
        hit = free(derived(p, seg.tgt))
        if hit:
            return j, hit
    return -1, None


_ADJECTIVAL = ("al", "ale", "aux", "ales", "el", "elle", "els", "elles", "ique", "iques")


def derived(p: Pattern, tokens: Sequence[Token]) -> list[Match]:
    """A one-word approved noun as its French relational adjective: ``grippe`` → ``saison grippale``.

    Tried last, after every other level failed, and only for one-word forms of five
    letters or more: it lifts a failure (the translator rendered *influenza season* as
    ``saison grippale``), it never creates one.
    """
    if len(p.forms) != 1 or len(p.forms[0]) < 5:
        return []
    base = p.forms[0].removesuffix("e")
    return [Match(i, i + 1, "derived") for i, t in enumerate(tokens)
            if t.form.startswith(base) and t.form[len(base):] in _ADJECTIVAL]


NEAR_MISS_EXTRA = 3


def near_miss(e: Entry, seg: Segment) -> Match | None:
    """Where the target seems to render the term another way, for the reviewer to see.

    The shortest run of target words holding at least half of the approved form's content
    stems (``modèle de langage de grande`` for ``grand modèle de langage``); ``None``
    when nothing is shared (``jeune pousse`` for ``start-up``): a guess, never a finding.
    """
    best = None
    for p in e.targets:
        want = {p.stems[k] for k in p.content}
        hits = [i for i, t in enumerate(seg.tgt) if t.stem in want]
        if not hits or len({seg.tgt[i].stem for i in hits}) * 2 < len(want) or len(want) < 2:
            continue
        first, last = hits[0], hits[-1] + 1
        if last - first <= len(p.forms) + NEAR_MISS_EXTRA and (best is None or last - first < best.last - best.first):
            best = Match(first, last, "near")
    return best


def forbidden_at(e: Entry, seg: Segment) -> Match | None:
    """A forbidden variant of the term in the target (``jeune pousse`` for ``startup``)."""
    return next((m for p in e.forbidden for m in find(p, seg.tgt, seg.unit.target, "plural", seg.tgt_ix)), None)


GUESS_WORDS = 3


def guess(seg: Segment, source: Match, stop: frozenset[str] = frozenset()) -> Match | None:
    """The target words most likely to render the source term, so the reviewer reads them.

    No lexicon knows that ``jeune pousse`` renders ``startup``; but translations keep
    roughly the order of ideas, so the run of content words (no function word, no
    number, no word copied from the source) at the term's relative position is shown:
    ``A startup that sells…`` → ``Une jeune pousse qui se vend…`` gives ``jeune pousse``.
    A guess names what is there; it never decides whether there is a finding.
    """
    if not seg.tgt or not seg.src:
        return None
    copied = {t.form for t in seg.src}

    def content(i: int) -> bool:
        t = seg.tgt[i]
        return t.form not in stop and not t.form.isdigit() and t.form not in copied and len(t.form) > 1

    where = (source.first + source.last) / 2 / len(seg.src) * len(seg.tgt)
    order = sorted(range(len(seg.tgt)), key=lambda i: abs(i + 0.5 - where))
    centre = next((i for i in order[:4] if content(i)), None)
    if centre is None:
        return None
    first = last = centre
    while first > 0 and content(first - 1) and last - first + 1 < GUESS_WORDS:
        first -= 1
    while last + 1 < len(seg.tgt) and content(last + 1) and last - first + 1 < GUESS_WORDS:
        last += 1
    return Match(first, last + 1, "guess")


def span(tokens: Sequence[Token], m: Match | None) -> tuple[int, int]:
    """Character span of a match (``(0, 0)`` when there is none)."""
    return (tokens[m.first].start, tokens[m.last - 1].end) if m is not None else (0, 0)


__all__ = ["Context", "Entry", "Occurrence", "Segment", "build_context", "find_lenient", "occurrences_by_entry",
           "render", "span"]
