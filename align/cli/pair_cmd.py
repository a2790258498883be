"""``align pair``, ``align run`` and ``align demo``: the main job (composed by ``align.job``)."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

import click

from align.aligner import align_texts
from align.cli.common import (
    bom_option,
    finite_score,
    load_settings,
    quiet_option,
    say,
    settings_options,
    srx_options,
    stage_progress,
)
from align.cli.languages import any_lang_options
from align.config import AlignConfig, RunSettings
from align.errors import UsageError
from align.formats.writers import Bundle, write_to
from align.io import read_text
from align.job import JobOutcome, run_job
from align.pipeline import label_targets, too_long, unit_of
from align.report.outputs import RUN_OUTPUTS, WRITERS
from align.report.tables import summary_lines
from align.runtime import collector_paused

PAIR_FORMATS = ("links", "tsv", "csv", "tmx")
EXTRA_OUTPUTS = tuple(n for n in WRITERS if n not in RUN_OUTPUTS and WRITERS[n].split is None)

min_score_option = click.option(
    "--min-score", default=0.0, show_default=True, type=click.FloatRange(0, 1), callback=finite_score,
    help="Units scored below this go to the unaligned list instead of the output.",
)


def _lines(path: str) -> list[str]:
    return [ln.strip() for ln in read_text(path).split("\n") if ln.strip()]


@click.command()
@click.argument("source", type=click.Path(allow_dash=True))
@click.argument("target", type=click.Path(allow_dash=True))
@any_lang_options
@click.option("--format", "fmt", type=click.Choice(PAIR_FORMATS), default="links", show_default=True,
              help="links: Vecalign lines [0]:[0, 1] covering every sentence; tsv, csv, tmx: the units only.")
@click.option("-o", "--output", default="-", type=click.Path(allow_dash=True), help="Output file (- = stdout).")
@min_score_option
@bom_option
@quiet_option
def pair(source: str, target: str, source_lang: str, target_lang: str, fmt: str, output: str,
         min_score: float, bom: bool, quiet: bool) -> None:
    """Align two files that already hold one sentence per line (UTF-8 plain text).

    Empty lines are skipped: link indices count the non-empty lines, 0-based. With
    --format tsv, csv or tmx only the units are written; the summary says how many
    sentences were left out (--format links lists every sentence).
    """
    if source == "-" and target == "-":
        raise UsageError("only one of SOURCE and TARGET can be standard input")
    with collector_paused():  # see align.runtime
        _pair(source, target, source_lang, target_lang, fmt, output, min_score, bom, quiet)


def _pair(source: str, target: str, source_lang: str, target_lang: str, fmt: str, output: str,
          min_score: float, bom: bool, quiet: bool) -> None:
    src, tgt = _lines(source), _lines(target)
    alignment = align_texts(src, tgt, None, AlignConfig(min_score=min_score))
    kept = [b for b in alignment.pairs if b.score >= min_score and not too_long(b, src, tgt)]
    units = [unit_of(b, src, tgt, k) for k, b in enumerate(kept, 1)]
    if fmt == "tmx":  # lines from elsewhere: their language is detected once, here, for the writer
        units = list(label_targets(units, source_lang, target_lang))
    signature = RunSettings(source_lang, target_lang, align=AlignConfig(min_score=min_score)).signature()
    bundle = Bundle(units, source_lang, target_lang, signature, beads=alignment.beads, bom=bom,
                    drop_untranslated=True)
    for line in write_to(fmt, output, bundle).lines:
        say(quiet, line)
    if fmt == "links":
        return
    say(quiet, f"{len(units)} units from {len(src)} source and {len(tgt)} target sentences; "
               f"{len(alignment.pairs) - len(kept)} units below --min-score (or too long) and "
               f"{len(alignment.beads) - len(alignment.pairs)} sentences without a counterpart left out "
               "(--format links lists every sentence)")


def run_and_report(source: str, target: str, outdir: str, settings: RunSettings, quiet: bool,
                   also: tuple[str, ...] = (), bom: bool = False) -> JobOutcome:
    """Shared by ``run`` and ``demo``: the job (``align.job.run_job``), then its summary.

    The outcome is returned up to the program's exit (``align.console``), which then need
    not free it object by object (half a second at 100,000 sentences)."""
    started = time.perf_counter()
    with stage_progress(quiet, ("segmenting", "aligning", "checking terms", "writing")) as on_stage:
        outcome = run_job(source, target, outdir, settings, outputs=(*RUN_OUTPUTS, *also), bom=bom,
                          on_stage=on_stage)
    for line in outcome.warnings:
        click.echo(f"align: {line}", err=True)
    for line in summary_lines(outcome.result) + list(outcome.notes):
        say(quiet, line)
    say(quiet, f"settings: {outcome.settings.signature()}")
    say(quiet, f"wrote {', '.join(str(p) for p in outcome.paths.values())} in {time.perf_counter() - started:.1f} s")
    return outcome


@click.command()
@click.argument("source", type=click.Path())
@click.argument("target", type=click.Path())
@click.option("-o", "--output-dir", "outdir", default="out", show_default=True, type=click.Path(file_okay=False))
@settings_options
@srx_options
@click.option("--also", multiple=True, type=click.Choice(EXTRA_OUTPUTS),
              help="Also write this output (repeatable): " + ", ".join(EXTRA_OUTPUTS) + ".")
@click.option("--workers", type=click.IntRange(min=1),
              help="Processes to use: 1 keeps the job in one [default: a second one checks terms beside the "
                   "first on a long text, where the machine has two cores].")
@bom_option
@quiet_option
def run(source: str, target: str, outdir: str, profile: str | None, source_lang: str | None,
        target_lang: str | None, glossary: str | None, ignore_file: str | None, min_score: float | None,
        srx: str | None, srx_lang: str | None, wrapped: bool | None, also: tuple[str, ...], workers: int | None,
        bom: bool, quiet: bool) -> JobOutcome:
    """Align SOURCE (the original, or fragments of it) with its TARGET translation.

    SOURCE and TARGET are documents: plain text (.txt, UTF-8), Markdown (.md), HTML
    (.html, .htm: the main text of a saved page), Word (.docx) or OpenDocument (.odt).
    The SOURCE may be fragments: passages of the original separated by blank lines (or,
    in a document, headings and empty paragraphs), in any order, covering only parts of
    the TARGET; each passage is found in the translation.

    Writes alignment.tmx (for CAT tools), alignment.tsv, unaligned.tsv (every sentence
    left out, with its reason), terms.csv, issues.csv, findings.json and report.html into
    the output folder, and prints a summary. Settings not given come from the project
    profile (align.toml).
    """
    settings = load_settings(profile, source_lang=source_lang, target_lang=target_lang, glossary=glossary,
                             ignore_file=ignore_file, min_score=min_score, srx=srx, srx_lang=srx_lang,
                             wrapped=wrapped)
    if workers is not None:
        settings = replace(settings, workers=workers)
    return run_and_report(source, target, outdir, settings, quiet, also, bom)


def sample_dir() -> Path:
    """``parallel/`` in the current folder, else beside the installed package (a checkout)."""
    here = Path("parallel")
    if (here / "interview.en.txt").exists():
        return here
    return Path(__file__).resolve().parents[2] / "parallel"


@click.command()
@click.option("-o", "--output-dir", "outdir", default="out", show_default=True, type=click.Path(file_okay=False))
@quiet_option
def demo(outdir: str, quiet: bool) -> JobOutcome:
    """Run the main job on the sample corpus in parallel/ (writes into ./out/)."""
    data = sample_dir()
    if not (data / "interview.en.txt").exists():
        raise UsageError(f"sample corpus not found in {data}", hint="run from the repository root")
    settings = RunSettings(glossary=str(data / "glossary.tsv"))
    return run_and_report(str(data / "interview.en.txt"), str(data / "interview.fr.txt"), outdir, settings, quiet)


def register(group: click.Group) -> None:
    for command in (pair, run, demo):
        group.add_command(command)
