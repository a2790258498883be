"""The one front door: read the inputs → ``align_pair`` → write the outputs, for every command.

``align run``, ``align demo``, every pair of ``align batch`` (``run_job``) and ``align
terms`` (``terms_job``) compose a job here and nowhere else, so they read glossaries with
the same languages, apply the same profile and write through the same writer registry:
the same pair with the same ``RunSettings`` gives the same findings whichever command ran
it, and the settings' signature in every output says so. Layer 2: it composes input/output
(``formats``, ``io``) with the pure pipeline.
"""

from __future__ import annotations

import functools
import hashlib
import io
import os
from collections.abc import Callable, Sequence
from concurrent.futures import Executor
from contextlib import ExitStack
from dataclasses import dataclass, replace
from pathlib import Path

from align.config import RunSettings
from align.errors import DataError, UsageError
from align.formats.document import ReadDocument
from align.formats.glossary import parse_glossary
from align.formats.readers import parse_document, read_document
from align.formats.srx_sources import SHORTCUTS
from align.formats.srx_sources import load_srx as load_rules
from align.formats.tmx import read_tmx
from align.formats.tsv import is_alignment_tsv, read_alignment
from align.formats.xliff import is_xliff, read_xliff
from align.io import decode, read_bytes, read_text, xml_root
from align.langcodes import base, candidates, language_name
from align.model import PairResult, SrxRules, TermEntry, TermStats, TranslationUnit
from align.pipeline import align_pair, check_terms, segment_document
from align.report.json import parse_ignore
from align.report.outputs import RUN_OUTPUTS, TERM_OUTPUTS, TITLES, Bundle, bundle_of, write_set
from align.runtime import collector_paused, helper_process, helper_wanted
from align.segment.langid import warm_up
from align.terms import CHECKS

# A side is taken for the other language when this share of its sentences is labelled so.
SWAPPED_SHARE = 0.6


@dataclass(frozen=True)
class Inputs:
    """What a job reads besides its documents, read once: the glossary, accepted ids, SRX rules."""

    settings: RunSettings  # with the glossary's digest filled in
    glossary: tuple[TermEntry, ...] = ()
    ignore: frozenset[str] = frozenset()
    srx: SrxRules | None = None


@dataclass(frozen=True)
class JobOutcome:
    """A finished job: the result, the files written, and what to tell the user."""

    result: PairResult
    settings: RunSettings
    paths: dict[str, Path]
    notes: tuple[str, ...] = ()  # what writers left out (TMX)
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class TermsOutcome:
    """``align terms``: findings over units read from a memory, an alignment or a text."""

    units: tuple[TranslationUnit, ...]
    terms: tuple[TermStats, ...]
    findings: tuple
    ignored: int
    bilingual: bool
    settings: RunSettings
    paths: dict[str, Path]


def check_settings(settings: RunSettings) -> RunSettings:
    """Refuse a profile naming a check that does not exist (a typo would switch nothing off)."""
    c = settings.checks
    named = set(c.disabled) | set(c.only) | {k for k, _ in c.severities} | {k for _, k in c.ignore_rules if k}
    unknown = sorted(named - set(CHECKS))
    if unknown:
        raise UsageError(f"unknown check {unknown[0]!r} in the settings", hint="known: " + ", ".join(CHECKS))
    return settings


def prepare(settings: RunSettings) -> Inputs:
    """Read the glossary (in the job's languages), the accepted finding ids and the SRX rules."""
    check_settings(settings)
    entries: tuple[TermEntry, ...] = ()
    if settings.glossary:
        entries, digest = read_glossary(settings.glossary, settings.source_lang, settings.target_lang)
        settings = replace(settings, glossary_digest=digest)
    ignore = parse_ignore(read_text(settings.ignore_file, allow_empty=True), settings.ignore_file) \
        if settings.ignore_file else frozenset()
    return Inputs(settings, entries, ignore, load_srx(settings.segment.srx))


def read_glossary(path: str, source_lang: str, target_lang: str) -> tuple[tuple[TermEntry, ...], str]:
    """A glossary's entries for the job's languages, and a digest of its content.

    Cached while the file is unchanged: a batch worker parses a shared glossary once.
    """
    try:
        stamp = os.stat(path).st_mtime_ns
    except OSError:
        stamp = 0
    return _glossary(str(path), stamp, base(source_lang), base(target_lang))


@functools.lru_cache(maxsize=8)
def _glossary(path: str, _stamp: int, source_lang: str, target_lang: str) -> tuple[tuple[TermEntry, ...], str]:
    data = read_bytes(path)
    text = decode(data, path)
    if not text.strip():
        raise DataError(f"{path}: file is empty")
    digest = hashlib.blake2b(data, digest_size=4).hexdigest()
    return parse_glossary(text, path, source_lang, target_lang), digest


def load_srx(srx: str | None) -> SrxRules | None:
    """The SRX rules named by the settings: ``omegat``/``languagetool`` (the installed CAT
    tool's own rules) or a file (missing: usage error, exit 2, like every file)."""
    if srx is None:
        return None
    if not Path(srx).exists() and srx.strip().lower() not in SHORTCUTS and (os.sep in srx or "." in srx):
        raise UsageError(f"{srx}: no such SRX file")
    return load_rules(srx)


