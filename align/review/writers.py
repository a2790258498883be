"""The one place the review reaches the project's writers.

TMX, TSV, unaligned TSV and XLSX go through the project's writer registry
(``align.formats.writers``), exactly as ``align run`` writes them; the review status of a
unit travels as its ``x-review`` prop (the TMX ``<prop>``, the XLSX ``status`` column).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import IO

from align.errors import UsageError
from align.formats.writers import WRITERS, Bundle
from align.io import atomic_write
from align.model import TranslationUnit, Unaligned

REGISTRY = {"alignment.tmx": "tmx", "alignment.tsv": "tsv", "unaligned.tsv": "unaligned", "alignment.xlsx": "xlsx"}

NAMES = ("alignment.tmx", "alignment.tsv", "unaligned.tsv", "alignment.xlsx")
MEDIA = {"alignment.tmx": "application/x-tmx+xml", "alignment.tsv": "text/tab-separated-values; charset=utf-8",
         "unaligned.tsv": "text/tab-separated-values; charset=utf-8",
         "alignment.xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def _write(name: str, fh: IO, units: Sequence[TranslationUnit], unaligned: Sequence[Unaligned],
           source_lang: str, target_lang: str) -> None:
    registered = WRITERS.get(REGISTRY.get(name, ""))
    if registered is None:
        raise UsageError(f"no writer for {name!r}; choose from {', '.join(NAMES)}")
    registered.write(fh, Bundle(units=units, srclang=source_lang, tgtlang=target_lang, unaligned=unaligned,
                                report_units=units))


def _binary(name: str) -> bool:
    return name.endswith((".tmx", ".xlsx"))


def write(name: str, path: Path, units: Sequence[TranslationUnit], unaligned: Sequence[Unaligned],
          source_lang: str, target_lang: str) -> None:
    """Write one named output atomically (temporary file, then rename)."""
    with atomic_write(path, "wb" if _binary(name) else "w") as fh:
        _write(name, fh, units, unaligned, source_lang, target_lang)


def render(name: str, units: Sequence[TranslationUnit], unaligned: Sequence[Unaligned],
           source_lang: str, target_lang: str) -> bytes:
    if _binary(name):
        buf = io.BytesIO()
        _write(name, buf, units, unaligned, source_lang, target_lang)
        return buf.getvalue()
    text = io.StringIO(newline="")
    _write(name, text, units, unaligned, source_lang, target_lang)
    return text.getvalue().encode("utf-8")
