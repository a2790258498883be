"""``align terms``: key-term consistency of an alignment, a CAT tool's TMX, or a translation alone."""

from __future__ import annotations

from dataclasses import replace

import click

from align.cli.common import bom_option, load_settings, quiet_option, say, settings_options
from align.job import terms_job
from align.report.outputs import TERM_OUTPUTS
from align.terms.scores import document_scores


@click.command()
@click.argument("input_file", metavar="INPUT", type=click.Path(allow_dash=True))
@click.option("-o", "--output-dir", "outdir", default="out", show_default=True, type=click.Path(file_okay=False))
@settings_options
@click.option("--no-discover", is_flag=True, help="Check glossary terms only (no term discovery).")
@click.option("--also", multiple=True, type=click.Choice(("xlsx", "tsv", "tmx")),
              help="Also write the units read (with the findings, for xlsx) in this format (repeatable).")
@bom_option
@quiet_option
def terms(input_file: str, outdir: str, profile: str | None, source_lang: str | None, target_lang: str | None,
          glossary: str | None, ignore_file: str | None, min_score: float | None, no_discover: bool,
          also: tuple[str, ...], bom: bool, quiet: bool) -> None:
    """Check key terms in INPUT: a bilingual file, or a translation alone.

    INPUT is a TMX (ours or a CAT tool's), an XLIFF file (1.2 or 2.0, Trados SDLXLIFF,
    memoQ MQXLIFF), an alignment.tsv, or a translation alone as a document (.txt, .md,
    .html, .docx, .odt). Writes terms.csv, issues.csv, findings.json and report.html. A
    translation alone gets the checks that need no source (untranslated passages, name
    variants, forbidden terms). Settings not given come from the project profile (align.toml).
    """
    settings = load_settings(profile, source_lang=source_lang, target_lang=target_lang, glossary=glossary,
                             ignore_file=ignore_file, min_score=min_score)
    if no_discover:
        settings = replace(settings, checks=replace(settings.checks, discover=False))
    outcome = terms_job(input_file, outdir, settings, outputs=(*TERM_OUTPUTS, *also), bom=bom)
    if not outcome.bilingual:
        say(quiet, "no source side: only monolingual checks were run")
    scores = document_scores(outcome.terms)
    say(quiet, f"{len(outcome.terms)} terms, {len(outcome.findings)} findings ({outcome.ignored} ignored), "
               f"consistency {scores.consistency:.3f}, compliance {scores.compliance:.1%}; written to {outdir}/")


def register(group: click.Group) -> None:
    group.add_command(terms)
