"""Excel workbooks: the alignment and the findings for a reviewer, and an edited workbook read back.

Written with pandas + openpyxl: one sheet per table (``units``, ``findings``,
``unaligned``, ``settings``), the header row frozen and filtered, long columns wide and
wrapped, and two empty columns a reviewer fills in — ``status`` (``ok``, ``rejected``…) and
``comment``. Read back (``read_units_xlsx``), the ``units`` sheet becomes translation units
again so that ``align tmx convert edited.xlsx --to tmx`` turns a corrected spreadsheet into
a memory: rows whose status rejects them are left out, status and comment travel as
``<prop type="x-status">`` / ``x-comment``. The column names are those of every other
output (``unit``, ``type``, ``score``, ``source``, ``target``).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from typing import IO, Any

from align.errors import DataError
from align.model import TranslationUnit

UNIT_COLUMNS = ("unit", "type", "score", "status", "comment", "source", "target")
FINDING_COLUMNS = ("id", "check", "title", "severity", "term", "found", "expected", "unit", "source", "target",
                   "message", "status", "comment")
UNALIGNED_COLUMNS = ("side", "index", "sentence", "reason")
# A row whose status says one of these is not a translation any more.
REJECTED = frozenset({"rejected", "reject", "delete", "deleted", "wrong", "no", "x", "bad", "rejeté", "supprimer"})
WIDE = 60  # characters: width of the source, target and message columns


def _frame(rows: Sequence[Sequence[Any]], columns: Sequence[str]) -> Any:
    import pandas as pd

    return pd.DataFrame(list(rows), columns=list(columns))


def write_xlsx(fh: IO[bytes], units: Sequence[TranslationUnit], findings: Sequence[Any] = (),
               unaligned: Sequence[Any] = (), settings: Sequence[tuple[str, str]] = (),
               titles: dict[str, str] | None = None) -> None:
    """The workbook: ``units`` always; ``findings``, ``unaligned`` when there are some; ``settings``."""
    import pandas as pd

    titles = titles or {}
    sheets = {"units": _frame([(u.tuid, u.bead, round(u.score, 4), _status(u),
                                dict(u.props).get("x-comment", ""), u.source, u.target) for u in units],
                              UNIT_COLUMNS)}
    if findings:
        sheets["findings"] = _frame([(f.id, f.check, titles.get(f.check, f.check), f.severity, f.term, f.found,
                                      f.expected, f.bead, f.source, f.target, f.message, "", "") for f in findings],
                                    FINDING_COLUMNS)
    if unaligned:
        sheets["unaligned"] = _frame([(u.side, u.index, u.text, u.reason) for u in unaligned], UNALIGNED_COLUMNS)
    if settings:
        sheets["settings"] = _frame(list(settings), ("setting", "value"))
    with pd.ExcelWriter(fh, engine="openpyxl") as xl:
        for name, frame in sheets.items():
            frame.to_excel(xl, sheet_name=name, index=False)
            _shape(xl.sheets[name], list(frame.columns))


def _shape(sheet: Any, columns: list[str]) -> None:
    """Frozen header, filters on every column, wide wrapped text columns."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    for k, name in enumerate(columns, 1):
        letter = get_column_letter(k)
        sheet.cell(1, k).font = Font(bold=True)
        wide = name in ("source", "target", "message", "sentence", "value", "reason")
        sheet.column_dimensions[letter].width = WIDE if wide else max(10, len(name) + 4)
        if wide:
            for cell in sheet[letter][1:]:
                cell.alignment = Alignment(wrap_text=True, vertical="top")


def is_xlsx(data: bytes) -> bool:
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        return "xl/workbook.xml" in zipfile.ZipFile(io.BytesIO(data)).namelist()
    except zipfile.BadZipFile:
        return False


def read_units_xlsx(data: bytes, name: str) -> tuple[list[TranslationUnit], dict[str, str], int]:
    """Units of the ``units`` sheet (else the first), the ``settings`` sheet, and how many rows were rejected.

    Columns are found by name (``source`` and ``target`` required; ``unit``, ``type``,
    ``score``, ``status``, ``comment`` optional), so a reviewer may reorder or add columns.
    """
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise DataError(f"{name}: not a readable Excel workbook (.xlsx): {type(exc).__name__}") from exc
    sheet = book["units"] if "units" in book.sheetnames else book.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = [str(c or "").strip().lower() for c in next(rows, ())]
    if "source" not in header or "target" not in header:
        raise DataError(f"{name}: the sheet {sheet.title!r} needs a 'source' and a 'target' column",
                        hint="found: " + ", ".join(h for h in header if h))
    col = {h: k for k, h in reversed(list(enumerate(header))) if h}
    units, rejected = [], 0
    for row in rows:
        units_row = _unit(row, col)
        if units_row is None:
            continue
        if units_row == "rejected":
            rejected += 1
        else:
            units.append(units_row)
    settings = {}
    if "settings" in book.sheetnames:
        settings = {str(r[0]): str(r[1]) for r in book["settings"].iter_rows(min_row=2, values_only=True)
                    if r and r[0] is not None and len(r) > 1 and r[1] is not None}
    book.close()
    return units, settings, rejected


def _unit(row: Sequence[Any], col: dict[str, int]) -> TranslationUnit | str | None:
    def cell(key: str) -> str:
        k = col.get(key)
        value = row[k] if k is not None and k < len(row) else None
        return "" if value is None else str(value).strip()

    source, target = cell("source"), cell("target")
    if not source and not target:
        return None
    status, comment = cell("status"), cell("comment")
    if status.casefold() in REJECTED:
        return "rejected"
    try:
        score = float(cell("score") or 1.0)
    except ValueError:
        score = 1.0
    props = tuple((k, v) for k, v in (("x-status", status), ("x-comment", comment)) if v)
    return TranslationUnit(source, target, cell("unit") or cell("bead"), score, cell("type") or "1-1", props=props)


def _status(unit: TranslationUnit) -> str:
    """A reviewer's status (``x-status``) or, for an export of ``align review``, its ``x-review``."""
    props = dict(unit.props)
    return props.get("x-status") or props.get("x-review", "")
