"""``align pair``, ``align run`` and ``align demo``: the main job."""

from __future__ import annotations

import math
import time
from pathlib import Path

import click

from align.aligner import align_texts
from align.cli.common import lang_options, quiet_option, say, stage_progress
from align.cli.terms_cmd import ignore_option, read_glossary, read_ignore
from align.config import AlignConfig
from align.errors import UsageError
from align.formats import tmx, tsv
from align.formats.links import format_links
from align.io import atomic_write, read_text
from align.pipeline import run_pair, too_long, unit_of
from align.report.outputs import write_all
from align.report.tables import summary_lines


def _finite(_ctx: click.Context, _param: click.Parameter, value: float) -> float:
    if math.isnan(value):  # FloatRange lets NaN through: every comparison with it is false
        raise click.BadParameter("must be a number from 0 to 1, not nan")
    return value


min_score_option = click.option(
    "--min-score", default=0.0, show_default=True, type=click.FloatRange(0, 1), callback=_finite,
    help="Beads scored below this go to unaligned.tsv instead of the TMX.",
)


def _lines(path: str) -> list[str]:
    return [ln.strip() for ln in read_text(path).split("\n") if ln.strip()]


@click.command()
@click.argument("source", type=click.Path(allow_dash=True))
@click.argument("target", type=click.Path(allow_dash=True))
@lang_options
@click.option("--format", "fmt", type=click.Choice(["links", "tsv", "tmx"]), default="links", show_default=True)
@click.option("-o", "--output", default="-", type=click.Path(allow_dash=True), help="Output file (- = stdout).")
@min_score_option
@quiet_option
def pair(source: str, target: str, source_lang: str, target_lang: str, fmt: str, output: str,
         min_score: float, quiet: bool) -> None:
    """Align two files that already hold one sentence per line.

    Empty lines are skipped: link indices count the non-empty lines, 0-based.
    """
    if source == "-" and target == "-":
        raise UsageError("only one of SOURCE and TARGET can be standard input")
    src, tgt = _lines(source), _lines(target)
    alignment = align_texts(src, tgt, None, AlignConfig(min_score=min_score))
    if fmt == "links":
        with atomic_write(output) as fh:
            fh.write(format_links(alignment.beads))
        return
    kept = [b for b in alignment.pairs if b.score >= min_score and not too_long(b, src, tgt)]
    units = [unit_of(b, src, tgt, k) for k, b in enumerate(kept, 1)]
    if fmt == "tsv":
        with atomic_write(output) as fh:
            tsv.write_alignment(fh, units)
    else:
        with atomic_write(output, "wb") as fh:
            for line in tmx.write_tmx(fh, units, tmx.TmxHeader(srclang=source_lang, tgtlang=target_lang)).lines():
                say(quiet, line)
    say(quiet, f"{len(units)} units from {len(src)} source and {len(tgt)} target sentences; "
               f"{len(alignment.pairs) - len(kept)} beads below --min-score (or too long) and "
               f"{len(alignment.beads) - len(alignment.pairs)} unpaired sentences left out "
               "(--format links lists every bead)")


def run_job(source: str, target: str, outdir: str, glossary: str | None, source_lang: str,
            target_lang: str, min_score: float, quiet: bool, ignore_file: str | None = None) -> None:
    """Shared by ``run`` and ``demo``: read, align, check, write, summarise."""
    started = time.perf_counter()
    entries = read_glossary(glossary, source_lang, target_lang)
    with stage_progress(quiet, ("segmenting", "aligning", "checking terms", "writing")) as on_stage:
        result = run_pair(read_text(source), read_text(target), source_lang, target_lang, entries,
                          AlignConfig(min_score=min_score), name=Path(target).name,
                          ignore=read_ignore(ignore_file), on_stage=on_stage)
        on_stage("writing")
        paths, written = write_all(result, outdir, tmx.TmxHeader(srclang=source_lang, tgtlang=target_lang))
    for line in summary_lines(result) + written.lines():
        say(quiet, line)
    say(quiet, f"wrote {', '.join(str(p) for p in paths.values())} in {time.perf_counter() - started:.1f} s")


@click.command()
@click.argument("source", type=click.Path())
@click.argument("target", type=click.Path())
@click.option("-o", "--output-dir", "outdir", default="out", show_default=True, type=click.Path(file_okay=False))
@click.option("--glossary", type=click.Path(),
              help="Glossary: OmegaT TSV (source, target, note), CSV with header, or TBX.")
@lang_options
@min_score_option
@ignore_option
@quiet_option
def run(source: str, target: str, outdir: str, glossary: str | None, source_lang: str, target_lang: str,
        min_score: float, ignore_file: str | None, quiet: bool) -> None:
    """Align raw SOURCE text (the original, or fragments of it) with its TARGET translation.

    Writes alignment.tmx, alignment.tsv, unaligned.tsv, terms.csv, issues.csv,
    findings.json and report.html in the output folder and prints a summary.
    """
    run_job(source, target, outdir, glossary, source_lang, target_lang, min_score, quiet, ignore_file)


def sample_dir() -> Path:
    """``parallel/`` in the current folder, else beside the installed package (a checkout)."""
    here = Path("parallel")
    if (here / "interview.en.txt").exists():
        return here
    return Path(__file__).resolve().parents[2] / "parallel"


@click.command()
@click.option("-o", "--output-dir", "outdir", default="out", show_default=True, type=click.Path(file_okay=False))
@quiet_option
def demo(outdir: str, quiet: bool) -> None:
    """Run the main job on the sample corpus in parallel/ (writes into ./out/)."""
    data = sample_dir()
    if not (data / "interview.en.txt").exists():
        raise UsageError(f"sample corpus not found in {data}", hint="run from the repository root")
    run_job(str(data / "interview.en.txt"), str(data / "interview.fr.txt"), outdir,
            str(data / "glossary.tsv"), "en", "fr", 0.0, quiet)


def register(group: click.Group) -> None:
    for command in (pair, run, demo):
        group.add_command(command)
