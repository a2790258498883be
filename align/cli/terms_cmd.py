"""``align terms``: key-term consistency of an alignment, a CAT tool's TMX, or a translation alone."""

from __future__ import annotations

import io
from pathlib import Path

import click

from align.cli.common import lang_options, quiet_option, say
from align.errors import DataError
from align.formats.glossary import parse_glossary
from align.formats.tmx import read_tmx
from align.formats.tsv import ALIGNMENT_COLUMNS, read_alignment
from align.io import read_bytes, read_text, xml_root
from align.model import TermEntry, TranslationUnit
from align.report.json import parse_ignore
from align.report.outputs import write_term_reports
from align.segment import segment_text
from align.terms import check_document

ignore_option = click.option(
    "--ignore", "ignore_file", type=click.Path(),
    help="JSON list of finding ids already accepted by a reviewer (kept out of every report).")


def read_units(path: str, source_lang: str, target_lang: str) -> tuple[TranslationUnit, ...]:
    """alignment.tsv, any TMX (ours or a CAT tool's), or a plain target text (one unit per sentence)."""
    data = read_bytes(path)
    if xml_root(data) == "tmx":
        units = tuple(read_tmx(io.BytesIO(data), source_lang, target_lang))
        if not units:
            raise DataError(f"{path}: no {source_lang}–{target_lang} translation unit in this TMX")
        return units
    text = read_text(path)
    if text.split("\n", 1)[0].split("\t")[:5] == list(ALIGNMENT_COLUMNS):
        units = tuple(read_alignment(text))
        if not units:
            raise DataError(f"{path}: alignment has no translation unit")
        return units
    return tuple(TranslationUnit("", s.text, f"t{k:04d}") for k, s in enumerate(segment_text(text, target_lang), 1))


def read_glossary(path: str | None, source_lang: str, target_lang: str) -> tuple[TermEntry, ...]:
    return parse_glossary(read_text(path), path, source_lang, target_lang) if path else ()


def read_ignore(path: str | None) -> frozenset[str]:
    return parse_ignore(read_text(path, allow_empty=True), path) if path else frozenset()


@click.command()
@click.argument("input_file", metavar="INPUT", type=click.Path(allow_dash=True))
@click.option("--glossary", type=click.Path(), help="Glossary: OmegaT TSV, CSV with header, or TBX (v2/v3).")
@click.option("-o", "--output-dir", "outdir", default="out", show_default=True, type=click.Path(file_okay=False))
@lang_options
@ignore_option
@click.option("--no-discover", is_flag=True, help="Check glossary terms only (no term discovery).")
@quiet_option
def terms(input_file: str, glossary: str | None, outdir: str, source_lang: str, target_lang: str,
          ignore_file: str | None, no_discover: bool, quiet: bool) -> None:
    """Check key terms in INPUT: alignment.tsv/.tmx, a CAT tool's TMX, or a plain translation.

    Writes terms.csv, issues.csv, findings.json and report.html. A plain text gets the
    checks that need no source (untranslated passages, name variants, forbidden terms).
    """
    units = read_units(input_file, source_lang, target_lang)
    entries = read_glossary(glossary, source_lang, target_lang)
    report = check_document(units, entries, source_lang=source_lang, target_lang=target_lang,
                            ignore=read_ignore(ignore_file), discover_terms=not no_discover)
    write_term_reports(outdir, report.terms, report.findings, units, Path(input_file).name, report.ignored)
    if not report.bilingual:
        say(quiet, "no source side: only monolingual checks were run")
    say(quiet, f"{len(report.terms)} terms, {len(report.findings)} findings ({report.ignored} ignored), "
               f"consistency {report.scores.consistency:.3f}, compliance {report.scores.compliance:.1%}; "
               f"written to {outdir}/")


def register(group: click.Group) -> None:
    group.add_command(terms)
