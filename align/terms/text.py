"""Words of a segment as the term checks see them: spans, folded forms and stems.

A French QA tool's main failure is the false alarm (Xbench and CheckMate flag
``grands modèles de langage`` against a glossary entry ``grand modèle de langage``), so a
word is compared at three levels, each more lenient than the last:

* ``raw``: the word as written (for case-sensitive entries and names);
* ``form``: case, accents, apostrophe shape and elision folded (``l'Université`` gives the
  word ``universite``; ``d’entraînement`` gives ``entrainement``);
* ``stem``: the Snowball stem (Porter 2001; NLTK's ``SnowballStemmer`` ships its rules in
  code, so nothing is downloaded) of the folded word, with the French article and
  preposition variants collapsed (``le/la/les/l'`` → ``le``, ``de/du/des/d'`` → ``de``).

Hyphens split words (``start-up`` = ``start up``); the matcher also tries the joined form
(``startup``). Rule: a more lenient level may only accept what a stricter one refused.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import cache, lru_cache
from itertools import repeat
from operator import add, itemgetter
from typing import NamedTuple

from nltk.stem.snowball import SnowballStemmer

APOSTROPHES = "'’ʼ`´"
# A word: letters/digits, with an elided prefix kept apart (l', d', qu', jusqu'…).
_TOKEN = re.compile(r"[^\W_]+(?:[" + APOSTROPHES + r"](?=\s*[^\W_]))?", re.UNICODE)
_COLLAPSE = {
    "la": "le", "les": "le", "l": "le",
    "du": "de", "des": "de", "d": "de",
    "au": "a", "aux": "a",
}
_STEMMERS = {"fr": "french", "en": "english", "de": "german", "es": "spanish", "it": "italian",
             "pt": "portuguese", "nl": "dutch"}


class Token(NamedTuple):
    """One word of a segment: its span in the text and its comparison keys.

    A named tuple (immutable, compared and hashed by value, as a frozen dataclass would
    be) because a long text has millions of them: it is built in a third of the time.
    """

    start: int
    end: int
    raw: str
    form: str
    stem: str


@lru_cache(maxsize=1 << 17)
def fold_word(word: str) -> str:
    return fold(word)


class _FoldTable(dict):
    """``str.translate`` table: every combining mark dropped, every apostrophe made straight.

    One C-level pass instead of a Python test per character (``fold`` runs on every text
    the checks compare: it was a fifth of ``align run``'s time at 20k sentences). Filled
    as characters are met (``__missing__``: ``unicodedata.combining`` asked once per
    distinct character): testing all 1.1M code points up front cost a third of a second
    of every run that folds one accented word. A character kept maps to itself.
    """

    def __missing__(self, cp: int) -> str | None:
        value = None if unicodedata.combining(chr(cp)) else chr(cp)
        self[cp] = value
        return value


@cache
def _fold_table() -> _FoldTable:
    table = _FoldTable()
    table.update({ord(a): "'" for a in APOSTROPHES[1:]})
    return table


@cache
def _marks() -> re.Pattern[str]:
    """Runs of combining marks of the Basic Multilingual Plane, read from ``unicodedata``.

    A class the regex engine tests with a bitmap (65,536 code points asked once: a few
    milliseconds on first use); marks beyond it are left to the table (:func:`unmark`).
    """
    marks = [c for c in range(0x10000) if unicodedata.combining(chr(c))]
    ranges: list[list[int]] = []
    for c in marks:
        if ranges and ranges[-1][1] == c - 1:
            ranges[-1][1] = c
        else:
            ranges.append([c, c])
    return re.compile("[" + "".join(f"\\u{a:04x}-\\u{b:04x}" for a, b in ranges) + "]+")


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def unmark(text: str) -> str:
    """``text.translate(_fold_table())``: combining marks dropped, apostrophes made straight.

    The table is a Python mapping asked once per character (a third of :func:`fold`'s
    time on French text); here the marks go in one regex pass and the four apostrophes in
    four C-level replaces. A character beyond the Basic Multilingual Plane (where the
    pattern does not look for marks) sends the text through the table as well, which
    then only has those left to do. The tests keep the table as the oracle.
    """
    out = _marks().sub("", text)
    for a in APOSTROPHES[1:]:
        out = out.replace(a, "'")
    if not out.isascii() and _ASTRAL.search(out):
        out = out.translate(_fold_table())
    return out


def fold(text: str) -> str:
    """Lower case, no accents, straight apostrophes, hyphens as spaces, single spaces."""
    if not text.isascii():  # NFKD leaves ASCII alone and it holds no combining mark
        return " ".join(unmark(unicodedata.normalize("NFKD", text.lower())).replace("-", " ").split())
    return " ".join(text.lower().replace("`", "'").replace("-", " ").split())


@cache
def _stemmer(lang: str) -> SnowballStemmer | None:
    name = _STEMMERS.get(lang.split("-")[0].lower())
    return SnowballStemmer(name) if name else None


@lru_cache(maxsize=1 << 17)
def stem(word: str, lang: str) -> str:
    """The folded Snowball stem of a lower-case word (accents kept: Snowball needs them).

    Articles and prepositions are collapsed; French ``-ent`` verb endings, which Snowball
    leaves alone for fear of adverbs, are removed (``toussent`` → ``touss`` as ``toussez``).
    """
    folded = fold(word)
    if folded in _COLLAPSE:
        return _COLLAPSE[folded]
    stemmer = _stemmer(lang)
    if stemmer is None or word.isdigit():
        return folded
    out = fold(stemmer.stem(word))
    if lang.startswith("fr") and out.endswith("ent") and len(out) >= 7 and not out.endswith("ment"):
        out = out[:-3]
    return out


def tokenize(text: str, lang: str) -> tuple[Token, ...]:
    """Words of ``text`` with spans; an elided article (``l'``) is its own word without the apostrophe.

    No Python step per word: the matches' texts and starts are read by ``map``, each
    word's keys come from a dict of the words met so far (``_known``), and the tokens are
    built by ``tuple.__new__`` (what the named tuple's own ``__new__`` does after a
    Python-level call) over ``zip`` of the columns. Only a word not met before takes a
    Python step. The term stage tokenises every unit (issue 14); the loop this replaces is
    the oracle in tests/test_speed_tokenize.py.
    """
    found = list(_TOKEN.finditer(text))
    if not found:
        return ()
    raws = list(map(_GROUP, found))
    known = _known(lang)
    keys = list(map(known.get, raws))
    if None in keys:
        _fill(keys, raws, lang, known)
    starts = list(map(_START, found))
    ends = map(add, starts, map(_SIZE, keys))
    columns = zip(starts, ends, map(_RAW, keys), map(_FORM, keys), map(_STEM, keys), strict=True)
    return tuple(map(tuple.__new__, repeat(Token), columns))


_GROUP, _START = re.Match.group, re.Match.start
_SIZE, _RAW, _FORM, _STEM = (itemgetter(k) for k in range(4))
Keys = tuple[int, str, str, str]
# The keys of the words met so far, by language: bounded (emptied when full), so that a
# long batch does not grow it forever.
_KNOWN: dict[str, dict[str, Keys]] = {}
_KNOWN_MAX = 1 << 17


def _known(lang: str) -> dict[str, Keys]:
    known = _KNOWN.get(lang)
    if known is None:
        known = _KNOWN[lang] = {}
    return known


def _fill(keys: list[Keys | None], raws: list[str], lang: str, known: dict[str, Keys]) -> None:
    """``keys`` completed for the words ``known`` did not hold, which then holds them."""
    if len(known) > _KNOWN_MAX:
        known.clear()
    for k, raw in enumerate(raws):
        if keys[k] is None:
            keys[k] = known[raw] = _keys(raw, lang)


def _keys(raw: str, lang: str) -> Keys:
    """(length, word as written, folded form, stem) of one matched word: computed once per
    distinct word (``_known``), since a document repeats its words and folding and stemming
    each occurrence again was most of the tokeniser's time."""
    word = raw.rstrip(APOSTROPHES)
    return len(word), word, fold_word(word), stem(word.lower(), lang)


def forms(tokens: Sequence[Token]) -> tuple[str, ...]:
    return tuple(t.form for t in tokens)


def stems(tokens: Sequence[Token]) -> tuple[str, ...]:
    return tuple(t.stem for t in tokens)
