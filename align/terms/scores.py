"""Scores from counts, nothing else (pure): per-term consistency and glossary compliance.

* majority share: the most frequent rendering's share of the term's rendered occurrences;
* consistency index: Σ share² over renderings (a Herfindahl index: 1.0 for a single
  rendering, 0.5 for two equal ones);
* compliance: share of the source term's occurrences whose target has an approved form.

Document figures weight each term by its occurrences, so a term seen 40 times counts 40
times more than a term seen once (as sacrebleu sums statistics before dividing).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from align.model import Rendering, TermStats

OTHER = "(not found)"


@dataclass(frozen=True, slots=True)
class DocumentScores:
    """Whole-document figures: occurrence-weighted consistency and glossary compliance."""

    terms: int
    occurrences: int
    consistency: float
    glossary_occurrences: int
    compliance: float


def term_stats(
    term: str, uses: Sequence[tuple[str, str, bool]], occurrences: int, expected: str = "", origin: str = "glossary",
) -> TermStats:
    """Stats of one term from its uses ``(rendering, bead, approved)``; ``""`` = no approved form found."""
    beads: dict[str, list[str]] = {}
    approved: dict[str, bool] = {}
    for text, bead, ok in uses:
        label = text or OTHER
        beads.setdefault(label, []).append(bead)
        approved[label] = ok
    renderings = tuple(
        Rendering(text, len(b), tuple(b), approved[text])
        for text, b in sorted(beads.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    )
    compliant = sum(1 for _, _, ok in uses if ok)
    missing = sum(1 for text, _, _ in uses if not text)
    return TermStats(term, occurrences, renderings, expected, origin, missing, compliant)


def document_scores(stats: Sequence[TermStats]) -> DocumentScores:
    """Occurrence-weighted consistency over all terms; compliance over glossary terms only."""
    occ = sum(t.occurrences for t in stats)
    weighted = sum(t.consistency * t.occurrences for t in stats)
    glossary = [t for t in stats if t.origin == "glossary"]
    g_occ = sum(t.occurrences for t in glossary)
    compliant = sum(t.compliant for t in glossary)
    return DocumentScores(
        len(stats), occ, round(weighted / occ, 4) if occ else 1.0,
        g_occ, round(compliant / g_occ, 4) if g_occ else 1.0,
    )
