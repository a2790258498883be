"""``align tmx convert``: a TMX into TSV, CSV, Moses plain text, or a clean TMX 1.4b.

Every output is streamed and written atomically (a half-written Moses pair would be
misaligned from the break on). Moses format is two files with one segment per line, line
*n* of one translating line *n* of the other, so line breaks inside a segment are
replaced by a space and counted.
"""

from __future__ import annotations

import csv
import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from align.errors import DataError, UsageError
from align.formats import tsv
from align.formats.tmx_read import Source, read_tmx_langs
from align.formats.tmx_write import TmxHeader, WriteSummary, write_tmx
from align.io import atomic_write
from align.langcodes import check_tag
from align.model import TranslationUnit

FORMATS = ("tsv", "csv", "moses", "tmx")
CSV_COLUMNS = ("tuid", "bead", "score", "document", "source", "target", "inline_markup")


@dataclass
class ConvertSummary:
    """What a conversion wrote, and where."""

    units: int = 0
    srclang: str = ""
    tgtlang: str = ""
    line_breaks_replaced: int = 0
    inline_markup: int = 0
    outputs: list[Path] = field(default_factory=list)
    tmx: WriteSummary | None = None

    def lines(self) -> list[str]:
        out = [f"converted {self.units} units {self.srclang} → {self.tgtlang} into "
               + ", ".join(str(p) for p in self.outputs)]
        if self.inline_markup:
            out.append(f"{self.inline_markup} units had inline markup reduced to plain text")
        if self.line_breaks_replaced:
            out.append(f"{self.line_breaks_replaced} line breaks inside segments replaced by a space")
        return out + (self.tmx.lines() if self.tmx else [])


def canonical_tag(tag: str) -> str:
    """A tag read from someone's TMX, repaired for output: ``fr_FR`` → ``fr-FR``."""
    return check_tag(tag.replace("_", "-"))


def convert_tmx(
    source: Source, to: str, output: str | Path, srclang: str | None = None, tgtlang: str | None = None,
    merge_duplicates: bool = False,
) -> ConvertSummary:
    """Convert the (srclang, tgtlang) units of ``source``; Moses writes ``OUTPUT.<lang>`` twice."""
    if to not in FORMATS:
        raise UsageError(f"unknown format {to!r}", hint="use one of " + ", ".join(FORMATS))
    stream = read_tmx_langs(source, srclang, tgtlang)
    first = next(stream, None)
    if first is None:
        raise DataError("no translation unit with both languages in the file",
                        hint="check --source-lang/--target-lang with `align tmx stats`")
    summary = ConvertSummary(srclang=canonical_tag(first[1]), tgtlang=canonical_tag(first[2]))
    units = _counted(itertools.chain([first], stream), summary)
    if to == "moses":
        _moses(units, str(output), summary)
        return summary
    summary.outputs.append(Path(output))
    if to == "tmx":
        with atomic_write(output, "wb") as fh:
            header = TmxHeader(srclang=summary.srclang, tgtlang=summary.tgtlang)
            summary.tmx = write_tmx(fh, units, header, merge_duplicates=merge_duplicates)
        return summary
    with atomic_write(output) as fh:
        (tsv.write_alignment if to == "tsv" else _write_csv)(fh, units)
    return summary


def _counted(rows: Iterator[tuple[TranslationUnit, str, str]], summary: ConvertSummary) -> Iterator[TranslationUnit]:
    for unit, _s, _t in rows:
        summary.units += 1
        summary.inline_markup += unit.inline_markup
        yield unit


def _write_csv(fh: IO[str], units: Iterator[TranslationUnit]) -> None:
    """RFC 4180 CSV (quoted as needed), so segments may hold commas, quotes and newlines."""
    writer = csv.writer(fh, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for u in units:
        writer.writerow((u.tuid, u.bead, f"{u.score:.4f}", u.document, u.source, u.target, int(u.inline_markup)))


def _one_line(text: str, summary: ConvertSummary) -> str:
    lines = text.splitlines()
    summary.line_breaks_replaced += max(0, len(lines) - 1)
    return " ".join(lines)


def _moses(units: Iterator[TranslationUnit], prefix: str, summary: ConvertSummary) -> None:
    if prefix == "-":
        raise UsageError("Moses output is two files: give a file prefix with -o, not '-'")
    paths = [Path(f"{prefix}.{summary.srclang}"), Path(f"{prefix}.{summary.tgtlang}")]
    with atomic_write(paths[0]) as fs, atomic_write(paths[1]) as ft:
        for u in units:
            fs.write(_one_line(u.source, summary) + "\n")
            ft.write(_one_line(u.target, summary) + "\n")
    summary.outputs.extend(paths)
