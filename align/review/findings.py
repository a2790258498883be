"""Findings beside their units, grouped, with the reviewer's verdicts and rules applied.

Identical findings (same check, term, words found and expected) form one group: 63 "not
kept" findings for one name are one row a reviewer decides once, expandable to the units.
A finding names the run's unit (``b0012``) or unaligned target sentence (``t0003``); it
follows that unit's first sentence through the reviewer's edits.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from align.model import SOURCE, TARGET, Finding
from align.review.log import REJECTED, Rule
from align.review.source import RunData
from align.review.state import Review
from align.terms.registry import CHECKS


def check_words(check: str) -> str:
    """The check's plain name, as every report says it ("Term not translated as in the glossary")."""
    c = CHECKS.get(check)
    return c.title if c is not None else check.replace("_", " ")


@dataclass(frozen=True, slots=True)
class Group:
    """Findings that say the same thing about different units."""

    key: str
    check: str
    severity: str
    term: str
    found: str
    expected: str
    message: str
    ids: tuple[str, ...]


def group_key(f: Finding) -> str:
    return "\x1f".join((f.check, f.term, f.found, f.expected))


def groups(findings: Sequence[Finding]) -> tuple[Group, ...]:
    """One group per (check, term, found, expected), in order of first appearance."""
    order: dict[str, list[Finding]] = {}
    for f in findings:
        order.setdefault(group_key(f), []).append(f)
    return tuple(Group(k, fs[0].check, fs[0].severity, fs[0].term, fs[0].found, fs[0].expected, fs[0].message,
                       tuple(f.id for f in fs)) for k, fs in order.items())


def ruled_out(f: Finding, rules: Sequence[Rule]) -> Rule | None:
    """The rule that silences ``f`` (its check, for its term or for every term), if any."""
    term = f.term.casefold()
    return next((r for r in rules if r.check == f.check and (not r.term or r.term.casefold() == term)), None)


def status(f: Finding, verdicts: Mapping[str, tuple[str, str]], rules: Sequence[Rule]) -> tuple[str, str]:
    """(``accepted``/``rejected``/``open``, note); a rule counts as a rejection."""
    if f.id in verdicts:
        return verdicts[f.id]
    rule = ruled_out(f, rules)
    if rule is not None:
        return REJECTED, f"rule: {check_words(rule.check)} is off for {rule.term or 'every term'}"
    return "open", ""


def anchors(run: RunData) -> dict[str, tuple[str, int]]:
    """The run's unit ids (and ``t0003`` for unaligned target sentences) → a sentence of it."""
    out: dict[str, tuple[str, int]] = {}
    for u in run.units:
        if u.tuid:
            out[u.tuid] = (TARGET, u.tgt[0]) if u.tgt else (SOURCE, u.src[0])
    for (side, i), _reason in run.reasons:  # sentences alone: t0003 (target), s0033 (source)
        out[f"{'t' if side == TARGET else 's'}{i + 1:04d}"] = (side, i)
    return out


def row_of_sentences(review: Review) -> dict[tuple[str, int], int]:
    """(side, sentence) → position of its row, built once per state."""
    out: dict[tuple[str, int], int] = {}
    for k, row in enumerate(review.rows):
        for i in row.src:
            out[(SOURCE, i)] = k
        for j in row.tgt:
            out[(TARGET, j)] = k
    return out


def findings_by_row(run: RunData, review: Review) -> dict[int, list[Finding]]:
    """Row position → the findings about it (findings naming no known unit are left out here)."""
    where = row_of_sentences(review)
    anchor = anchors(run)
    out: dict[int, list[Finding]] = {}
    for f in run.findings:
        a = anchor.get(f.bead)
        if a is not None and a in where:
            out.setdefault(where[a], []).append(f)
    return out
