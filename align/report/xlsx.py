"""``issues.xlsx``: the findings as a spreadsheet a reviewer filters, sorts and annotates.

Two sheets: *Findings* (one row per finding, plain check names, the unit's type and
confidence, empty ``status`` and ``comment`` columns for the reviewer) and *Groups* (one
row per group of identical findings, with its count and units). Header frozen, filters on.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO

import pandas as pd

from align.model import Finding
from align.terms.groups import group_findings
from align.terms.registry import CHECKS

FINDING_COLUMNS = ("check", "severity", "term", "found", "expected", "unit", "unit type", "confidence", "source",
                   "target", "message", "status", "comment", "group", "id")
GROUP_COLUMNS = ("check", "severity", "term", "found", "expected", "count", "units", "group")


def _title(check_id: str) -> str:
    c = CHECKS.get(check_id)
    return c.title if c else check_id


def findings_sheets(findings: Sequence[Finding]) -> dict[str, pd.DataFrame]:
    rows = [(_title(f.check), f.severity, f.term, f.found, f.expected, f.bead, f.unit_type, f.confidence, f.source,
             f.target, f.message, "", "", f.group, f.id) for f in findings]
    groups = [(_title(g.check), g.severity, g.term, g.found, g.expected, g.count, " ".join(g.units), g.id)
              for g in group_findings(findings, list(CHECKS))]
    return {"Findings": pd.DataFrame(rows, columns=list(FINDING_COLUMNS)),
            "Groups": pd.DataFrame(groups, columns=list(GROUP_COLUMNS))}


def write_findings_xlsx(fh: IO[bytes], findings: Sequence[Finding]) -> None:
    """Both sheets into ``fh`` (an open binary file), header frozen and filterable."""
    with pd.ExcelWriter(fh, engine="openpyxl") as xl:
        for name, frame in findings_sheets(findings).items():
            frame.to_excel(xl, sheet_name=name, index=False)
            sheet = xl.sheets[name]
            sheet.freeze_panes = "A2"
            sheet.auto_filter.ref = sheet.dimensions
            for col, width in zip("ABCDEFGHIJKLMNO", (34, 9, 22, 22, 22, 10, 9, 10, 50, 50, 40, 10, 24, 20, 24),
                                  strict=False):
                sheet.column_dimensions[col].width = width
