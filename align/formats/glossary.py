"""Glossaries: OmegaT TSV, CSV/TSV with a header row, and TBX (v2 and v3, see :mod:`.tbx`).

* OmegaT writes ``source<TAB>target<TAB>comment`` with no header;
* a spreadsheet export has a header row; columns are mapped by name (``source``/``term``/
  ``en``…, ``target``/``translation``/``fr``…, ``note``/``comment``, ``forbidden``,
  ``dnt``/``do not translate``, ``case sensitive``, ``synonyms``);
* several forms in one cell are separated by ``|`` or ``;``: the first target is the
  preferred one, the first source is the entry's term and the others its synonyms.

A comment saying the term is never translated (``company name, never translated``) marks
the entry do-not-translate, as translators write it in OmegaT.
"""

from __future__ import annotations

import io
import re

from align.errors import DataError
from align.formats.tbx import is_tbx, parse_tbx
from align.io import csv_reader
from align.model import TermEntry

_COLUMNS = {
    "source": ("source", "src", "term", "source term", "english", "en", "source_term", "entry"),
    "target": ("target", "tgt", "translation", "target term", "french", "fr", "target_term", "equivalent"),
    "note": ("note", "notes", "comment", "comments", "definition", "remark", "context"),
    "forbidden": ("forbidden", "forbidden variants", "forbidden_variants", "deprecated", "do not use", "avoid"),
    "dnt": ("dnt", "do not translate", "do_not_translate", "do-not-translate", "untranslatable", "keep"),
    "case": ("case", "case sensitive", "case_sensitive", "case-sensitive", "match case", "matchcase"),
    "synonyms": ("synonyms", "source synonyms", "source_synonyms", "variants", "source variants"),
}
_DNT_NOTE = re.compile(r"\b(never translated|do not translate|don't translate|not translated|dnt|untranslatable)\b",
                       re.IGNORECASE)
_TRUE = frozenset({"1", "yes", "y", "true", "x", "oui", "dnt"})


def parse_glossary(text: str, name: str = "glossary", source_lang: str = "en",
                   target_lang: str = "fr") -> tuple[TermEntry, ...]:
    """Parse any supported glossary; the format is told by the content, not the file name."""
    if is_tbx(text):
        entries = parse_tbx(text.encode("utf-8"), source_lang, target_lang, name)
    else:
        entries = _parse_table(text, name, source_lang, target_lang)
    if not entries:
        raise DataError(f"{name}: glossary holds no {source_lang}→{target_lang} entry")
    return entries


def _comment(row: list[str]) -> bool:
    """A ``#`` line is a comment only when it is not a row: ``# exported 2024`` is one,
    ``#MeToo<TAB>#MeToo`` (a term that starts with ``#``) is an entry."""
    return row[0].lstrip().startswith("#") and sum(1 for c in row if c.strip()) < 2


def _parse_table(text: str, name: str, source_lang: str, target_lang: str) -> tuple[TermEntry, ...]:
    lines = [ln for ln in text.splitlines() if ln.strip()]
    first = next((ln for ln in lines if not ln.lstrip().startswith("#")), None) \
        or next((ln for ln in lines if "\t" in ln), lines[0] if lines else "")
    delimiter = "\t" if "\t" in first else ";" if first.count(";") > first.count(",") else ","
    rows = [row for row in csv_reader(io.StringIO("\n".join(lines)), delimiter=delimiter) if row and not _comment(row)]
    if not rows:
        raise DataError(f"{name}: glossary is empty")
    columns = _header(rows[0], source_lang, target_lang)
    first_row = 1
    if columns is None:
        columns = {"source": 0, "target": 1, "note": 2}
    else:
        rows, first_row = rows[1:], 2
    return tuple(_entry(row, columns, name, k) for k, row in enumerate(rows, first_row))


def _header(row: list[str], source_lang: str, target_lang: str) -> dict[str, int] | None:
    cells = [" ".join(c.strip().lower().replace("_", " ").split()) for c in row]
    found: dict[str, int] = {}
    for key, names in _COLUMNS.items():
        names = (*names, source_lang) if key == "source" else (*names, target_lang) if key == "target" else names
        for i, c in enumerate(cells):
            if (c in names or c.replace(" ", "_") in names) and key not in found and i not in found.values():
                found[key] = i
    return found if "source" in found and "target" in found else None


def _cell(row: list[str], columns: dict[str, int], key: str) -> str:
    i = columns.get(key)
    return row[i].strip() if i is not None and i < len(row) else ""


def _split(cell: str) -> tuple[str, ...]:
    return tuple(x.strip() for x in re.split(r"[|;]", cell) if x.strip())


def _entry(row: list[str], columns: dict[str, int], name: str, line: int) -> TermEntry:
    sources, targets = _split(_cell(row, columns, "source")), _split(_cell(row, columns, "target"))
    dnt = _cell(row, columns, "dnt").lower() in _TRUE
    if not sources or not (targets or dnt):
        raise DataError(f"{name}: row {line} needs a source term and a target term")
    wordless = next((t for t in sources + targets if not any(c.isalnum() for c in t)), None)
    if wordless is not None:
        raise DataError(f"{name}: row {line}: the term {wordless!r} has no letter or digit",
                        hint="terms are matched as words, with their punctuation")
    note = _cell(row, columns, "note")
    return TermEntry(
        sources[0], targets or (sources[0],), note, _split(_cell(row, columns, "forbidden")),
        dnt or bool(_DNT_NOTE.search(note)), _cell(row, columns, "case").lower() in _TRUE,
        sources[1:] + _split(_cell(row, columns, "synonyms")),
    )
