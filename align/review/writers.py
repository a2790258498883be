"""The one place the review reaches the project's writers (an adapter, easy to switch).

TMX and TSV go through ``align.formats`` exactly as ``align run`` writes them; XLSX
through pandas + openpyxl with a frozen header and filters. When the project's writer
registry offers a format, this module is the only one to change.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import IO

import pandas as pd

from align.errors import UsageError
from align.formats import tmx, tsv
from align.io import atomic_write
from align.model import TranslationUnit, Unaligned

NAMES = ("alignment.tmx", "alignment.tsv", "unaligned.tsv", "alignment.xlsx")
MEDIA = {"alignment.tmx": "application/x-tmx+xml", "alignment.tsv": "text/tab-separated-values; charset=utf-8",
         "unaligned.tsv": "text/tab-separated-values; charset=utf-8",
         "alignment.xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def _frame(units: Sequence[TranslationUnit]) -> pd.DataFrame:
    rows = [(u.tuid, u.bead, round(u.score, 4), dict(u.props).get("x-review", ""), u.source, u.target)
            for u in units]
    return pd.DataFrame(rows, columns=["unit", "type", "score", "review", "source", "target"])


def _write_xlsx(fh: IO[bytes], units: Sequence[TranslationUnit], unaligned: Sequence[Unaligned]) -> None:
    with pd.ExcelWriter(fh, engine="openpyxl") as xl:
        _frame(units).to_excel(xl, sheet_name="units", index=False)
        pd.DataFrame([(u.side, u.index, u.text, u.reason) for u in unaligned],
                     columns=["side", "index", "sentence", "reason"]).to_excel(xl, sheet_name="unaligned", index=False)
        for sheet in xl.sheets.values():
            sheet.freeze_panes = "A2"
            sheet.auto_filter.ref = sheet.dimensions


def _write(name: str, fh: IO, units: Sequence[TranslationUnit], unaligned: Sequence[Unaligned],
           source_lang: str, target_lang: str) -> None:
    if name == "alignment.tmx":
        tmx.write_tmx(fh, units, tmx.TmxHeader(srclang=source_lang, tgtlang=target_lang), drop_untranslated=False)
    elif name == "alignment.tsv":
        tsv.write_alignment(fh, units)
    elif name == "unaligned.tsv":
        tsv.write_unaligned(fh, unaligned)
    elif name == "alignment.xlsx":
        _write_xlsx(fh, units, unaligned)
    else:
        raise UsageError(f"no writer for {name!r}; choose from {', '.join(NAMES)}")


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
