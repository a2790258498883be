"""Identical findings as one group, ranked and capped, so a long text does not flood the report.

Findings of one check with the same term, words found and words expected are one *group*
(``fr_spacing`` "ordinary space before ?" ×212 is one line with 212 units). Groups are
ranked errors first, then by how many units they touch. The segment-consistency checks
(``target_shared``, ``source_inconsistent``) are where a repetitive text produces
thousands of groups: the report shows their ``shown_per_check`` strongest ones (most
units, most different wording by chrF) and counts the rest; every finding stays in
``findings.json`` and ``issues.csv``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from align.model import Finding

CAPPED = ("target_shared", "source_inconsistent")
MAX_GROUPS_PER_CHECK = 200  # any other check: beyond this, groups are counted, not shown
_CHRF = re.compile(r"chrF (\d+)")


@dataclass(frozen=True)
class Group:
    """Findings that say the same thing about different units."""

    id: str
    check: str
    severity: str
    term: str
    found: str
    expected: str
    findings: tuple[Finding, ...]
    shown: bool = True

    @property
    def count(self) -> int:
        return len(self.findings)

    @property
    def units(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(f.bead for f in self.findings))


def _difference(g: Group) -> int:
    m = _CHRF.search(g.findings[0].message)
    return int(m.group(1)) if m else 100


def group_findings(findings: Sequence[Finding], order: Sequence[str] = (),
                   shown_per_check: int = 20) -> tuple[Group, ...]:
    """Groups in report order (check order, errors first, most units first), with ``shown`` set."""
    by: dict[str, list[Finding]] = {}
    for f in findings:
        by.setdefault(f.group or f.id, []).append(f)
    rank = {c: i for i, c in enumerate(order)}
    groups = [Group(k, fs[0].check, fs[0].severity, fs[0].term, fs[0].found, fs[0].expected, tuple(fs))
              for k, fs in by.items()]
    groups.sort(key=lambda g: (g.severity != "error", rank.get(g.check, len(rank)), -len(g.units),
                               _difference(g), g.term, g.found))
    out, seen = [], {}
    for g in groups:
        n = seen.get(g.check, 0)
        limit = shown_per_check if g.check in CAPPED else MAX_GROUPS_PER_CHECK
        seen[g.check] = n + 1
        out.append(g if n < limit else Group(g.id, g.check, g.severity, g.term, g.found, g.expected,
                                             g.findings, False))
    return tuple(out)
