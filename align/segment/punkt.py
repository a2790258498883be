"""NLTK Punkt (Kiss & Strunk 2006) working offline, with parameters shipped in the package.

``nltk.download('punkt')`` is not allowed at run time, so the parameters are built here
from curated abbreviation lists in ``data/`` (one abbreviation per line, lower case,
without the final period, as Punkt stores ``abbrev_types``).
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from nltk.tokenize.punkt import PunktLanguageVars, PunktParameters, PunktSentenceTokenizer


class _LanguageVars(PunktLanguageVars):
    """Punkt's defaults plus the horizontal ellipsis as a sentence end."""

    sent_end_chars = (".", "?", "!", "…")


def load_list(name: str) -> frozenset[str]:
    """A shipped word list: one entry per line, ``#`` starts a comment."""
    text = resources.files("align.segment").joinpath("data", name).read_text(encoding="utf-8")
    return frozenset(
        line.split("#", 1)[0].strip() for line in text.splitlines() if line.split("#", 1)[0].strip()
    )


@cache
def tokenizer(lang: str) -> PunktSentenceTokenizer:
    """The Punkt tokenizer for ``en`` or ``fr``, built once per process."""
    params = PunktParameters()
    params.abbrev_types = set(load_list(f"abbrev_{lang}.txt"))
    return PunktSentenceTokenizer(params, lang_vars=_LanguageVars())
