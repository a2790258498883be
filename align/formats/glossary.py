"""Glossaries: OmegaT-style TSV (source, target, comment) and CSV with a header row."""

from __future__ import annotations

import csv
import io

from align.errors import DataError
from align.model import TermEntry


def parse_glossary(text: str, name: str = "glossary") -> tuple[TermEntry, ...]:
    """Parse a TSV (no header, OmegaT) or CSV/TSV with a ``source``/``target`` header row.

    Several approved targets may be given separated by ``|`` or ``;``.
    """
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    if not lines:
        raise DataError(f"{name}: glossary is empty")
    delimiter = "\t" if "\t" in lines[0] else ","
    rows = list(csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter))
    header = [c.strip().lower() for c in rows[0]]
    if "source" in header and "target" in header:
        s, t = header.index("source"), header.index("target")
        n = header.index("note") if "note" in header else header.index("comment") if "comment" in header else None
        rows = rows[1:]
    else:
        s, t, n = 0, 1, 2
    entries = []
    for k, row in enumerate(rows, 1):
        if len(row) <= max(s, t) or not row[s].strip() or not row[t].strip():
            raise DataError(f"{name}: row {k} needs a source term and a target term")
        targets = tuple(x.strip() for x in row[t].replace(";", "|").split("|") if x.strip())
        note = row[n].strip() if n is not None and len(row) > n else ""
        entries.append(TermEntry(row[s].strip(), targets, note))
    return tuple(entries)
