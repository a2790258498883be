"""Numbers in either locale, compared by value: ``1,000.5`` = ``1 000,5``, ``50%`` = ``50 %``.

English groups thousands with a comma and marks decimals with a point; French does the
opposite and groups with a (narrow) no-break space. ``$40 million`` and ``40 millions de
dollars`` are both 40 and 40,000,000. A separator that could be read either way (a plain
space, a lone comma) yields every reading: ambiguity may only lift a failure.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_NUMBER = re.compile(r"(?<![\w.,])\d+(?:(?:[,.]|[ \u00a0\u202f](?=\d{3}(?!\d)))\d+)*")
_SCALE = re.compile(r"\s*(thousand|million|millions|billion|billions|trillion|mille|milliers|milliards?|"
                    r"billions?|k|m|bn)\b", re.IGNORECASE)
_SCALES = {"thousand": 1e3, "mille": 1e3, "milliers": 1e3, "k": 1e3, "million": 1e6, "millions": 1e6,
           "m": 1e6, "billion": 1e9, "billions": 1e9, "milliard": 1e9, "milliards": 1e9, "bn": 1e9,
           "trillion": 1e12}
_GROUP = {"en": ",", "fr": " \u00a0\u202f.", "de": ".", "es": ".", "it": "."}
_DECIMAL = {"en": ".", "fr": ",", "de": ",", "es": ",", "it": ","}


@dataclass(frozen=True, slots=True)
class Number:
    """A number as written, where, and every value it may stand for."""

    text: str
    start: int
    end: int
    values: frozenset[float]


def readings(text: str, lang: str) -> set[float]:
    """Every value ``text`` may denote in ``lang`` (a plain space may or may not group)."""
    lang = lang.split("-")[0].lower()
    group, dec = _GROUP.get(lang, ","), _DECIMAL.get(lang, ".")
    out = set()
    swaps = ((group, dec), (dec, group)) if re.fullmatch(r"\d{1,3}(?:[,.]\d{3})+", text) else ((group, dec),)
    for g, d in swaps:
        s = text
        for c in g:
            s = s.replace(c, "")
        s = s.replace(d, ".") if d not in g else s
        if re.fullmatch(r"\d+(\.\d+)?", s):
            out.add(float(s))
    if " " in text:  # a plain space is also a word boundary: "en 2019 3 personnes"
        out |= {float(p.replace(",", ".")) for p in text.split(" ") if re.fullmatch(r"\d+([.,]\d+)?", p)}
    return out


_WORDS = {
    "en": "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
          "seventeen eighteen nineteen twenty",
    "fr": "zéro un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize "
          "dix-sept dix-huit dix-neuf vingt",
}
_TENS = {"thirty": 30, "forty": 40, "fifty": 50, "hundred": 100, "trente": 30, "quarante": 40, "cinquante": 50,
         "soixante": 60, "cent": 100, "une": 1}


def word_values(text: str, lang: str) -> set[float]:
    """Numbers written in words (``dix pays`` for ``10 countries``): they may lift a failure."""
    table = {w: float(i) for i, w in enumerate(_WORDS.get(lang.split("-")[0], "").split())}
    table |= {w: float(v) for w, v in _TENS.items()}
    words = re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", text.lower())
    return {table[w] for w in words if w in table}


def numbers(text: str, lang: str) -> Iterator[Number]:
    """Numbers of ``text`` with their readings, scaled by a following ``million``/``milliards``.

    A decade (``the 1930s``) also reads as its two last digits (``les années 30``).
    """
    for m in _NUMBER.finditer(text):
        values = readings(m.group(), lang)
        if re.fullmatch(r"1\d{2}0", m.group()) and text[m.end():m.end() + 1] == "s":
            values |= {float(m.group()[2:])}
        scale = _SCALE.match(text, m.end())
        if scale:
            factor = _SCALES[scale.group(1).lower()]
            values |= {round(v * factor, 6) for v in values}
        yield Number(m.group(), m.start(), m.end(), frozenset(values))


def missing_numbers(source: str, target: str, source_lang: str, target_lang: str) -> list[Number]:
    """Source numbers left without a target number of the same value (``1a et 1b`` ≠ ``8a et 1b``)."""
    pool = list(numbers(target, target_lang))
    words = word_values(target, target_lang)
    missing = []
    for n in numbers(source, source_lang):  # each target number answers one source number
        hit = next((i for i, t in enumerate(pool) if n.values & t.values), None)
        if hit is not None:
            pool.pop(hit)
        elif not n.values & words:
            missing.append(n)
    return missing
