"""What the page shows, as plain data: rows in a translator's words, pages, search, doubt.

Pure functions of the run, the review state, the verdicts and the rules; the server turns
them into JSON. A long book is never sent whole: the page asks for one page of rows
(in document order, "doubtful first", or only rows with open findings, optionally
filtered by a search), and for the position of the next doubtful unit or finding.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from align.model import SOURCE, Finding
from align.review import findings as fx
from align.review.log import Rule
from align.review.source import RunData
from align.review.state import AUTO, Review, Row, units_reviewed

HIGH, LOW = 0.8, 0.5
"""Confidence bands: a unit under LOW is doubtful, between LOW and HIGH worth a look."""
VIEWS = ("document", "doubtful", "findings")


def label(row: Row) -> str:
    """What a row is, as a translator says it."""
    if row.is_unit:
        return "unit"
    if row.intentional:
        return "left untranslated on purpose"
    if row.reason.startswith("untranslated:"):
        return "left in the source language"
    if row.reason.startswith("left untranslated"):
        return "left untranslated"
    return "possible omission" if row.side == SOURCE else "added in translation"


def band(row: Row) -> str:
    if not row.is_unit:
        return "none"
    return "high" if row.score >= HIGH else "mid" if row.score >= LOW else "low"


@dataclass(frozen=True)
class Page:
    """Everything the page needs about one state; built once per state and reused per request."""

    run: RunData
    review: Review
    verdicts: Mapping[str, tuple[str, str]]
    rules: tuple[Rule, ...]
    by_row: Mapping[int, list[Finding]]

    @classmethod
    def of(cls, run: RunData, review: Review, verdicts: Mapping[str, tuple[str, str]],
           rules: Sequence[Rule]) -> Page:
        return cls(run, review, verdicts, tuple(rules), fx.findings_by_row(run, review))

    def open_findings(self, k: int) -> int:
        return sum(fx.status(f, self.verdicts, self.rules)[0] == "open" for f in self.by_row.get(k, ()))

    def doubt(self, k: int) -> float:
        """Lower is more doubtful: a possible omission or an open finding first, then low scores."""
        row = self.review.rows[k]
        if row.intentional or (row.is_unit and row.status != AUTO):
            return 2.0
        base = row.score if row.is_unit else (0.0 if row.side == SOURCE else 0.6)
        return base - (0.5 if self.open_findings(k) else 0.0)

    def is_doubtful(self, k: int) -> bool:
        return self.doubt(k) < LOW

    def order(self, view: str, query: str = "") -> list[int]:
        """Row positions for ``view``, filtered by ``query`` (words in either side or in a finding)."""
        ks = range(len(self.review.rows))
        if view == "doubtful":
            ks = sorted(ks, key=lambda k: (self.doubt(k), k))
        elif view == "findings":
            ks = [k for k in ks if self.by_row.get(k)]
        q = query.casefold().strip()
        return [k for k in ks if not q or q in self._haystack(k)] if q else list(ks)

    def _haystack(self, k: int) -> str:
        row = self.review.rows[k]
        parts = [self.run.source[i] for i in row.src] + [self.run.target[j] for j in row.tgt]
        parts += [f"{f.term} {f.found} {f.expected}" for f in self.by_row.get(k, ())]
        return " ".join(parts).casefold()

    def next_position(self, after: int, what: str, backwards: bool = False) -> int | None:
        """The next row (in document order) that is doubtful, or that has an open finding."""
        n = len(self.review.rows)
        ks = range(after - 1, -1, -1) if backwards else range(after + 1, n)
        test = self.is_doubtful if what == "doubtful" else (lambda k: self.open_findings(k) > 0)
        return next((k for k in ks if test(k)), None)

    def row(self, k: int) -> dict[str, Any]:
        r = self.review.rows[k]
        return {
            "k": k, "label": label(r), "band": band(r), "score": round(r.score, 3), "status": r.status,
            "tuid": r.tuid, "reason": r.reason, "intentional": r.intentional, "doubtful": self.is_doubtful(k),
            "src": [{"i": i, "text": self.run.source[i]} for i in r.src],
            "tgt": [{"i": j, "text": self.run.target[j]} for j in r.tgt],
            "findings": [self.finding(f) for f in self.by_row.get(k, ())],
        }

    def finding(self, f: Finding) -> dict[str, Any]:
        state, note = fx.status(f, self.verdicts, self.rules)
        return {"id": f.id, "check": f.check, "what": fx.check_words(f.check), "severity": f.severity,
                "term": f.term, "found": f.found, "expected": f.expected, "message": f.message,
                "words": found_words(f), "status": state, "note": note, "group": fx.group_key(f)}

    def rows(self, view: str, query: str, offset: int, limit: int) -> dict[str, Any]:
        order = self.order(view, query)
        return {"total": len(order), "offset": offset, "rows": [self.row(k) for k in order[offset:offset + limit]],
                "positions": order[offset:offset + limit]}

    def groups(self) -> list[dict[str, Any]]:
        """Grouped findings with their counts, decisions and the rows they concern."""
        where = {f.id: k for k, fs in self.by_row.items() for f in fs}
        by_id = {f.id: f for f in self.run.findings}
        out = []
        for g in fx.groups(self.run.findings):
            states = [fx.status(by_id[i], self.verdicts, self.rules) for i in g.ids]
            counts = {s: sum(st == s for st, _ in states) for s in ("open", "accepted", "rejected")}
            out.append({"key": g.key, "check": g.check, "what": fx.check_words(g.check), "severity": g.severity,
                        "term": g.term, "found": g.found, "expected": g.expected, "message": g.message,
                        "words": found_words(by_id[g.ids[0]]), "count": len(g.ids), "ids": list(g.ids),
                        "rows": [where.get(i) for i in g.ids], "states": counts,
                        "rule": bool(fx.ruled_out(by_id[g.ids[0]], self.rules))})
        return out

    def summary(self) -> dict[str, Any]:
        rows = self.review.rows
        labels: dict[str, int] = {}
        for r in rows:
            labels[label(r)] = labels.get(label(r), 0) + 1
        statuses = [fx.status(f, self.verdicts, self.rules)[0] for f in self.run.findings]
        return {
            "document": self.run.document, "source_lang": self.run.source_lang,
            "target_lang": self.run.target_lang, "rows": len(rows), "kinds": labels,
            "sentences": {"source": len(self.run.source), "target": len(self.run.target)},
            "reviewed": units_reviewed(self.review),
            "doubtful": sum(self.is_doubtful(k) for k in range(len(rows))),
            "findings": {s: statuses.count(s) for s in ("open", "accepted", "rejected")},
            "rules": [{"check": r.check, "what": fx.check_words(r.check), "term": r.term, "note": r.note}
                      for r in self.rules],
        }


def found_words(f: Finding) -> str:
    """The words the check found, in quotes; what was expected when nothing was found."""
    if f.found and f.expected:
        return f"“{f.found}” where “{f.expected}” was expected"
    if f.found:
        return f"“{f.found}”"
    if f.expected:
        return f"“{f.expected}” not found in the translation"
    return f.message or f.term
