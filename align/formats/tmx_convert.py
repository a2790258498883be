"""``align tmx convert``: a TMX (or an edited TSV/XLSX) into TSV, CSV, XLSX, Moses plain text, or a clean TMX 1.4b.

Every output is streamed and written atomically (a half-written Moses pair would be
misaligned from the break on). Moses format is two files with one segment per line, line
*n* of one translating line *n* of the other, so line breaks inside a segment are
replaced by a space and counted.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from align.errors import DataError
from align.formats import tsv
from align.formats.tmx_read import Source, read_tmx_langs
from align.formats.writers import UNIT_FORMATS, Bundle, get_writer, write_to
from align.formats.xlsx import is_xlsx, read_units_xlsx
from align.io import decode
from align.langcodes import check_tag
from align.model import TranslationUnit

FORMATS = UNIT_FORMATS


@dataclass
class ConvertSummary:
    """What a conversion wrote, and where."""

    units: int = 0
    srclang: str = ""
    tgtlang: str = ""
    inline_markup: int = 0
    outputs: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what the writer says (TMX: what it left out)

    def lines(self) -> list[str]:
        out = [f"converted {self.units} units {self.srclang} → {self.tgtlang} into "
               + ", ".join(str(p) for p in self.outputs)]
        if self.inline_markup:
            out.append(f"{self.inline_markup} units had inline markup reduced to plain text")
        return out + self.notes


def canonical_tag(tag: str) -> str:
    """A tag read from someone's TMX, repaired for output: ``fr_FR`` → ``fr-FR``."""
    return check_tag(tag.replace("_", "-"))


Labeller = Callable[[Iterable[TranslationUnit], str, str], Iterable[TranslationUnit]]


def convert_tmx(
    source: Source, to: str, output: str | Path, srclang: str | None = None, tgtlang: str | None = None,
    merge_duplicates: bool = False, bom: bool = False, label: Labeller | None = None,
) -> ConvertSummary:
    """Convert the (srclang, tgtlang) units of ``source`` with the writer ``to`` of the registry.

    Moses writes ``OUTPUT.<lang>`` twice; ``bom``: CSV for Excel. ``label`` sets each unit's
    ``target_lang`` (language detection is the caller's, a composition layer's, job): the
    TMX writer leaves out units whose target is in the source language.
    """
    get_writer(to, FORMATS)
    stream = read_tmx_langs(source, srclang, tgtlang)
    first = next(stream, None)
    if first is None:
        raise DataError("no translation unit with both languages in the file",
                        hint="check --source-lang/--target-lang with `align tmx stats`")
    summary = ConvertSummary(srclang=canonical_tag(first[1]), tgtlang=canonical_tag(first[2]))
    return _write(_counted(itertools.chain([first], stream), summary), summary, to, output, merge_duplicates, bom,
                  label)


def convert_table(
    data: bytes, name: str, to: str, output: str | Path, srclang: str | None = None, tgtlang: str | None = None,
    merge_duplicates: bool = False, bom: bool = False, label: Labeller | None = None,
) -> ConvertSummary:
    """An edited ``alignment.tsv`` or ``.xlsx`` back into a memory (or any other unit format).

    Rows a reviewer rejected (status ``rejected``, ``delete``…) are left out and counted; the
    languages are the workbook's ``settings`` sheet's, else ``srclang``/``tgtlang`` (en, fr).
    """
    get_writer(to, FORMATS)
    settings: dict[str, str] = {}
    if is_xlsx(data):
        units, settings, rejected = read_units_xlsx(data, name)
    else:
        text = decode(data, name)
        units = tsv.read_alignment(text)
        rejected = max(0, sum(1 for ln in text.splitlines()[1:] if ln.strip()) - len(units))
    if not units:
        raise DataError(f"{name}: no unit left to convert", hint="every row is empty or rejected")
    summary = ConvertSummary(srclang=check_tag(srclang or settings.get("source language") or "en"),
                             tgtlang=check_tag(tgtlang or settings.get("target language") or "fr"))
    if rejected:
        summary.notes.append(f"{rejected} rows marked rejected by the reviewer left out")
    return _write(_counted(((u, "", "") for u in units), summary), summary, to, output, merge_duplicates, bom, label)


def _write(units: Iterator[TranslationUnit], summary: ConvertSummary, to: str, output: str | Path,
           merge_duplicates: bool, bom: bool, label: Labeller | None) -> ConvertSummary:
    labelled = label(units, summary.srclang, summary.tgtlang) if label and to == "tmx" else units
    bundle = Bundle(labelled, summary.srclang, summary.tgtlang, bom=bom, merge_duplicates=merge_duplicates,
                    drop_untranslated=True)
    written = write_to(to, output, bundle)
    summary.outputs.extend(written.paths)
    summary.notes.extend(written.lines)
    return summary


def _counted(rows: Iterator[tuple[TranslationUnit, str, str]], summary: ConvertSummary) -> Iterator[TranslationUnit]:
    for unit, _s, _t in rows:
        summary.units += 1
        summary.inline_markup += unit.inline_markup
        yield unit
