"""Results as pandas DataFrames, the form a Python user analyses them in."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict

import pandas as pd

from align.model import Finding, PairResult, TermStats, TranslationUnit, Unaligned
from align.report.plain import as_plain
from align.terms.registry import CHECKS

# Column names are those of every other output: ``unit`` is the unit's id (b0001, s0033…).
ISSUE_COLUMNS = ("id", "check", "severity", "term", "found", "expected", "unit", "source", "target", "message",
                 "title", "unit_type", "confidence", "group")
TERM_COLUMNS = (
    "term", "origin", "expected", "occurrences", "rendering", "count", "approved", "units",
    "majority_share", "consistency", "compliance",
)


def units_frame(units: Sequence[TranslationUnit]) -> pd.DataFrame:
    """One row per translation unit: unit id, type, score, source, target (the columns of alignment.tsv)."""
    rows = [(u.tuid, u.bead, u.score, u.source, u.target) for u in units]
    return pd.DataFrame(rows, columns=["unit", "type", "score", "source", "target"])


def unaligned_frame(rows: Sequence[Unaligned]) -> pd.DataFrame:
    return pd.DataFrame([asdict(r) for r in rows], columns=["side", "index", "text", "reason"])


def findings_frame(findings: Sequence[Finding]) -> pd.DataFrame:
    """One row per finding; ``title`` is the check's plain name (``check`` its stable id)."""
    rows = [{**as_plain(f), "unit": f.bead, "title": _title(f.check)} for f in findings]
    return pd.DataFrame(rows, columns=list(ISSUE_COLUMNS))


def _title(check_id: str) -> str:
    c = CHECKS.get(check_id)
    return c.title if c else check_id


def terms_frame(terms: Sequence[TermStats]) -> pd.DataFrame:
    """Term × rendering rows, with the term's scores repeated on each of its rows."""
    rows = []
    for t in terms:
        for r in t.renderings or ():
            rows.append((t.term, t.origin, t.expected, t.occurrences, r.text, r.count, r.approved,
                         " ".join(r.beads), round(t.majority_share, 4), round(t.consistency, 4),
                         round(t.compliance, 4)))
    return pd.DataFrame(rows, columns=list(TERM_COLUMNS))


def _language_line(result: PairResult) -> list[str]:
    """The language decision and how sure it was: target sentences found in the source language;
    and, when the source's language was judged on a sample, how large it was."""
    out = []
    sure = [c for _, c in result.language_confidence]
    src, tgt = result.source.lang, result.target.lang
    if sure:
        out.append(f"language: {len(sure)} target sentence{'s' * (len(sure) > 1)} in {src}, not {tgt} "
                   f"(detector confidence {min(sure):.2f} to {max(sure):.2f}; the rest kept as {tgt})")
    judged = sum(bool(s.lang) for s in result.source.sentences)
    if judged < len(result.source.sentences):
        out.append(f"language: the source's judged on {judged:,} of its {len(result.source.sentences):,} sentences "
                   "(checks.source_language_sample; every target sentence is judged)")
    return out


def summary_lines(result: PairResult) -> list[str]:
    """The short summary ``align run`` prints."""
    kinds: dict[str, int] = {}
    for b in result.unit_beads:
        kinds[b.kind] = kinds.get(b.kind, 0) + 1
    side = {"source": 0, "target": 0}
    for u in result.unaligned:
        side[u.side] += 1
    checks: dict[str, int] = {}
    for f in result.findings:
        checks[f.check] = checks.get(f.check, 0) + 1
    groups = len({f.group or f.id for f in result.findings})
    order = list(CHECKS)
    listed = sorted(checks.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order))
    return [
        f"sentences: source {len(result.source.sentences)}, target {len(result.target.sentences)}",
        "units: " + (", ".join(f"{k} {v}" for k, v in sorted(kinds.items())) or "none"),
        f"unaligned: source {side['source']}, target {side['target']}",
        *_language_line(result),
        f"findings: {len(result.findings)} in {groups} groups" + "".join(
            f"\n  {_title(k)}: {v}" for k, v in listed),
    ]
