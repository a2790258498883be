"""The writer registry: every output ``align`` writes, registered once and chosen by name.

translate-toolkit keeps one class per storage format behind one factory; here each output
is a :class:`Writer` (a name, its file name in an output folder, and a function from a
:class:`Bundle` to an open file), so ``align run``'s outputs, ``align tmx convert --to``,
``align pair --format`` and ``align batch`` all pick writers from the same table and no
command has its own dispatcher. Units, the alignment's tables, and the converters live
here (layer 1); the term reports (terms, issues, JSON, HTML) are registered by
``align.report.outputs``, which imports this module. Every file is written atomically.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from align.errors import UsageError
from align.formats import tsv
from align.formats.links import format_bead
from align.formats.tmx_write import TmxHeader, write_tmx
from align.formats.xlsx import write_xlsx
from align.io import atomic_write
from align.model import Bead, Finding, PairResult, TermStats, TranslationUnit, Unaligned
from align.signature import PROP

BOM = "\ufeff"
CSV_COLUMNS = ("unit", "type", "score", "document", "source", "target", "inline_markup")


@dataclass(frozen=True)
class Bundle:
    """Everything any writer may draw on; each takes only what it needs.

    ``units`` may be a one-pass iterator (``tmx convert`` streams a memory of any size).
    ``bom``: CSV files start with a UTF-8 byte-order mark, so that Excel on Windows reads
    « é » instead of « Ã© ». ``signature``: the run's settings (``align.signature``).
    """

    units: Iterable[TranslationUnit] = ()
    srclang: str = "en"
    tgtlang: str = "fr"
    signature: str = ""
    unaligned: Sequence[Unaligned] = ()
    beads: Sequence[Bead] = ()
    terms: Sequence[TermStats] = ()
    findings: Sequence[Finding] = ()
    report_units: Sequence[TranslationUnit] = ()  # units plus target sentences left alone (reports)
    name: str = ""
    ignored: int = 0
    bom: bool = False
    merge_duplicates: bool = False
    drop_untranslated: bool = False
    result: PairResult | None = None  # the whole run, for writers that need every sentence (review data)
    titles: tuple[tuple[str, str], ...] = ()  # (check id, plain title), for the reviewer's workbook


@dataclass(frozen=True)
class Writer:
    """One output: ``write(fh, bundle)`` returns the summary lines to print (often none).

    ``binary`` writers get a byte stream. ``split`` writers (Moses) write two files from
    a prefix themselves and return the paths they wrote. ``units_only``: the writer reads
    the bundle's units and its header fields (``HEADER_FIELDS``) and nothing else, so a
    process holding the same units writes the same file (``align run``'s helper, beside
    the job writing the reports).
    """

    name: str
    filename: str
    description: str
    write: Callable[[IO, Bundle], list[str]]
    binary: bool = False
    split: Callable[[str, Bundle], tuple[list[Path], list[str]]] | None = None
    units_only: bool = False


# What a ``units_only`` writer may read of the bundle besides its units.
HEADER_FIELDS = ("srclang", "tgtlang", "signature", "name", "bom", "merge_duplicates", "drop_untranslated")


@dataclass
class Written:
    """What writing one output produced: the files, and lines for the user."""

    paths: list[Path] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)


WRITERS: dict[str, Writer] = {}


def register(w: Writer) -> Writer:
    if w.name in WRITERS:
        raise ValueError(f"writer {w.name!r} registered twice")
    WRITERS[w.name] = w
    return w


def get_writer(name: str, among: Iterable[str] | None = None) -> Writer:
    """The writer called ``name`` (or a usage error listing the names accepted here)."""
    names = tuple(among) if among is not None else tuple(WRITERS)
    if name not in names or name not in WRITERS:
        raise UsageError(f"unknown output format {name!r}", hint="use one of " + ", ".join(names))
    return WRITERS[name]


def write_to(name: str, path: str | Path, bundle: Bundle) -> Written:
    """Write output ``name`` at ``path`` (``-`` = standard output) atomically."""
    w = get_writer(name)
    if w.split is not None:
        paths, lines = w.split(str(path), bundle)
        return Written(paths, lines)
    with atomic_write(path, "wb" if w.binary else "w") as fh:
        lines = w.write(fh, bundle)
    return Written([Path(path)], lines)


def _tmx(fh: IO[bytes], b: Bundle) -> list[str]:
    props = ((PROP, b.signature),) if b.signature else ()
    header = TmxHeader(srclang=b.srclang, tgtlang=b.tgtlang, props=props)
    return write_tmx(fh, b.units, header, merge_duplicates=b.merge_duplicates,
                     drop_untranslated=b.drop_untranslated).lines()


def _tsv(fh: IO[str], b: Bundle) -> list[str]:
    tsv.write_alignment(fh, b.units)
    return []


def _unaligned(fh: IO[str], b: Bundle) -> list[str]:
    tsv.write_unaligned(fh, b.unaligned)
    return []


def csv_writer(fh: IO[str], bom: bool) -> Any:
    """RFC 4180 CSV (quoted as needed), with Excel's byte-order mark when asked."""
    if bom:
        fh.write(BOM)
    return csv.writer(fh, lineterminator="\r\n" if bom else "\n")


