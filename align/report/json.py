"""``findings.json`` (everything a script needs) and the reviewer's ``--ignore`` list."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from align import __version__
from align.errors import DataError
from align.model import Finding, TermStats
from align.terms.groups import group_findings
from align.terms.registry import CHECKS
from align.terms.scores import document_scores
from align.terms.settings import SHOWN_PER_CHECK

OMISSION_CHECKS = ("omission", "length_mismatch")


GROUPING = (
    "Findings of one check with the same term, words found and words expected share a group id "
    "(finding.group); groups[] lists each group once with its count and all its units, errors first, "
    "then by units. 'shown' is false for groups the HTML report counts but does not list (segment-"
    "consistency checks beyond shown_per_check, any check beyond 200 groups); every finding is in findings[]."
)


def report_data(terms: Sequence[TermStats], findings: Sequence[Finding], name: str = "",
                ignored: int = 0, shown_per_check: int = SHOWN_PER_CHECK) -> dict[str, Any]:
    """The report as plain data: scores, checks, findings, their groups, terms (with their scores).

    Fields only get added (the review workbench reads this file): ``checks[].title`` is the
    plain name, ``description`` the example line; ``findings[]`` carry ``unit_type``,
    ``confidence`` and ``group``; ``groups[]`` and ``omissions[]`` are new lists.
    """
    scores = document_scores(terms)
    groups = group_findings(findings, list(CHECKS), shown_per_check)
    return {
        "tool": "align", "version": __version__, "document": name,
        "scores": {**asdict(scores), "glossary_given": scores.glossary_occurrences > 0}, "ignored": ignored,
        "checks": [{"id": c.id, "title": c.title, "description": c.description, "family": c.family,
                    "severity": next((f.severity for f in findings if f.check == c.id), c.severity),
                    "count": sum(f.check == c.id for f in findings),
                    "groups": sum(g.check == c.id for g in groups),
                    "shown": sum(g.check == c.id and g.shown for g in groups)} for c in CHECKS.values()],
        "findings": [asdict(f) for f in findings],
        "grouping": GROUPING,
        "groups": [{"id": g.id, "check": g.check, "severity": g.severity, "term": g.term, "found": g.found,
                    "expected": g.expected, "count": g.count, "units": list(g.units),
                    "findings": [f.id for f in g.findings], "shown": g.shown} for g in groups],
        "omissions": [{"unit": f.bead, "check": f.check, "source": f.source, "target": f.target,
                       "message": f.message} for f in findings if f.check in OMISSION_CHECKS],
        "terms": [{**asdict(t), "majority_share": round(t.majority_share, 4),
                   "consistency": round(t.consistency, 4), "compliance": round(t.compliance, 4)} for t in terms],
    }


def dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def parse_ignore(text: str, name: str = "ignore file") -> frozenset[str]:
    """Finding ids a reviewer accepted: a JSON list of ids (or of findings with an ``id``),
    or an object with an ``ignore`` list. Decisions persist because ids are stable."""
    try:
        data = json.loads(text) if text.strip() else []
    except json.JSONDecodeError as exc:
        raise DataError(f"{name}: not valid JSON (line {exc.lineno}: {exc.msg})") from exc
    if isinstance(data, dict):
        data = data.get("ignore", data.get("findings", []))
    if not isinstance(data, list):
        raise DataError(f"{name}: expected a JSON list of finding ids")
    ids = [d.get("id") if isinstance(d, dict) else d for d in data]
    if not all(isinstance(i, str) for i in ids):
        raise DataError(f"{name}: every entry must be a finding id (a string)")
    return frozenset(ids)
