"""``align tmx``: inspect, check and convert translation memories (thin layer over formats.tmx)."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import IO

import click

from align.cli.common import Group, bom_option, quiet_option, say
from align.errors import DataError, UsageError
from align.formats.tmx import FORMATS, TmxReport, convert_tmx, length_summary, scan_tmx
from align.formats.tmx_convert import convert_table
from align.formats.tsv import is_alignment_tsv
from align.formats.xlsx import is_xlsx
from align.io import check_file, read_bytes
from align.pipeline import label_targets

SHOW_PROBLEMS = 20


def _head(file: str) -> bytes:
    """The start of ``file`` (enough to tell a workbook or a table from a TMX), or a one-line error."""
    try:
        with open(check_file(file), "rb") as fh:
            data = fh.read(8192)
    except OSError as exc:
        raise UsageError(f"{file}: cannot be read ({exc.strerror or exc})") from exc
    if data.startswith(b"PK"):  # a workbook is read whole to look inside the archive
        return read_bytes(file)
    return data


def _source(file: str) -> str | IO[bytes]:
    """A path (streamed by the reader) or standard input read into memory."""
    return io.BytesIO(read_bytes(file)) if file == "-" else file


def _lang_option(name: str, help_text: str) -> Callable:
    return click.option(name, default=None, help=help_text + " Any case and region variant matches (en ~ EN-us).")


@click.group(cls=Group)
def tmx() -> None:
    """Read TMX files: statistics, checks and conversion."""


@tmx.command()
@click.argument("file", type=click.Path(allow_dash=True))
def stats(file: str) -> None:
    """Count the translation units of FILE, its languages, empty and duplicate units.

    Prints tab-separated lines: units, languages, empty segments, one-sided units,
    duplicates, units with inline markup, segment lengths (characters) per language
    (min / median / 90th percentile / max / mean), and the number of problems
    `align tmx check` would list.
    """
    for line in stats_lines(scan_tmx(_source(file))):
        click.echo(line)


def stats_lines(r: TmxReport) -> list[str]:
    """The lines ``align tmx stats`` prints."""
    lines = [
        f"version\t{r.version}", f"srclang\t{r.srclang}", f"units\t{r.units}",
        "languages\t" + " ".join(f"{lang or '?'}:{n}" for lang, n in r.languages.most_common()),
        f"empty segments\t{r.empty_segments}", f"one-sided units\t{r.one_sided}",
        f"duplicates\t{r.duplicates}", f"inline markup\t{r.inline_markup}",
    ]
    for lang, hist in sorted(r.lengths.items()):
        lo, med, p90, hi, mean = length_summary(hist)
        lines.append(f"length {lang}\tmin {lo} median {med} p90 {p90} max {hi} mean {mean:.1f}")
    lines.append(f"problems\t{r.problems_total}")
    return lines


@tmx.command()
@click.argument("file", type=click.Path(allow_dash=True))
@quiet_option
def check(file: str, quiet: bool) -> None:
    """Check FILE for what the TMX DTD misses: language codes (fr_FR), TMX 1.1 `lang=`,
    empty segments, one-sided units, header attributes. Exit 1 when a problem is found."""
    report = scan_tmx(_source(file))
    for problem in report.problems[:SHOW_PROBLEMS]:
        say(quiet, f"{file}: {problem}")
    if report.problems_total > SHOW_PROBLEMS:
        say(quiet, f"{file}: … and {report.problems_total - SHOW_PROBLEMS} more problems")
    if report.problems_total:
        raise DataError(f"{file}: {report.problems_total} problem(s) in {report.units} units")
    say(quiet, f"{file}: OK, {report.units} units")


@tmx.command()
@click.argument("file", type=click.Path(allow_dash=True))
@click.option("--to", "to", type=click.Choice(FORMATS), required=True, help="Output format.")
@click.option("-o", "--output", required=True, type=click.Path(allow_dash=True),
              help="Output file (- = stdout); for moses a PREFIX: writes PREFIX.<src> and PREFIX.<tgt>.")
@_lang_option("--source-lang", "Source language to read (default: the header's srclang).")
@_lang_option("--target-lang", "Target language to read (default: the first other language).")
@click.option("--merge-duplicates", is_flag=True, help="tmx output: keep one of identical pairs.")
@bom_option
@quiet_option
def convert(file: str, to: str, output: str, source_lang: str | None, target_lang: str | None,
            merge_duplicates: bool, bom: bool, quiet: bool) -> None:
    """Convert FILE (a TMX, or an alignment edited as .tsv or .xlsx) to TSV, CSV, XLSX, Moses or TMX 1.4b.

    A corrected spreadsheet becomes a memory again: rows whose status column says rejected
    (or delete) are left out, status and comment become properties of the TMX units.
    Moses output is two aligned plain-text files.

    Example: align tmx convert memory.tmx --to moses -o corpus  (writes corpus.en, corpus.fr)
    """
    if to == "moses" and (output.endswith(("/", "\\")) or Path(output).is_dir()):
        raise UsageError(f"-o {output}: for moses give a file name prefix (e.g. {output.rstrip('/')}/corpus), "
                         "not a folder: it would write hidden files")
    head = read_bytes(file) if file == "-" else _head(file)
    if is_xlsx(head) or is_alignment_tsv(head.decode("utf-8", "replace")):
        data = head if file == "-" else read_bytes(file)
        summary = convert_table(data, file, to, output, source_lang, target_lang, merge_duplicates, bom,
                                label=label_targets)
    else:
        source = io.BytesIO(head) if file == "-" else file
        summary = convert_tmx(source, to, output, source_lang, target_lang, merge_duplicates, bom,
                              label=label_targets)
    for line in summary.lines():
        say(quiet, line)


def register(group: click.Group) -> None:
    group.add_command(tmx)
