"""Glossary checks over aligned pairs, and how consistently each term is rendered.

Matching folds case, accents and apostrophe shapes and accepts a plural ``s``/``x`` on
each word: morphology may only lift a failure, never create one.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence

from align.model import Finding, Rendering, TermEntry, TermStats, TranslationUnit


def fold(text: str) -> str:
    """Lower case, no accents, straight apostrophes, single spaces, hyphens as spaces."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'").lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.replace("-", " ").split())


def term_pattern(term: str) -> re.Pattern[str]:
    """A folded-text pattern for ``term``, each word allowing a plural ending."""
    words = [re.escape(w) + r"(?:s|x|es)?" for w in fold(term).split()]
    return re.compile(r"(?<![\w])" + r"\s+".join(words) + r"(?![\w])")


def finding_id(check: str, term: str, bead: str, found: str) -> str:
    """Stable across runs: the same problem in the same bead keeps its id (for --ignore)."""
    digest = hashlib.sha1(f"{check}|{term}|{bead}|{found}".encode()).hexdigest()[:10]
    return f"{check}-{digest}"


def check_pairs(
    units: Sequence[TranslationUnit], glossary: Sequence[TermEntry]
) -> tuple[tuple[TermStats, ...], tuple[Finding, ...]]:
    """Check every glossary term over all units; return per-term stats and findings."""
    stats, findings = [], []
    for entry in glossary:
        s_pat = term_pattern(entry.source)
        t_pats = [(t, term_pattern(t)) for t in entry.targets]
        seen: dict[str, list[str]] = {}
        occurrences = compliant = 0
        for u in units:
            if not s_pat.search(fold(u.source)):
                continue
            occurrences += 1
            target = fold(u.target)
            hit = next((t for t, p in t_pats if p.search(target)), None)
            if hit is None:
                seen.setdefault("(other)", []).append(u.tuid)
                findings.append(Finding(
                    finding_id("term-missing", entry.source, u.tuid, ""), "term-missing", "error",
                    entry.source, "", entry.target, u.tuid, u.source, u.target,
                    f"“{entry.source}” is not rendered as “{entry.target}”",
                ))
            else:
                compliant += 1
                seen.setdefault(hit, []).append(u.tuid)
        if not occurrences:
            continue
        renderings = tuple(
            Rendering(text, len(beads), tuple(beads), text in entry.targets)
            for text, beads in sorted(seen.items(), key=lambda kv: -len(kv[1]))
        )
        stats.append(TermStats(entry.source, occurrences, renderings, entry.target, "glossary",
                               occurrences - compliant, compliant))
        if len(renderings) > 1:
            found = ", ".join(f"{r.text} ×{r.count}" for r in renderings)
            findings.append(Finding(
                finding_id("term-inconsistent", entry.source, "", found), "term-inconsistent", "warning",
                entry.source, found, entry.target, " ".join(b for r in renderings for b in r.beads), "", "",
                f"“{entry.source}” is rendered {len(renderings)} ways",
            ))
    return tuple(stats), tuple(findings)