def run_job(
    source: str, target: str, outdir: str | Path, settings: RunSettings, *, name: str = "",
    outputs: Sequence[str] = RUN_OUTPUTS, bom: bool = False, inputs: Inputs | None = None,
    on_stage: Callable[[str], None] | None = None,
) -> JobOutcome:
    """Align the files ``source`` and ``target`` and write ``outputs`` into ``outdir``.

    ``inputs``: the glossary and rules already read (a batch reads them once); ``name``
    names the document in the TMX (``x-document``) and the reports (default: the target's
    file name).
    """
    stage = on_stage or (lambda _name: None)
    inputs = inputs or prepare(settings)
    settings = inputs.settings
    with collector_paused():  # see align.runtime: a quarter of the time on long texts
        languages = candidates(settings.source_lang, settings.target_lang)
        with ExitStack() as stack:
            # The helper starts before the files are read when their sizes already call for
            # it (and before the detector's models load here, which would hold it up): its
            # interpreter then starts while they are read. Otherwise the texts' own size
            # decides, once read (a compressed .docx is smaller than its text).
            helper = _helper(stack, settings, _file_size(source, target))
            warm_up(languages)  # the detector's models load while the files are read
            docs = read_document(source), read_document(target)
            settings = replace(settings, checks=replace(settings.checks,
                                                        ignore_ids=settings.checks.ignore_ids | inputs.ignore))
            if helper is None:
                helper = _helper(stack, settings, len(docs[0].text) + len(docs[1].text))
            result = align_pair(docs[0].text, docs[1].text, settings, inputs.glossary, inputs.srx,
                                name or Path(target).name, stage, helper)
            stage("writing")  # the helper, which holds the units, writes the TMX and the TSV meanwhile
            bundle = bundle_of(result, settings.source_lang, settings.target_lang, settings.signature(), bom)
            paths, notes = write_set(outdir, outputs, bundle, helper)
    return JobOutcome(result, settings, paths, tuple(notes), tuple(warnings(result, settings, docs)))


def _file_size(*paths: str) -> int:
    """Bytes of the regular files among ``paths`` (a pipe or a missing file counts 0)."""
    total = 0
    for path in paths:
        try:
            total += os.path.getsize(path) if os.path.isfile(path) else 0
        except OSError:
            continue
    return total


def _helper(stack: ExitStack, settings: RunSettings, size: int) -> Executor | None:
    """A helper process for the rest of ``stack``'s block if a job of ``size`` wants one."""
    if not helper_wanted(settings.workers, size, settings.helper_from):
        return None
    return stack.enter_context(helper_process(True))


def warnings(result: PairResult, settings: RunSettings, docs: Sequence[ReadDocument] = ()) -> list[str]:
    """What looks wrong with the job as given: the readers' warnings (a hard-wrapped text,
    unless ``--wrapped`` was given), and a source and a target that look swapped."""
    out = [w for d in docs for w in d.warnings if not (settings.segment.wrapped and "--wrapped" in w)]
    src, tgt = base(settings.source_lang), base(settings.target_lang)
    if _share(result.source.sentences, tgt) >= SWAPPED_SHARE and _share(result.target.sentences, src) >= SWAPPED_SHARE:
        out.append(f"warning: SOURCE looks {language_name(tgt)} and TARGET looks {language_name(src)}: "
                   "were they given in the wrong order? (SOURCE is the original, TARGET the translation)")
    return out


def _share(sentences: Sequence, lang: str) -> float:
    judged = [s for s in sentences if s.lang]  # the source may be a sample (source_language_sample)
    return sum(s.lang == lang for s in judged) / len(judged) if judged else 0.0


def read_units(path: str, settings: RunSettings) -> tuple[TranslationUnit, ...]:
    """Units for ``align terms``: any TMX (ours or a CAT tool's), XLIFF 1.2/2.0 (SDLXLIFF,
    MQXLIFF), an alignment.tsv, or a translation alone in any document format (one unit
    per sentence, target side only)."""
    data = read_bytes(path)
    head = data[:8192].lstrip(b"\xef\xbb\xbf \t\r\n")
    src, tgt = settings.source_lang, settings.target_lang
    if xml_root(data) == "tmx":
        units = tuple(read_tmx(io.BytesIO(data), src, tgt))
        if not units:
            raise DataError(f"{path}: no {src}–{tgt} translation unit in this TMX")
        return units
    if xml_root(data) == "xliff" or (head.startswith(b"<") and is_xliff(data)):
        return read_xliff(data, path, src, tgt)
    if is_alignment_tsv(head[:4096].decode("utf-8", "replace")):
        units = tuple(read_alignment(decode(data, path)))
        if not units:
            raise DataError(f"{path}: alignment has no translation unit")
        return units
    text = parse_document(data, "standard input" if path == "-" else path).text
    doc = segment_document(text, tgt, path, settings.segment, load_srx(settings.segment.srx))
    return tuple(TranslationUnit("", s.text, f"t{k:04d}", target_lang=s.lang) for k, s in enumerate(doc.sentences, 1))


def terms_job(
    input_path: str, outdir: str | Path, settings: RunSettings, *, outputs: Sequence[str] = TERM_OUTPUTS,
    bom: bool = False,
) -> TermsOutcome:
    """``align terms``: the term checks over a memory, an alignment or a text, written as reports."""
    inputs = prepare(settings)
    settings = inputs.settings
    with collector_paused():  # see align.runtime
        units = read_units(input_path, settings)
        terms, findings, ignored = check_terms(units, inputs.glossary, settings, inputs.ignore)
        bundle = Bundle(units, settings.source_lang, settings.target_lang, settings.signature(), terms=terms,
                        findings=findings, report_units=units, name=Path(input_path).name, ignored=ignored,
                        bom=bom, titles=TITLES)
        paths, _ = write_set(outdir, outputs, bundle)
    bilingual = any(u.source.strip() for u in units)
    return TermsOutcome(units, terms, findings, ignored, bilingual, settings, paths)


__all__ = ["Inputs", "JobOutcome", "TermsOutcome", "prepare", "read_units", "run_job", "terms_job"]
