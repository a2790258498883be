"""NLTK Punkt (Kiss & Strunk 2006) working offline, with parameters shipped in the package.

Fetching NLTK's Punkt data with its downloader is not allowed at run time, so the parameters are built from
three shipped sources, merged in this order:

1. ``data/punkt_{lang}.json``: what ``PunktTrainer`` learned from the project's own texts
   (``scripts/train_punkt.py`` rebuilds it; see ``align.segment.train``), and
   ``data/punkt_{lang}_ud.json``: the abbreviations it learned from UD treebank text
   (``scripts/train_punkt.py --ud DIR``; only the learned list is shipped, no sentence);
2. ``data/abbrev_{lang}.txt``: curated abbreviations (``M.``, ``Mme``, ``c.-à-d.``; ``Mr.``,
   ``U.S.``, ``Inc.``), the list Punkt can never learn from a small corpus;
3. ``data/abbrev_{other}_in_{lang}.txt``: the other language's abbreviations that occur in
   this language's text (``Mr. Smith`` in French, ``Mme Leroy`` in English), minus those
   that are a word of this language before a full stop (``me``, ``no``);
4. ``data/starters_{lang}.txt``: words seen capitalised at a sentence start and in lower case
   elsewhere, which feed Punkt's orthographic heuristic (sec. 4.1.1): after an abbreviation,
   ``How`` starts a sentence (``the U.S. How about you?``) while ``Smith`` does not.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources

from nltk.tokenize.punkt import PunktLanguageVars, PunktParameters, PunktSentenceTokenizer

# Punkt's orthographic-context flags (nltk.tokenize.punkt): seen capitalised at a sentence
# beginning, seen lower case in the middle of a sentence.
ORTHO_BEG_UC = 1 << 1
ORTHO_MID_LC = 1 << 5


class LanguageVars(PunktLanguageVars):
    """Punkt's defaults plus the horizontal ellipsis as a sentence end."""

    sent_end_chars = (".", "?", "!", "…", "‽")


def data_text(name: str) -> str:
    """A shipped data file, read with importlib.resources (works from a wheel or a zip)."""
    return resources.files("align.segment").joinpath("data", name).read_text(encoding="utf-8")


def load_list(name: str) -> frozenset[str]:
    """A shipped word list: one entry per line, ``#`` starts a comment."""
    entries = (line.split("#", 1)[0].strip() for line in data_text(name).splitlines())
    return frozenset(e for e in entries if e)


def learned(lang: str) -> dict:
    """The parameters ``PunktTrainer`` learned (empty when none are shipped for ``lang``),
    with the abbreviations it learned from UD treebank text (``data/punkt_{lang}_ud.json``)."""
    try:
        found = json.loads(data_text(f"punkt_{lang}.json"))
    except FileNotFoundError:
        found = {}
    try:
        ud = json.loads(data_text(f"punkt_{lang}_ud.json"))
    except FileNotFoundError:
        return found
    found["abbrev_types"] = sorted(set(found.get("abbrev_types", ())) | set(ud["abbrev_types"]))
    return found


OTHER = {"en": "fr", "fr": "en"}


def abbreviations(lang: str) -> frozenset[str]:
    """The curated abbreviations of ``lang`` and those of the other language seen in its text."""
    other = f"abbrev_{OTHER[lang]}_in_{lang}.txt" if lang in OTHER else ""
    return load_list(f"abbrev_{lang}.txt") | (load_list(other) if other else frozenset())


@cache
def parameters(lang: str) -> PunktParameters:
    """Learned parameters merged with the curated lists (see the module docstring)."""
    found = learned(lang)
    params = PunktParameters()
    params.abbrev_types = set(found.get("abbrev_types", ())) | abbreviations(lang)
    params.collocations = {tuple(pair) for pair in found.get("collocations", ())}
    params.sent_starters = set(found.get("sent_starters", ()))
    for word, flags in found.get("ortho_context", {}).items():
        params.ortho_context[word] = flags
    for word in load_list(f"starters_{lang}.txt"):
        params.ortho_context[word] |= ORTHO_BEG_UC | ORTHO_MID_LC
        params.sent_starters.add(word)
    return params


# The ``regex`` module's \s (Unicode White_Space) lacks \x1c-\x1f, which ``re``'s \s has.
_RE_SPACE = {r"\s": r"[^\S\x1c-\x1f]", r"\S": r"[\S\x1c-\x1f]"}


@cache
def candidates(lang: str) -> re.Pattern:
    """Punkt's own candidate pattern (a stop, then punctuation or a space and a token),
    compiled without NLTK's per-call timeout wrapper (callers give it bounded text) and
    with the standard ``re`` module, which runs it about 1.7 times faster than ``regex``;
    the two space classes are spelled out so that both modules match the same text (test)."""
    timed = tokenizer(lang)._lang_vars.period_context_re()
    source = getattr(timed, "_rx", timed).pattern
    return re.compile(re.sub(r"\\[sS]", lambda m: _RE_SPACE[m.group()], source), re.VERBOSE | re.UNICODE)


@cache
def tokenizer(lang: str) -> PunktSentenceTokenizer:
    """The Punkt tokenizer for ``en`` or ``fr`` (other languages get the English one)."""
    code = lang if lang in ("en", "fr") else "en"
    return PunktSentenceTokenizer(parameters(code), lang_vars=LanguageVars())
