"""Applying the rules of ``align.segment.rules`` to Punkt's boundaries, in their order.

Shift, then continue (only Punkt's proposals can be dropped), then split, then protect
(which vetoes every boundary inside a protected span, whoever proposed it).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from align.segment.rules import CONTINUE, PROTECT, RULES, SHIFT, SPLIT, Rule


@cache
def rules_of(kind: str, spanning_space: bool = False) -> tuple[Rule, ...]:
    """The rules of ``kind`` in order (with ``spanning_space``, only those with ``spans_space``)."""
    return tuple(r for r in RULES if r.kind == kind and (r.spans_space or not spanning_space))


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


def apply_rules(line: str, proposed: Iterable[int]) -> list[int]:
    """Punkt's boundaries → final boundaries (shift, continue, split, protect; see module doc)."""
    shifts, continues = rules_of(SHIFT), rules_of(CONTINUE)

    def shifted(p: int) -> int:
        for r in shifts:
            p = r.func(line, p)
        return p

    kept = {shifted(p) for p in proposed}
    kept = {p for p in kept if not any(r.func(line, p) for r in continues)}
    for r in rules_of(SPLIT):
        if r.applies(line):
            kept.update(shifted(p) for p in r.func(line))
    n = len(line)
    kept = {p for p in kept if 0 < p < n}
    if not kept:
        return []
    # A span that cannot hold whitespace cannot hold a boundary followed by a space: when
    # every boundary is, only the rules whose spans can (initials, ellipses, list markers) run.
    spaced = all(line[p].isspace() for p in kept)
    mask = _protected(line, rules_of(PROTECT, spanning_space=spaced))
    return sorted(p for p in kept if not mask[p])
