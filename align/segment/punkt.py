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


_PLAIN_WORD = re.compile(r"(?:[^\W\d_]|[’'-])+")
# A letter, then anything Punkt's word tokenizer does not cut at (see _plain_period).
_WHOLE_WORD = re.compile(r"[^\W\d_][^\s)\";}\]*:@'({\[!?,.…‽]*")
_ASCII_SPACE = re.compile(r"[ \t\n\r\x0b\x0c]")
_OTHER_ASCII_SPACE = re.compile(r"[\t\n\r\x0b\x0c]")
WORD_REACH = 100  # how far back the word before a stop is looked for


def _word_start(line: str, stop: int, only_blanks: bool) -> int:
    """Where the token before ``line[stop]`` starts: after the last ASCII space at most
    WORD_REACH characters back, else 0 (``str.rfind`` when the line has no tab or break)."""
    lo = max(0, stop - WORD_REACH)
    if only_blanks:
        return line.rfind(" ", lo, stop) + 1
    spaces = [m.end() for m in _ASCII_SPACE.finditer(line, lo, stop)]
    return spaces[-1] if spaces else 0


def plain_boundaries(line: str, lang: str) -> list[int] | None:
    """Punkt's boundaries for a line whose every candidate is unambiguous, else None.

    Punkt (Kiss & Strunk 2006, sec. 4) only reconsiders a period after an abbreviation, an
    initial, a number, an ellipsis or inside a known collocation; a ``?``/``!`` followed by
    a space, or a period after a word of the kinds ``_plain_period`` accepts, is a sentence
    break whatever else it learned. When every candidate of the
    line is of that kind, the boundaries are known without running Punkt (its per-line
    cost dominates on prose paragraphs); any other candidate returns None and Punkt runs.
    ``tests/test_segment_structure.py`` checks that both give the same boundaries.
    """
    code = lang if lang in ("en", "fr") else "en"
    params, heads = parameters(code), _collocation_heads(code)
    only_blanks = not _OTHER_ASCII_SPACE.search(line)
    out: list[int] = []
    prev_end = -1
    for m in candidates(lang).finditer(line):
        nxt, start = m.group("next_tok"), m.start()
        if not nxt or not nxt[0].isalnum():
            return None
        if prev_end >= 0 and not _ascii_space_between(line, prev_end, start, only_blanks):
            # No ASCII space since the last candidate: NLTK merges the two contexts (it only
            # looks for string.whitespace), so only Punkt itself can say what it decides.
            return None
        prev_end = m.end()
        stop = m.group()
        if stop in "?!‽":
            out.append(prev_end)
            continue
        if stop != "." or not _plain_period(line[_word_start(line, start, only_blanks):start], params, heads):
            return None
        out.append(prev_end)
    return out


def _ascii_space_between(line: str, start: int, end: int, only_blanks: bool) -> bool:
    return line.find(" ", start, end) >= 0 if only_blanks else bool(_ASCII_SPACE.search(line, start, end))


@cache
def _collocation_heads(lang: str) -> frozenset[str]:
    """The words that start a collocation Punkt learned (``dr`` of ``dr okafor``)."""
    return frozenset(first for first, _ in parameters(lang).collocations)


def _plain_period(word: str, params: PunktParameters, heads: frozenset[str]) -> bool:
    """Whether Punkt surely ends a sentence at the period after ``word``.

    Two kinds of word. One that Punkt's word tokenizer keeps whole (no ``( ) [ ] " ' ; : @ *
    ! ? , .``, no ``--``), of two characters or more, starting with a letter (Punkt's number
    type needs a leading digit, its initials are one letter: ``chat``, ``l’équipe``, ``V2``,
    ``MoE【2】``), that is neither an abbreviation nor the first half of a collocation. And a
    word closed by ``)``, ``]`` or ``"`` (``(PKU).``): the period is then a token of its own,
    which Punkt's first pass takes for a sentence end, like ``?``.
    """
    if len(word) < 2:
        return False
    if word[-1] in ')]"':
        return "." not in heads
    if not (_WHOLE_WORD.fullmatch(word) or _PLAIN_WORD.fullmatch(word)) or "--" in word or word.endswith("-"):
        return False
    low = word.lower()
    abbreviations = params.abbrev_types
    return low not in abbreviations and low not in heads and low.split("-")[-1] not in abbreviations
