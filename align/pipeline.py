"""One document pair, end to end: segment → find untranslated text → align → units → terms.

``run_pair`` is pure (texts in, a ``PairResult`` out); reading files and writing outputs
belong to the callers (the CLI, the batch runner), so the same code serves both.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import replace

from align.aligner import align_texts
from align.config import AlignConfig
from align.errors import DataError
from align.langcodes import base
from align.model import (
    SOURCE,
    TARGET,
    Alignment,
    Bead,
    Document,
    PairResult,
    TermEntry,
    TranslationUnit,
    Unaligned,
)
from align.segment import segment_text
from align.segment.langid import label
from align.terms import check_pairs

REASON_NO_PARTNER = "no counterpart found"
REASON_UNTRANSLATED = "untranslated: {lang} text in the {lang2} file"
REASON_COPIED = "left untranslated: copied as is into the target (target sentence {j})"
REASON_LOW_SCORE = "low confidence: score {score:.2f} < {minimum:.2f}"


def segment_document(text: str, lang: str, name: str = "") -> Document:
    """Segment ``text`` and label each sentence with its detected language."""
    sentences = segment_text(text, lang)
    if not sentences:
        raise DataError(f"{name or 'input'}: no sentence found")
    candidates = ("en", "fr")
    labelled = label(sentences, candidates, prior=base(lang))
    return Document(labelled, base(lang), name)


def untranslated(target: Document, source_lang: str) -> list[int]:
    """Target sentences written in the source language: left untranslated by the translator."""
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
    """Align raw source text (possibly fragments) with its raw translation.

    ``ignore``: finding ids a reviewer accepted (``--ignore``). Target sentences left out
    of every unit still get the monolingual term checks (untranslated text, name variants).
    ``on_stage`` is told the name of each stage as it starts (for a progress display).
    """
    stage = on_stage or (lambda _name: None)
    stage("segmenting")
    source = segment_document(source_text, source_lang, "source")
    target = segment_document(target_text, target_lang, "target")
    stage("aligning")
    if glossary and not config.dictionary:
        config = replace(config, dictionary=tuple((e.source, t) for e in glossary for t in e.targets))
    skipped = set(untranslated(target, source_lang))
    copied = copied_sources(source, target, skipped)
    kept_s = [i for i in range(len(source.sentences)) if i not in copied]
    kept_t = [j for j in range(len(target.sentences)) if j not in skipped]
    inner = align_texts(
        [source.sentences[i].text for i in kept_s], [target.sentences[j].text for j in kept_t],
        [source.sentences[i].block for i in kept_s], config,
    )
    alignment = _lift(inner, kept_s, kept_t, len(source.sentences), len(target.sentences))
    units, unit_beads, unaligned = _units(source, target, alignment, skipped, copied, config, name)
    stage("checking terms")
    alone = tuple(TranslationUnit("", u.text, f"t{u.index + 1:04d}", 0.0, "0-1", name)
                  for u in unaligned if u.side == TARGET)
    # A source sentence with no counterpart is a possible omission the reviewer must see.
    alone += tuple(TranslationUnit(u.text, "", f"s{u.index + 1:04d}", 0.0, "1-0", name)
                   for u in unaligned if u.side == SOURCE and u.reason == REASON_NO_PARTNER)
    terms, findings = check_pairs(units + alone, glossary, source_lang=source_lang, target_lang=target_lang,
                                  ignore=ignore)
    return PairResult(source, target, alignment, units, unit_beads, unaligned, findings, terms)


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
    beads = [Bead(tuple(kept_s[i] for i in b.src), tuple(kept_t[j] for j in b.tgt), b.score) for b in inner.beads]
    covered_s, covered_t = set(kept_s), set(kept_t)
    beads += [Bead((i,), (), 0.0) for i in range(n_src) if i not in covered_s]
    beads += [Bead((), (j,), 0.0) for j in range(n_tgt) if j not in covered_t]
    return Alignment(tuple(beads), n_src, n_tgt)


def _units(
    source: Document, target: Document, alignment: Alignment, skipped: set[int], copied: dict[int, int],
    config: AlignConfig, name: str,
) -> tuple[tuple[TranslationUnit, ...], tuple[Bead, ...], tuple[Unaligned, ...]]:
    units, beads, unaligned = [], [], []
    src_s, tgt_s = source.sentences, target.sentences
    ordered = sorted(alignment.beads, key=lambda b: (b.src[0] if b.src else len(src_s), b.tgt or (0,)))
    for bead in ordered:
        if not bead.is_null and bead.score >= config.min_score:
            units.append(unit_of(bead, source.texts, target.texts, len(units) + 1, name))
            beads.append(bead)
            continue
        reason = REASON_LOW_SCORE.format(score=bead.score, minimum=config.min_score) if not bead.is_null \
            else REASON_NO_PARTNER
        unaligned += [
            Unaligned(SOURCE, i, src_s[i].text, REASON_COPIED.format(j=copied[i]) if i in copied else reason)
            for i in bead.src
        ]
        for j in bead.tgt:
            why = REASON_UNTRANSLATED.format(lang=source.lang, lang2=target.lang) if j in skipped else reason
            unaligned.append(Unaligned(TARGET, j, tgt_s[j].text, why))
    return tuple(units), tuple(beads), tuple(unaligned)


def unit_of(bead: Bead, src: Sequence[str], tgt: Sequence[str], number: int, name: str = "") -> TranslationUnit:
    """The translation unit of one bead: each side's sentences joined with a space, as they read.

    Used by ``run_pair`` and by ``align pair`` (pre-segmented input), so both number and
    join units the same way.
    """
    return TranslationUnit(" ".join(src[i] for i in bead.src), " ".join(tgt[j] for j in bead.tgt),
                           f"b{number:04d}", bead.score, bead.kind, name)
