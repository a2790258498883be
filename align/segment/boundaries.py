"""Applying the rules of ``align.segment.rules`` to Punkt's boundaries, in their order.

Shift, then continue (only Punkt's proposals can be dropped), then split, then protect
(which vetoes every boundary inside a protected span, whoever proposed it).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import NamedTuple

from align.segment.rules import CONTINUE, PROTECT, RULES, SHIFT, SPLIT, Rule


@cache
def rules_of(kind: str, spanning_space: bool = False) -> tuple[Rule, ...]:
    """The rules of ``kind`` in order (with ``spanning_space``, only those with ``spans_space``)."""
    return tuple(r for r in RULES if r.kind == kind and (r.spans_space or not spanning_space))


class RuleSet(NamedTuple):
    """The rules to try on the lines of one text, by kind."""

    shifts: tuple[Rule, ...]
    continues: tuple[Rule, ...]
    splits: tuple[Rule, ...]
    protects: tuple[Rule, ...]
    spaced_protects: tuple[Rule, ...]  # the protect rules whose spans can hold whitespace


def rules_for(text: str) -> RuleSet:
    """The rules whose gate (``Rule.needs``) passes on ``text``. Gated once for a whole
    text, since a string absent from it is absent from each of its lines: a rule that
    cannot fire anywhere (no ``。`` in a French novel) costs nothing per line."""

    passed: dict[tuple[str, ...], bool] = {}  # once per gate: each one scans the whole text
    for r in RULES:
        if r.needs not in passed:
            passed[r.needs] = r.applies(text)

    def gated(rules: tuple[Rule, ...]) -> tuple[Rule, ...]:
        return tuple(r for r in rules if passed[r.needs])

    return RuleSet(rules_of(SHIFT), rules_of(CONTINUE), gated(rules_of(SPLIT)), gated(rules_of(PROTECT)),
                   gated(rules_of(PROTECT, spanning_space=True)))


def _protected(line: str, protects: tuple[Rule, ...]) -> bytearray:
    """1 at every position where no boundary may be (inside a span of one of ``protects``)."""
    mask = bytearray(len(line) + 1)
    for r in protects:
        if not r.applies(line):
            continue
        for a, b in r.func(line):
            lo, hi = a + 1, min(b, len(line) + 1)
            if hi > lo:
                mask[lo:hi] = b"\x01" * (hi - lo)
    return mask


def apply_rules(line: str, proposed: Iterable[int], rules: RuleSet | None = None) -> list[int]:
    """Punkt's boundaries → final boundaries (shift, continue, split, protect; see module doc).

    ``rules``: those of ``rules_for`` the text holding ``line`` (default: all of them).
    """
    shifts, continues, splits, protects, spaced_protects = rules or rules_for(line)
    kept: set[int] = set()
    for p in proposed:
        for r in shifts:
            p = r.func(line, p)
        for r in continues:
            if r.func(line, p):
                break
        else:
            kept.add(p)
    for rule in splits:
        if rule.applies(line):
            for p in rule.func(line):
                for r in shifts:
                    p = r.func(line, p)
                kept.add(p)
    n = len(line)
    kept = {p for p in kept if 0 < p < n}
    if not kept:
        return []
    # A span that cannot hold whitespace cannot hold a boundary followed by a space: when
    # every boundary is, only the rules whose spans can (initials, ellipses, list markers) run.
    spaced = "".join([line[p] for p in kept]).isspace()
    mask = _protected(line, spaced_protects if spaced else protects)
    return sorted(p for p in kept if not mask[p])
