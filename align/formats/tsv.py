"""Tab-separated outputs: ``alignment.tsv`` and ``unaligned.tsv``.

Tabs and line breaks inside a sentence would shift columns, so they are replaced by a
space (they cannot occur after segmentation anyway, but a TMX read back may hold them).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import IO

from align.errors import DataError
from align.formats.xlsx import REJECTED
from align.model import TranslationUnit, Unaligned

ALIGNMENT_COLUMNS = ("unit", "type", "score", "source", "target")
UNALIGNED_COLUMNS = ("side", "index", "sentence", "reason")


def _clean(text: str) -> str:
    return " ".join(text.replace("\t", " ").splitlines())


# Where ``str.splitlines`` breaks a line, but LF (the rows' own separator).
_BREAKS = ("\r", "\v", "\f", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029")
# Rows written per ``write`` call (one join per chunk, memory bounded by the chunk).
CHUNK = 1024


def _line(fields: Sequence[object]) -> str:
    """One row: its fields cleaned, joined by tabs, with the line break."""
    return "\t".join(_clean(str(f)) for f in fields) + "\n"


def _block(rows: list[Sequence[object]]) -> str:
    """Rows as ``_line`` writes them. A chunk whose text holds no tab but the separators and
    no line break but the rows' own is its fields joined as they are (``_clean`` would change
    nothing): that is checked once on the whole chunk (a few C scans), not field by field."""
    text = "\n".join(["\t".join([f if type(f) is str else str(f) for f in fields]) for fields in rows])
    if (text.count("\t") == sum(len(fields) - 1 for fields in rows) and text.count("\n") == len(rows) - 1
            and not any(c in text for c in _BREAKS)):
        return text + "\n" if rows else ""
    return "".join([_line(fields) for fields in rows])


def _row(fh: IO[str], fields: Iterable[object]) -> None:
    fh.write(_line(tuple(fields)))


def _rows(fh: IO[str], header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """The header and ``rows``, written a chunk of rows at a time."""
    chunk: list[Sequence[object]] = [header]
    for fields in rows:
        chunk.append(fields)
        if len(chunk) >= CHUNK:
            fh.write(_block(chunk))
            chunk = []
    fh.write(_block(chunk))


def write_alignment(fh: IO[str], units: Iterable[TranslationUnit]) -> None:
    """Plain TSV, no quoting: French quotes and apostrophes stay as they are."""
    _rows(fh, ALIGNMENT_COLUMNS, ((u.tuid, u.bead, f"{u.score:.4f}", u.source, u.target) for u in units))


def write_unaligned(fh: IO[str], rows: Iterable[Unaligned]) -> None:
    _rows(fh, UNALIGNED_COLUMNS, ((r.side, r.index, r.text, r.reason) for r in rows))


def read_alignment(text: str) -> list[TranslationUnit]:
    """Read an ``alignment.tsv`` back (header required), perhaps edited in a spreadsheet.

    Columns are found by name, so added ``status`` and ``comment`` columns travel into the
    units' props (``x-status``, ``x-comment``) and a row whose status rejects it
    (``rejected``, ``delete``…) is left out.
    """
    lines = text.splitlines()
    header = [h.strip().lower() for h in lines[0].split("\t")] if lines else []
    if "source" not in header or "target" not in header or not ({"bead", "unit"} & set(header)):
        raise DataError("not an alignment.tsv: header must be " + "\t".join(ALIGNMENT_COLUMNS))
    col = {h: k for k, h in reversed(list(enumerate(header)))}
    units = []
    for n, line in enumerate(lines[1:], 2):
        if not line.strip():
            continue
        cells = line.split("\t")

        def cell(key: str, cells: list[str] = cells) -> str:
            k = col.get(key)
            return cells[k].strip() if k is not None and k < len(cells) else ""

        status, comment = cell("status"), cell("comment")
        if status.casefold() in REJECTED:
            continue
        try:
            score = float(cell("score") or 0)
        except ValueError as exc:
            raise DataError(f"alignment.tsv line {n}: score {cell('score')!r} is not a number") from exc
        props = tuple((k, v) for k, v in (("x-status", status), ("x-comment", comment)) if v)
        units.append(TranslationUnit(cell("source"), cell("target"), cell("unit") or cell("bead"), score,
                                     cell("type") or "1-1", props=props))
    return units


def is_alignment_tsv(head: str) -> bool:
    """The first line of ``head`` is an alignment table's header (ours, perhaps with added columns)."""
    header = [h.strip().lower() for h in head.split("\n", 1)[0].lstrip("\ufeff").split("\t")]
    return "source" in header and "target" in header and bool({"bead", "unit"} & set(header))
