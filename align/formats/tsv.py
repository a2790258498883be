"""Tab-separated outputs: ``alignment.tsv`` and ``unaligned.tsv``.

Tabs and line breaks inside a sentence would shift columns, so they are replaced by a
space (they cannot occur after segmentation anyway, but a TMX read back may hold them).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO

from align.errors import DataError
from align.model import TranslationUnit, Unaligned

ALIGNMENT_COLUMNS = ("bead", "type", "score", "source", "target")
UNALIGNED_COLUMNS = ("side", "index", "sentence", "reason")


def _clean(text: str) -> str:
    return " ".join(text.replace("\t", " ").splitlines())


def _row(fh: IO[str], fields: Iterable[object]) -> None:
    fh.write("\t".join(_clean(str(f)) for f in fields) + "\n")


def write_alignment(fh: IO[str], units: Iterable[TranslationUnit]) -> None:
    """Plain TSV, no quoting: French quotes and apostrophes stay as they are."""
    _row(fh, ALIGNMENT_COLUMNS)
    for u in units:
        _row(fh, (u.tuid, u.bead, f"{u.score:.4f}", u.source, u.target))


def write_unaligned(fh: IO[str], rows: Iterable[Unaligned]) -> None:
    _row(fh, UNALIGNED_COLUMNS)
    for r in rows:
        _row(fh, (r.side, r.index, r.text, r.reason))


def read_alignment(text: str) -> list[TranslationUnit]:
    """Read an ``alignment.tsv`` back (header required)."""
    lines = text.splitlines()
    if not lines or lines[0].split("\t")[:5] != list(ALIGNMENT_COLUMNS):
        raise DataError("not an alignment.tsv: header must be " + "\t".join(ALIGNMENT_COLUMNS))
    units = []
    for line in lines[1:]:
        if not line.strip():
            continue
        bead, kind, score, source, target = (line.split("\t") + [""] * 5)[:5]
        units.append(TranslationUnit(source, target, bead, float(score or 0), kind))
    return units
