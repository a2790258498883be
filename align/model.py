"""The vocabulary every stage shares: frozen data classes, no behaviour beyond checks.

Stages pass index tuples into these records rather than copies of text, so an alignment
can always be traced back to the exact sentence (and character offsets) it came from.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from operator import attrgetter, is_
from typing import Any

from align.errors import DataError

SOURCE = "source"
TARGET = "target"

MAX_UNIT_CHARS = 1_000_000
"""The longest side of a translation unit. libxml2 (so our TMX reader, and most CAT tools)
refuses a text node over 10 MB without ``huge_tree``, which would also lift its depth
guard; a "sentence" of a million characters is a file with no punctuation, not a unit.
Longer pairs go to unaligned.tsv with their reason, so every TMX we write reads back."""


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of an input text, with where it sits in that text.

    ``start``/``end`` are character offsets into the text that was segmented, so that
    ``text == original[start:end]`` always holds (Kiss & Strunk 2006's Punkt keeps spans
    for the same reason: a segmenter must not rewrite what it cuts). ``paragraph`` is the
    index of the line (paragraph) and ``block`` the index of the blank-line separated
    passage; a fragments file uses blocks for its passages. ``lang`` is the detected
    language code ("" when not detected).
    """

    text: str
    start: int
    end: int
    paragraph: int = 0
    block: int = 0
    lang: str = ""

    def __reduce_ex__(self, protocol: Any) -> Any:
        """Pickled as its six fields (a subclass: the default way)."""
        if type(self) is not Sentence:
            return object.__reduce_ex__(self, protocol)
        return Sentence, (self.text, self.start, self.end, self.paragraph, self.block, self.lang)


