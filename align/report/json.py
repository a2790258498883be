"""``findings.json`` (everything a script needs) and the reviewer's ``--ignore`` list."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from align import __version__
from align.errors import DataError
from align.model import Finding, TermStats
from align.terms.registry import CHECKS
from align.terms.scores import document_scores


def report_data(terms: Sequence[TermStats], findings: Sequence[Finding], name: str = "",
                ignored: int = 0) -> dict[str, Any]:
    """The report as plain data: scores, check titles, findings, terms (with their scores)."""
    scores = document_scores(terms)
    return {
        "tool": "align", "version": __version__, "document": name,
        "scores": asdict(scores), "ignored": ignored,
        "checks": [{"id": c.id, "title": c.title, "severity": c.severity,
                    "count": sum(f.check == c.id for f in findings)} for c in CHECKS.values()],
        "findings": [asdict(f) for f in findings],
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
