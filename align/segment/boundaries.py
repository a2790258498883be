"""Applying the rules of ``align.segment.rules`` to Punkt's boundaries, in their order.

Shift, then continue (only Punkt's proposals can be dropped), then split, then protect
(which vetoes every boundary inside a protected span, whoever proposed it).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from align.segment.rules import CONTINUE, PROTECT, RULES, SHIFT, SPLIT, Rule


@cache
def rules_of(kind: str) -> tuple[Rule, ...]:
    return tuple(r for r in RULES if r.kind == kind)


def _protected(line: str) -> bytearray:
    """1 at every position where no boundary may be (inside a protected span)."""
    mask = bytearray(len(line) + 1)
    for r in rules_of(PROTECT):
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
    if not kept:
        return []
    mask = _protected(line)
    return sorted(p for p in kept if 0 < p < len(line) and not mask[p])
