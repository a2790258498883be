"""Language of a sentence (en / fr / other), to find English left inside a French file.

A function-word profile: short sentences carry few content words but almost always a
few function words, and English and French share almost none of them. Good enough to
find untranslated passages; scores below ``margin`` are reported as ``other``.
"""

from __future__ import annotations

import re
from functools import cache

from align.segment.punkt import load_list

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


@cache
def _profile(lang: str) -> frozenset[str]:
    return load_list(f"function_words_{lang}.txt")


def scores(text: str, candidates: tuple[str, ...] = ("en", "fr")) -> dict[str, float]:
    """Share of the words of ``text`` that are function words of each candidate language."""
    words = [w.lower().replace("’", "'") for w in _WORD.findall(text)]
    if not words:
        return dict.fromkeys(candidates, 0.0)
    out = {}
    for lang in candidates:
        profile = _profile(lang)
        hits = sum(1 for w in words if w in profile or w.split("'")[0] + "'" in profile)
        out[lang] = hits / len(words)
    return out


def detect(text: str, candidates: tuple[str, ...] = ("en", "fr"), margin: float = 0.05) -> str:
    """The most likely candidate language, or ``other`` when the evidence is too thin."""
    found = scores(text, candidates)
    ranked = sorted(found.items(), key=lambda kv: kv[1], reverse=True)
    best, best_score = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
    if best_score < margin or best_score - runner_up < margin / 2:
        return "other"
    return best