@dataclass(frozen=True, slots=True)
class Document:
    """A segmented text: its sentences in order and the language it is meant to be in."""

    sentences: tuple[Sentence, ...]
    lang: str
    name: str = ""
    texts: tuple[str, ...] = field(init=False, repr=False, compare=False)
    """The sentences' texts, built once: stages index it per unit (a property rebuilt it for
    every unit, beads x sentences: 1,420 s for ``align run`` at 100k sentences)."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "texts", tuple(s.text for s in self.sentences))

    def __reduce_ex__(self, protocol: Any) -> Any:
        """Pickled as columns, one list per field of its sentences (``align run`` sends the
        target's 118,000 sentences from its helper process: 0.9 s object by object through
        the data classes' ``__setstate__``, 0.1 s this way). A subclass, or sentences that are
        not a tuple of plain ``Sentence``, are pickled the default way."""
        sentences = self.sentences
        if type(self) is not Document or type(sentences) is not tuple or set(map(type, sentences)) - {Sentence}:
            return object.__reduce_ex__(self, protocol)
        texts = self.texts
        if type(texts) is not tuple or len(texts) != len(sentences) or not all(
                map(is_, texts, map(attrgetter("text"), sentences))):
            return object.__reduce_ex__(self, protocol)  # not the texts __post_init__ made
        columns = tuple(list(map(attrgetter(f), sentences)) for f in _SENTENCE_FIELDS[1:])
        return _document, (self.lang, self.name, texts, *columns)


_SENTENCE_FIELDS = ("text", "start", "end", "paragraph", "block", "lang")
_SENTENCE_SLOTS = tuple(vars(Sentence)[f].__set__ for f in _SENTENCE_FIELDS)


def _document(lang: Any, name: Any, texts: tuple[Any, ...], *columns: list[Any]) -> Document:
    """A ``Document`` from its pickled columns (``texts``: its own field, its sentences'
    texts): each sentence is made through its slots' own setters (a frozen data class's
    ``__init__`` sets each field from Python through ``object.__setattr__``)."""
    new = object.__new__
    set_text, set_start, set_end, set_paragraph, set_block, set_lang = _SENTENCE_SLOTS
    sentences = []
    append = sentences.append
    for text, start, end, paragraph, block, lang_ in zip(texts, *columns, strict=True):
        s = new(Sentence)
        set_text(s, text)
        set_start(s, start)
        set_end(s, end)
        set_paragraph(s, paragraph)
        set_block(s, block)
        set_lang(s, lang_)
        append(s)
    doc = new(Document)
    set_sentences, set_doc_lang, set_name, set_texts = (vars(Document)[f].__set__ for f in (
        "sentences", "lang", "name", "texts"))
    set_sentences(doc, tuple(sentences))
    set_doc_lang(doc, lang)
    set_name(doc, name)
    set_texts(doc, texts)
    return doc


@dataclass(frozen=True, slots=True)
class Bead:
    """A link between consecutive source sentences and consecutive target sentences.

    ``src``/``tgt`` are sentence indices (either may be empty for a 1-0 or 0-1 bead), as in
    Vecalign's ``[i]:[j, k]`` link format. ``score`` is a confidence in [0, 1].
    """

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    score: float = 1.0

    @property
    def kind(self) -> str:
        """The bead type as translators say it: ``1-1``, ``2-1``, ``0-1``…"""
        return f"{len(self.src)}-{len(self.tgt)}"

    @property
    def is_null(self) -> bool:
        return not self.src or not self.tgt

    def __reduce_ex__(self, protocol: Any) -> Any:
        """Pickled as its three fields (a subclass: the default way)."""
        if type(self) is not Bead:
            return object.__reduce_ex__(self, protocol)
        return Bead, (self.src, self.tgt, self.score)


@dataclass(frozen=True, slots=True)
class Unaligned:
    """A sentence left out of every translation unit, and why (nothing is silently lost)."""

    side: str
    index: int
    text: str
    reason: str


@dataclass(frozen=True)
class Alignment:
    """Beads over two sentence lists; building one checks conservation.

    Every source and every target index must appear in exactly one bead (null beads
    included): that is what guarantees that each input sentence ends up either in a
    translation unit or in the unaligned list.
    """

    beads: tuple[Bead, ...]
    n_src: int
    n_tgt: int

    def __post_init__(self) -> None:
        _check_cover(self.beads, "src", self.n_src)
        _check_cover(self.beads, "tgt", self.n_tgt)

    @property
    def pairs(self) -> tuple[Bead, ...]:
        """Beads with both sides non-empty: the candidates for translation units."""
        return tuple(b for b in self.beads if not b.is_null)

    def __reduce_ex__(self, protocol: Any) -> Any:
        """Pickled as columns (the beads' sources, targets and scores), rebuilt without the
        conservation check it passed when it was made; anything unusual (a subclass, beads
        that are not a tuple of plain ``Bead``, more attributes) the default way."""
        beads = self.beads
        if (type(self) is not Alignment or type(beads) is not tuple or set(map(type, beads)) - {Bead}
                or vars(self).keys() != {"beads", "n_src", "n_tgt"}):
            return object.__reduce_ex__(self, protocol)
        columns = tuple(list(map(attrgetter(f), beads)) for f in ("src", "tgt", "score"))
        return _alignment, (self.n_src, self.n_tgt, *columns)


_BEAD_SLOTS = tuple(vars(Bead)[f].__set__ for f in ("src", "tgt", "score"))


def _alignment(n_src: Any, n_tgt: Any, srcs: list[Any], tgts: list[Any], scores: list[Any]) -> Alignment:
    """An ``Alignment`` from its pickled columns, each bead made through its slots' setters."""
    new = object.__new__
    set_src, set_tgt, set_score = _BEAD_SLOTS
    beads = []
    append = beads.append
    for src, tgt, score in zip(srcs, tgts, scores, strict=True):
        b = new(Bead)
        set_src(b, src)
        set_tgt(b, tgt)
        set_score(b, score)
        append(b)
    alignment = new(Alignment)
    object.__setattr__(alignment, "beads", tuple(beads))
    object.__setattr__(alignment, "n_src", n_src)
    object.__setattr__(alignment, "n_tgt", n_tgt)
    return alignment


def _check_cover(beads: Sequence[Bead], side: str, n: int) -> None:
    label = "source" if side == "src" else "target"
    seen = [0] * n
    for bead in beads:
        for i in getattr(bead, side):
            if not 0 <= i < n:
                raise DataError(f"alignment refers to {label} sentence {i}, but there are only {n}")
            seen[i] += 1
    bad = [i for i, c in enumerate(seen) if c != 1]
    if bad:
        raise DataError(f"alignment covers {label} sentence {bad[0]} {seen[bad[0]]} times, not once")


def null_beads(indices: Iterable[int], side: str) -> list[Bead]:
    """1-0 (``side='src'``) or 0-1 beads for sentences that found no partner."""
    if side == "src":
        return [Bead((i,), (), 0.0) for i in indices]
    return [Bead((), (i,), 0.0) for i in indices]


@dataclass(frozen=True, slots=True)
class TranslationUnit:
    """One aligned pair as it goes into a TMX ``<tu>`` or a TSV row."""

    source: str
    target: str
    tuid: str = ""
    score: float = 1.0
    bead: str = "1-1"
    document: str = ""
    props: tuple[tuple[str, str], ...] = ()
    inline_markup: bool = False
    """True when a TMX reader reduced inline codes (bpt ept ph it ut hi sub) to plain text."""
    target_lang: str = ""
    """The target's language as detected once, when its sentences were labelled ("" = not known)."""


@dataclass(frozen=True, slots=True)
class TermEntry:
    """A glossary entry: approved target forms, forbidden ones, and how to match."""

    source: str
    targets: tuple[str, ...]
    note: str = ""
    forbidden: tuple[str, ...] = ()
    do_not_translate: bool = False
    case_sensitive: bool = False
    source_synonyms: tuple[str, ...] = ()

    @property
    def target(self) -> str:
        return self.targets[0] if self.targets else ""


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem a reviewer must look at; ``id`` is stable across runs (for --ignore)."""

    id: str
    check: str
    severity: str
    term: str
    found: str
    expected: str
    bead: str
    source: str
    target: str
    message: str = ""
    source_span: tuple[int, int] = (0, 0)
    target_span: tuple[int, int] = (0, 0)
    unit_type: str = ""
    """The unit's type as the aligner made it (``1-1``, ``2-1``, ``0-1`` for a target sentence alone)."""
    confidence: float = 1.0
    """The unit's alignment confidence (its score), so a reviewer weighs a finding on a doubtful unit."""
    group: str = ""
    """Findings with the same check, term, found and expected words share a group id (one line in a report)."""


@dataclass(frozen=True, slots=True)
class Rendering:
    """One target rendering of a term, with the beads it was seen in."""

    text: str
    count: int
    beads: tuple[str, ...] = ()
    approved: bool = False


@dataclass(frozen=True, slots=True)
class TermStats:
    """Consistency of one source term over a document (scores from counts)."""

    term: str
    occurrences: int
    renderings: tuple[Rendering, ...]
    expected: str = ""
    origin: str = "glossary"
    missing: int = 0
    compliant: int = 0

    @property
    def majority_share(self) -> float:
        total = sum(r.count for r in self.renderings)
        return max((r.count for r in self.renderings), default=0) / total if total else 1.0

    @property
    def consistency(self) -> float:
        """Σ share² over renderings: 1.0 when one rendering only (a Herfindahl index)."""
        total = sum(r.count for r in self.renderings)
        return sum((r.count / total) ** 2 for r in self.renderings) if total else 1.0

    @property
    def compliance(self) -> float:
        return self.compliant / self.occurrences if self.occurrences else 1.0


@dataclass(frozen=True, slots=True)
class EvalCounts:
    """Summable counts for strict/lax precision and recall (as Vecalign's score.py)."""

    strict_tp_p: int = 0
    lax_tp_p: int = 0
    n_pred: int = 0
    strict_tp_r: int = 0
    lax_tp_r: int = 0
    n_gold: int = 0

    def __add__(self, other: EvalCounts) -> EvalCounts:
        return EvalCounts(*(a + b for a, b in zip(_astuple(self), _astuple(other), strict=True)))


def _astuple(c: EvalCounts) -> tuple[int, ...]:
    return (c.strict_tp_p, c.lax_tp_p, c.n_pred, c.strict_tp_r, c.lax_tp_r, c.n_gold)


@dataclass(frozen=True)
class PairResult:
    """Everything one document pair produced: the pipeline's single return value."""

    source: Document
    target: Document
    alignment: Alignment
    units: tuple[TranslationUnit, ...]
    unit_beads: tuple[Bead, ...]
    unaligned: tuple[Unaligned, ...]
    findings: tuple[Finding, ...] = ()
    terms: tuple[TermStats, ...] = ()
    notes: tuple[str, ...] = field(default=())
    ignored: int = 0  # findings a reviewer's decisions kept out of the reports
    language_confidence: tuple[tuple[int, float], ...] = ()
    """Target sentences judged to be in the source language (left untranslated), each with
    the language detector's confidence in that decision (0-1), in document order."""


@dataclass(frozen=True)
class SrxRule:
    """One SRX rule: break or exception, with its two (Java) regular expressions."""

    brk: bool
    before: str
    after: str


@dataclass(frozen=True)
class SrxRules:
    """A parsed SRX file: named language rules and the language maps, in file order.

    Frozen data between ``align.formats.srx`` (which parses the user's file) and
    ``align.segment.srx`` (which applies the rules), so neither imports the other.
    """

    cascade: bool
    languages: tuple[tuple[str, tuple[SrxRule, ...]], ...]
    maps: tuple[tuple[str, str], ...]  # (languagepattern, languagerulename)

    def rules_for(self, lang: str) -> tuple[SrxRule, ...]:
        """The rules applying to ``lang`` (first matching map, or all of them with cascade)."""
        by_name = dict(self.languages)
        chosen: list[SrxRule] = []
        for pattern, name in self.maps:
            if _language_matches(pattern, lang):
                chosen.extend(by_name.get(name, ()))
                if not self.cascade:
                    break
        return tuple(chosen)


def _language_matches(pattern: str, lang: str) -> bool:
    """An SRX ``languagepattern`` (``FR.*``, ``[Ee][Nn].*``) against a tag; a pattern the
    standard library cannot read matches nothing rather than failing the whole file."""
    try:
        return re.fullmatch(pattern, lang, flags=re.IGNORECASE) is not None
    except re.error:
        return False
