"""Does a discovered pair look like a term and its rendering, and is it more than chance?

Discovery pairs a frequent source phrase with the target phrase that co-occurs with it
best. Two things make such a pair a *term* rather than two frequent words:

* **Evidence both ways.** The pair's co-occurrence must be significant against chance
  (Dunning's 1993 log-likelihood ratio over the 2×2 segment table above ``MIN_LLR``, the
  χ²(1) value for p = 0.001, with more joint segments than chance predicts), and the
  association must hold from the target side too: no other source candidate may go
  with the rendering better (competitive linking, Melamed 2000). ``monde`` co-occurs
  with ``AI`` in an interview about AI and the world, but it goes with ``world`` best.
* **Termhood on both sides.** A term is a noun phrase, a name or an acronym with a
  specialised meaning (Justeson & Katz 1995): a single everyday word (``money``,
  ``world``, ``first``; shipped lists ``data/generic_*.txt``) is not one, and an
  acronym is rendered by an acronym, a known localisation (``AI`` → ``IA``) or a phrase
  of several content words (``intelligence artificielle``), never by one common word.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import cache
from importlib import resources

from align.terms.match import function_words, is_acronym
from align.terms.names import localisations
from align.terms.text import fold

MIN_LLR = 10.83


@cache
def generic(lang: str) -> frozenset[str]:
    """Everyday words of ``lang`` that are not terms on their own (folded)."""
    name = f"generic_{lang.split('-')[0].lower()}.txt"
    try:
        text = resources.files("align.terms").joinpath("data", name).read_text(encoding="utf-8")
    except FileNotFoundError:
        return frozenset()
    return frozenset(fold(w) for line in text.splitlines() if not line.startswith("#") for w in line.split())


def _content(text: str, lang: str) -> list[str]:
    stop = function_words(lang)
    return [w for w in fold(text).replace("'", " ").split() if w not in stop and len(w) > 1]


def source_termlike(text: str, kind: str, lang: str) -> bool:
    """An acronym, a name, or a noun phrase that is not made of everyday words only."""
    if kind in ("acronym", "name"):
        return True
    words = _content(text, lang)
    if len(text.split()) == 1 and lang.startswith("en") and fold(text).endswith(_NOT_NOUN_EN):
        return False  # a lone adjective or participle (clinical, positive, confirmed) is not a term
    return bool(words) and not all(w in generic(lang) for w in words)


_NOT_NOUN_EN = ("ed", "al", "ive", "ous", "ful", "less", "able", "ible", "ary", "ese", "ish")


def target_termlike(rendering: str, source: str, kind: str, lang: str) -> bool:
    """A rendering fit for a term of this ``kind``: not everyday words; an acronym's is an
    acronym, a localisation, or several content words; a name's starts with a capital."""
    words = _content(rendering, lang)
    if not words or all(w in generic(lang) for w in words):
        return False
    if kind == "acronym":
        known = {fold(x) for x in localisations().get(source, ())}
        return is_acronym(rendering) or fold(rendering) in known or len(words) >= 2
    if kind == "name" or _capitalised(source):  # every content word capitalised (États-Unis), or the name
        stop = function_words(lang)
        caps = [w for w in rendering.replace("-", " ").split() if fold(w) not in stop]
        return fold(rendering) == fold(source) or (bool(caps) and all(w[:1].isupper() for w in caps))
    return True


def _capitalised(text: str) -> bool:
    """``Disease Control and Prevention``: a name even with a lower-case ``and`` inside."""
    words = [w for w in text.split() if len(w) > 3]
    return len(words) >= 2 and all(w[:1].isupper() for w in words)


def llr(k11: int, n1: int, m1: int, n: int) -> float:
    """Dunning's (1993) log-likelihood ratio for a 2×2 co-occurrence table."""
    k12, k21 = n1 - k11, m1 - k11
    k22 = n - k11 - k12 - k21

    def h(*ks: int) -> float:
        total = sum(ks)
        return sum(k * math.log(k / total) for k in ks if k > 0) if total else 0.0

    return 2 * (h(k11, k12, k21, k22) - h(k11 + k12, k21 + k22) - h(k11 + k21, k12 + k22))


def significant(joint: int, source_segments: int, target_segments: int, n: int) -> bool:
    """More joint segments than chance, and a log-likelihood ratio above ``MIN_LLR``."""
    if n <= 0 or joint * n <= source_segments * target_segments:
        return False
    return llr(joint, source_segments, target_segments, n) >= MIN_LLR


def dice(a: set[int], b: set[int]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a or b else 0.0


def best_source(rendering_segments: set[int], sources: Sequence[tuple[str, set[int]]]) -> str:
    """The source candidate that goes with a rendering best (highest Dice), "" if none."""
    best, score = "", 0.0
    for text, segs in sources:
        d = dice(segs, rendering_segments)
        if d > score:
            best, score = text, d
    return best
