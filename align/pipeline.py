"""One document pair, end to end: segment → find untranslated text → align → units → terms.

``align_pair`` is pure (texts and a ``RunSettings`` in, a ``PairResult`` out); reading
files and writing outputs belong to ``align.job``, the one place that composes a job for
``align run``, ``align demo``, ``align terms`` and every pair of ``align batch``.
``run_pair`` is the same with keyword arguments, for Python users.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from concurrent.futures import BrokenExecutor, Executor, Future
from dataclasses import replace
from typing import Any

from align.aligner import align_texts, analyse_ahead
from align.config import AlignConfig, CheckConfig, RunSettings, SegmentConfig
from align.errors import DataError
from align.langcodes import LANGUAGES, base, candidates
from align.model import (
    MAX_UNIT_CHARS,
    SOURCE,
    TARGET,
    Alignment,
    Bead,
    Document,
    Finding,
    PairResult,
    SrxRules,
    TermEntry,
    TermStats,
    TranslationUnit,
    Unaligned,
)
from align.runtime import helper_ready, outlive
from align.segment import segment_text
from align.segment.langid import clearly_in, confidence, detect_many, label
from align.terms import check_document
from align.terms.ahead import facts_of
from align.terms.ahead import with_joined as joined_facts
from align.terms.context import TextFacts
from align.terms.pretokenised import Joins, Known, as_columns, keep, tokenise_sentences, with_joined
from align.terms.settings import CheckSettings, IgnoreRule

REASON_NO_PARTNER = "no counterpart found"
REASON_UNTRANSLATED = "untranslated: {lang} text in the {lang2} file (language confidence {confidence:.2f})"
REASON_COPIED = "left untranslated: copied as is into the target (target sentence {j})"
REASON_LOW_SCORE = "low confidence: score {score:.2f} < {minimum:.2f}"
REASON_TOO_LONG = "too long for a translation unit (over {limit:,} characters)"


def segment_document(
    text: str, lang: str, name: str = "", config: SegmentConfig | None = None, srx: SrxRules | None = None,
    detect_among: tuple[str, ...] = (), sample: int = 0,
) -> Document:
    """Segment ``text`` and label each sentence with its detected language, once.

    The label is carried on each ``Sentence`` (and on to each unit's ``target_lang``), so
    no later stage detects the language of the same text again. ``sample`` > 0: only that
    many sentences, evenly spaced, are labelled; the others keep ``lang == ""`` (not
    detected), which is all the source side needs (see ``CheckConfig.source_language_sample``).
    """
    return labelled(cut_document(text, lang, name, config, srx), detect_among, sample)


def cut_document(text: str, lang: str, name: str = "", config: SegmentConfig | None = None,
                 srx: SrxRules | None = None) -> Document:
    """``text`` segmented, no sentence labelled yet (:func:`labelled` does that)."""
    code = base(lang)
    sentences = segment_text(text, code, replace(config or SegmentConfig(), lang=code), srx=srx)
    if not sentences:
        raise DataError(f"{name or 'input'}: no sentence found")
    return Document(tuple(sentences), code, name)


def labelled(doc: Document, detect_among: tuple[str, ...] = (), sample: int = 0) -> Document:
    """``doc`` with its sentences' languages detected: all of them, or ``sample`` > 0 evenly spaced ones."""
    among = detect_among or candidates(doc.lang)
    sentences = doc.sentences
    if 0 < sample < len(sentences):
        picked = sorted({k * len(sentences) // sample for k in range(sample)})
        out = list(sentences)
        for i, s in zip(picked, label([sentences[i] for i in picked], among, prior=doc.lang), strict=True):
            out[i] = s
        return Document(tuple(out), doc.lang, doc.name)
    return Document(label(sentences, among, prior=doc.lang), doc.lang, doc.name)


def untranslated(target: Document, source_lang: str) -> list[int]:
    """Target sentences labelled with the source language: left untranslated by the translator."""
    src = base(source_lang)
    return [i for i, s in enumerate(target.sentences) if s.lang == src and base(target.lang) != src]


def run_pair(
    source_text: str,
    target_text: str,
    source_lang: str = "en",
    target_lang: str = "fr",
    glossary: Sequence[TermEntry] = (),
    config: AlignConfig = AlignConfig(),
    name: str = "",
    ignore: Collection[str] = (),
    on_stage: Callable[[str], None] | None = None,
) -> PairResult:
    """Align raw source text (possibly fragments) with its raw translation (keyword form).

    ``ignore``: finding ids a reviewer accepted (``--ignore``). The same as
    :func:`align_pair` with ``RunSettings(source_lang, target_lang, align=config)``.
    """
    settings = RunSettings(source_lang, target_lang, align=config,
                           checks=CheckConfig(ignore_ids=frozenset(ignore)))
    return align_pair(source_text, target_text, settings, glossary, name=name, on_stage=on_stage)


def align_pair(
    source_text: str,
    target_text: str,
    settings: RunSettings,
    glossary: Sequence[TermEntry] = (),
    srx: SrxRules | None = None,
    name: str = "",
    on_stage: Callable[[str], None] | None = None,
    helper: Executor | None = None,
) -> PairResult:
    """Align raw source text (possibly fragments) with its raw translation, as ``settings`` say.

    ``srx``: the rules of ``settings.segment.srx``, parsed by the caller (a file is user
    input). Target sentences left out of every unit still get the monolingual term checks
    (untranslated text, name variants). ``on_stage`` is told the name of each stage as it
    starts (for a progress display). ``helper``: a second process (``align.runtime``) that
    segments the source, aligns and discovers terms while this one does the rest; the same
    result without it.
    """
    stage = on_stage or (lambda _name: None)
    stage("segmenting")
    among = candidates(settings.source_lang, settings.target_lang)
    source, target = _segmented(source_text, target_text, settings, srx, helper)
    stage("aligning")
    config = settings.align
    if glossary and not config.dictionary:
        config = replace(config, dictionary=tuple((e.source, t) for e in glossary for t in e.targets))
    skipped = set(untranslated(target, source.lang))
    # How sure the detector was of each of these decisions (it switches a sentence away from
    # the document's language only at MIN_SWITCH or more): reported with the reason and in
    # the summary. One native call per sentence left untranslated, not per sentence.
    sure = tuple((j, round(confidence(target.sentences[j].text, source.lang, among), 4))
                 for j in sorted(skipped))
    copied = copied_sources(source, target, skipped)
    kept_s = [i for i in range(len(source.sentences)) if i not in copied]
    kept_t = [j for j in range(len(target.sentences)) if j not in skipped]
    inner, known, facts = _aligned(source, target, kept_s, kept_t, config, helper)
    alignment = _lift(inner, kept_s, kept_t, len(source.sentences), len(target.sentences))
    units, unit_beads, unaligned = _units(source, target, alignment, dict(sure), copied, config, name)
    joins: Joins = {}
    if known is not None:  # tokens made during the alignment: a unit of several sentences takes theirs
        joins = _joins(units, unit_beads, source, target)
        known = with_joined(known, joins)
        facts = joined_facts(facts, joins)
    stage("checking terms")
    alone = tuple(TranslationUnit("", u.text, f"t{u.index + 1:04d}", 0.0, "0-1", name,
                                  target_lang=target.sentences[u.index].lang)
                  for u in unaligned if u.side == TARGET)
    # A source sentence with no counterpart is a possible omission the reviewer must see.
    alone += tuple(TranslationUnit(u.text, "", f"s{u.index + 1:04d}", 0.0, "1-0", name)
                   for u in unaligned if u.side == SOURCE and u.reason == REASON_NO_PARTNER)
    terms, findings, ignored = check_terms(units + alone, glossary, settings, helper=helper, known_tokens=known,
                                           joins=joins, facts=facts)
    outlive(known, facts)  # freed with the process where it ends without freeing (align.runtime)
    return PairResult(source, target, alignment, units, unit_beads, unaligned, findings, terms, ignored=ignored,
                      language_confidence=sure)


def _joins(units: Sequence[TranslationUnit], beads: Sequence[Bead], source: Document,
           target: Document) -> dict[tuple[str, str], tuple[int, ...]]:
    """Each side of a unit made of several sentences, by (text, language): their lengths
    (``pretokenised.with_joined`` makes its tokens from theirs, in both processes)."""
    out: dict[tuple[str, str], tuple[int, ...]] = {}
    for unit, bead in zip(units, beads, strict=True):
        for text, indices, doc in ((unit.source, bead.src, source), (unit.target, bead.tgt, target)):
            if len(indices) > 1:
                out[text, doc.lang] = tuple(len(doc.sentences[i].text) for i in indices)
    return out


def _segmented(source_text: str, target_text: str, settings: RunSettings, srx: SrxRules | None,
               helper: Executor | None) -> tuple[Document, Document]:
    """Both texts segmented and labelled: the target here, the source cut beside it in the helper.

    The target is the larger task (every sentence's language is decided; the source's only
    on a sample), and a Document made here need not cross processes. The helper only cuts
    the source into sentences (and analyses them for the aligner, then the target's while
    they are labelled here: ``aligner.analyse_ahead``): the sample's languages are decided
    here, where the detector's models are loaded already (loading them in the helper too
    took both cores at once while the job waited for its own). The helper takes the source only if
    it is ready for it by the time the target is done: on a short text, starting its
    interpreter takes longer than the source, which is then segmented here too (the
    helper's copy is left unread). When both texts are refused, the source's error is the
    one raised, as without a helper.
    """
    among = candidates(settings.source_lang, settings.target_lang)
    source_args = (source_text, settings.source_lang, "source", settings.segment, srx)
    later = _submit(helper, cut_for_alignment, *source_args)
    try:
        target = cut_document(target_text, settings.target_lang, "target", settings.segment, srx)
    except DataError:
        _source(later, helper, source_args)  # the source's own error, if it has one, comes first
        raise
    if later is not None and helper_ready(helper):
        _submit(helper, analyse_ahead, target.texts)  # there, while the target is labelled here
    target = labelled(target, among)
    return labelled(_source(later, helper, source_args), among, settings.checks.source_language_sample), target


def cut_for_alignment(text: str, lang: str, name: str = "", config: SegmentConfig | None = None,
                      srx: SrxRules | None = None) -> Document:
    """The helper's task: :func:`cut_document`, its sentences then analysed for the
    alignment it will make next (``aligner.analyse_ahead``), while the job is still busy
    with the target."""
    doc = cut_document(text, lang, name, config, srx)
    analyse_ahead(doc.texts)
    return doc


def _source(later: Future | None, helper: Executor | None, args: tuple) -> Document:
    """The helper's source if it has it or is working on it; else cut here."""
    if later is not None and (later.done() or helper_ready(helper)):
        found = _result(later)
        if found is not None:
            return found
    return cut_document(*args)


def _submit(helper: Executor | None, fn: Callable, *args: object) -> Future | None:
    """``fn(*args)`` sent to the helper process (``align.runtime``); None without one, or
    when it could not start (the caller then does the work itself)."""
    if helper is None:
        return None
    try:
        return helper.submit(fn, *args)
    except (BrokenExecutor, RuntimeError):  # RuntimeError: the pool was shut down
        return None


def _result(future: Future | None) -> Any:
    """The helper's result; None (the caller does the work itself) if it has died. An
    error the work itself raised (a ``DataError`` on the input) is raised here."""
    if future is None:
        return None
    try:
        return future.result()
    except BrokenExecutor:
        return None


def _aligned(source: Document, target: Document, kept_s: Sequence[int], kept_t: Sequence[int],
             config: AlignConfig, helper: Executor | None) -> tuple[Alignment, Known | None, TextFacts | None]:
    """The kept sentences aligned, and what was found about the sentences meanwhile.

    With a helper that has started, the helper aligns while this process, otherwise idle,
    tokenises every sentence for the term stage and sends the tokens on for the helper's
    term discovery (``align.terms.pretokenised``), then answers what the checks will ask
    of each sentence (``align.terms.ahead``). The alignment is the one this process would
    make (the same function of the same texts); if the helper dies, it is made here.
    """
    args = ([source.sentences[i].text for i in kept_s], [target.sentences[j].text for j in kept_t],
            [source.sentences[i].block for i in kept_s], config)
    aligning = _submit(helper, align_texts, *args) if helper_ready(helper) else None
    if aligning is None:
        return align_texts(*args), None, None
    known = tokenise_sentences(source.texts, target.texts, source.lang, target.lang)
    facts = facts_of(source.texts, target.texts, source.lang, target.lang, known)
    _submit(helper, keep, as_columns(known), facts)
    return _result(aligning) or align_texts(*args), known, facts


def check_settings(c: CheckConfig) -> CheckSettings:
    """The profile's ``CheckConfig`` in the form the term stage runs with (rules compiled)."""
    return CheckSettings(
        disabled=c.disabled, only=c.only, severities=c.severities, ignore_ids=c.ignore_ids,
        ignore_rules=tuple(IgnoreRule(term, check) for term, check in c.ignore_rules),
        intentional_english=c.intentional_english, shown_per_check=c.shown_per_check, discover=c.discover,
    )


def check_terms(
    units: Sequence[TranslationUnit], glossary: Sequence[TermEntry], settings: RunSettings,
    extra_ignore: Collection[str] = (), helper: Executor | None = None, known_tokens: Known | None = None,
    joins: Joins | None = None, facts: TextFacts | None = None,
) -> tuple[tuple[TermStats, ...], tuple[Finding, ...], int]:
    """The term checks as the settings say: which run, their severity, what was accepted.

    Used by ``align_pair`` and by ``align terms`` (``align.job``), so a profile's decisions
    apply the same way to an alignment made here and to a CAT tool's memory.
    """
    report = check_document(units, glossary, source_lang=base(settings.source_lang),
                            target_lang=base(settings.target_lang), ignore=extra_ignore,
                            settings=check_settings(settings.checks), helper=helper,
                            known_tokens=known_tokens, joins=joins, facts=facts)
    return report.terms, report.findings, report.ignored


def copied_sources(source: Document, target: Document, skipped: set[int]) -> dict[int, int]:
    """Source sentences the translator left untranslated: same text as a skipped target one.

    Their only "translation" is the English copy left in the French file, which is not a
    translation unit; aligning them anyway would glue them onto a neighbour's bead.
    """
    copies = {_norm(target.sentences[j].text): j for j in sorted(skipped, reverse=True)}
    return {i: copies[_norm(s.text)] for i, s in enumerate(source.sentences) if _norm(s.text) in copies}


def _norm(text: str) -> str:
    return " ".join(text.replace("’", "'").casefold().split())


def _lift(inner: Alignment, kept_s: Sequence[int], kept_t: Sequence[int], n_src: int, n_tgt: int) -> Alignment:
    """Map the indices of an alignment over the kept sentences back to the full texts."""
    if len(kept_s) == n_src and len(kept_t) == n_tgt:
        return inner  # nothing was set aside: the kept sentences are all of them, in order
    beads = [Bead(tuple(kept_s[i] for i in b.src), tuple(kept_t[j] for j in b.tgt), b.score) for b in inner.beads]
    covered_s, covered_t = set(kept_s), set(kept_t)
    beads += [Bead((i,), (), 0.0) for i in range(n_src) if i not in covered_s]
    beads += [Bead((), (j,), 0.0) for j in range(n_tgt) if j not in covered_t]
    return Alignment(tuple(beads), n_src, n_tgt)


def _units(
    source: Document, target: Document, alignment: Alignment, skipped: dict[int, float], copied: dict[int, int],
    config: AlignConfig, name: str,
) -> tuple[tuple[TranslationUnit, ...], tuple[Bead, ...], tuple[Unaligned, ...]]:
    units, beads, unaligned = [], [], []
    src_s, tgt_s = source.sentences, target.sentences
    src_t, tgt_t = source.texts, target.texts  # once: rebuilding them per bead is beads x sentences
    ordered = sorted(alignment.beads, key=lambda b: (b.src[0] if b.src else len(src_s), b.tgt or (0,)))
    for bead in ordered:
        long = not bead.is_null and too_long(bead, src_t, tgt_t)
        if not bead.is_null and bead.score >= config.min_score and not long:
            langs = {tgt_s[j].lang for j in bead.tgt}
            units.append(unit_of(bead, src_t, tgt_t, len(units) + 1, name, langs.pop() if len(langs) == 1 else ""))
            beads.append(bead)
            continue
        reason = REASON_NO_PARTNER if bead.is_null else REASON_TOO_LONG.format(limit=MAX_UNIT_CHARS) if long \
            else REASON_LOW_SCORE.format(score=bead.score, minimum=config.min_score)
        unaligned += [
            Unaligned(SOURCE, i, src_s[i].text, REASON_COPIED.format(j=copied[i]) if i in copied else reason)
            for i in bead.src
        ]
        for j in bead.tgt:
            why = REASON_UNTRANSLATED.format(lang=source.lang, lang2=target.lang, confidence=skipped[j]) \
                if j in skipped else reason
            unaligned.append(Unaligned(TARGET, j, tgt_s[j].text, why))
    return tuple(units), tuple(beads), tuple(unaligned)


def too_long(bead: Bead, src: Sequence[str], tgt: Sequence[str]) -> bool:
    """A side over ``MAX_UNIT_CHARS``: kept out of the TMX, which must read back (see model)."""
    return sum(len(src[i]) + 1 for i in bead.src) > MAX_UNIT_CHARS or \
        sum(len(tgt[j]) + 1 for j in bead.tgt) > MAX_UNIT_CHARS


def unit_of(bead: Bead, src: Sequence[str], tgt: Sequence[str], number: int, name: str = "",
            target_lang: str = "") -> TranslationUnit:
    """The translation unit of one bead: each side's sentences joined with a space, as they read.

    Used by ``run_pair`` and by ``align pair`` (pre-segmented input), so both number and
    join units the same way. ``target_lang``: the target sentences' language, when they
    share one (given here: ``dataclasses.replace`` afterwards was half of ``_units``' time).
    """
    return TranslationUnit(" ".join(src[i] for i in bead.src), " ".join(tgt[j] for j in bead.tgt),
                           f"b{number:04d}", bead.score, bead.kind, name, target_lang=target_lang)


# Fewer words than this are too little evidence to call a target untranslated ("<i>x</i>" has
# the English function word "i"; "OK" or a name is the same in both languages).
MIN_WORDS = 3
LABEL_CHUNK = 1024  # targets language-checked in one batch (Lingua runs a batch in parallel, natively)
_WORD = re.compile(r"[^\W\d_]+")


def label_targets(units: Iterable[TranslationUnit], source_lang: str, target_lang: str) -> Iterator[TranslationUnit]:
    """Units from elsewhere (a memory to convert, pre-split lines) with ``target_lang`` detected, streamed.

    Only targets of three words or more that a function-word count does not already place
    in the target language are asked of the detector, in batches; the rest are labelled
    with the target language. The TMX writer then leaves out units whose target is in the
    source language, without detecting anything itself.
    """
    s, t = base(source_lang), base(target_lang)
    known = s != t and s in LANGUAGES and t in LANGUAGES
    chunk: list[TranslationUnit] = []
    for unit in units:
        chunk.append(unit)
        if len(chunk) == LABEL_CHUNK:
            yield from _label_chunk(chunk, s, t, known)
            chunk = []
    yield from _label_chunk(chunk, s, t, known)


def _label_chunk(chunk: list[TranslationUnit], s: str, t: str, known: bool) -> list[TranslationUnit]:
    if not known or not chunk:
        return chunk
    asked = [k for k, u in enumerate(chunk) if not u.target_lang and len(_WORD.findall(u.target)) >= MIN_WORDS
             and not clearly_in(u.target, t, s)]
    out = [u if u.target_lang else replace(u, target_lang=t) for u in chunk]
    for k, lang in zip(asked, detect_many([chunk[k].target for k in asked], (s, t)), strict=True):
        out[k] = replace(chunk[k], target_lang=lang)
    return out