def _csv(fh: IO[str], b: Bundle) -> list[str]:
    writer = csv_writer(fh, b.bom)
    writer.writerow(CSV_COLUMNS)
    for u in b.units:
        writer.writerow((u.tuid, u.bead, f"{u.score:.4f}", u.document, u.source, u.target, int(u.inline_markup)))
    return []


def _xlsx(fh: IO[bytes], b: Bundle) -> list[str]:
    settings = [("source language", b.srclang), ("target language", b.tgtlang)]
    if b.signature:
        settings.append(("signature", b.signature))
    write_xlsx(fh, list(b.units), b.findings, b.unaligned, settings, dict(b.titles))
    return []


def _links(fh: IO[str], b: Bundle) -> list[str]:
    for bead in b.beads:
        fh.write(format_bead(bead) + "\n")
    return []


def one_line(text: str) -> tuple[str, int]:
    """A segment on one line (Moses: line n of one file translates line n of the other)."""
    lines = text.splitlines()
    return " ".join(lines), max(0, len(lines) - 1)


def _moses(prefix: str, b: Bundle) -> tuple[list[Path], list[str]]:
    if prefix == "-" or prefix.endswith(("/", "\\")):
        raise UsageError(f"Moses output is two files: give a file prefix with -o, not {prefix!r}",
                         hint="e.g. -o corpus writes corpus.en and corpus.fr")
    paths = [Path(f"{prefix}.{b.srclang}"), Path(f"{prefix}.{b.tgtlang}")]
    replaced = 0
    with atomic_write(paths[0]) as fs, atomic_write(paths[1]) as ft:
        for u in b.units:
            (s, n1), (t, n2) = one_line(u.source), one_line(u.target)
            replaced += n1 + n2
            fs.write(s + "\n")
            ft.write(t + "\n")
    lines = [f"{replaced} line breaks inside segments replaced by a space"] if replaced else []
    return paths, lines


def _never(_fh: IO, _b: Bundle) -> list[str]:
    raise UsageError("Moses output is two files: write it with a file prefix")


for _w in (
    Writer("tmx", "alignment.tmx", "TMX 1.4b translation memory, for CAT tools", _tmx, binary=True, units_only=True),
    Writer("tsv", "alignment.tsv", "one unit per row: unit, type, score, source, target", _tsv, units_only=True),
    Writer("csv", "alignment.csv", "the units as CSV (--bom: for Excel)", _csv, units_only=True),
    Writer("xlsx", "alignment.xlsx", "Excel workbook: units, findings, unaligned, with status and comment columns",
           _xlsx, binary=True),
    Writer("moses", "corpus", "two aligned plain-text files, PREFIX.<source> and PREFIX.<target>", _never,
           split=_moses),
    Writer("links", "alignment.links", "Vecalign link lines [0]:[0, 1], every sentence once", _links),
    Writer("unaligned", "unaligned.tsv", "every sentence left out of the units, with its reason", _unaligned),
):
    register(_w)

UNIT_FORMATS = ("tmx", "tsv", "csv", "xlsx", "moses")  # what a memory converts to (tmx convert --to)
