"""Finding a term in a tokenised segment, strictest level first.

Levels (each only lifts a failure of the one before, never creates a match the rules
of the language forbid):

* ``form``: folded words equal, with hyphen/space/joined variants (``start-up`` =
  ``start up`` = ``startup``);
* ``stem``: Snowball stems equal (``grands modèles de langage`` = ``grand modèle de
  langage``);
* ``loose``: the term's content stems in order, at most ``MAX_GAP`` words apart, its
  function words optional (``difficultés pour respirer`` = ``difficulté à respirer``).

Source-side occurrences and forbidden variants are found with ``form`` plus a plural
ending only: a lenient match there would create findings, which morphology must not do.
A case-sensitive pattern (every acronym is one: ``WHO`` is not ``who``) also requires
each capitalised word of the term to be written with the same capitals.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from operator import itemgetter

from align.segment.punkt import load_list
from align.terms.text import Token, fold, tokenize

LEVELS = ("form", "stem", "loose")
MAX_GAP = 2
_PLURAL = ("s", "es", "x")


@dataclass(frozen=True, slots=True)
class Pattern:
    """A compiled term: its words' keys at every level."""

    text: str
    forms: tuple[str, ...]
    stems: tuple[str, ...]
    content: tuple[int, ...]
    caps: tuple[str, ...]
    literal: str = ""
    """The term as written, case-folded, when its punctuation is part of it (``C++``, ``(a)``):
    a match must then show that punctuation too, or ``C++`` would match the letter ``C``."""

    @property
    def joined(self) -> str:
        return "".join(self.forms)


@dataclass(frozen=True, slots=True)
class Match:
    """Where a pattern matched: token indices ``[first, last)`` and the level used."""

    first: int
    last: int
    level: str


@cache
def function_words(lang: str) -> frozenset[str]:
    """Closed-class words of ``lang`` (shared with language identification), folded.

    Remembered: every compiled pattern and termhood test asks for it, and reading and
    folding the shipped list each time was a tenth of term discovery (issue 14).
    """
    try:
        return frozenset(fold(w).replace(" ", "") for w in load_list(f"function_words_{lang}.txt"))
    except FileNotFoundError:
        return frozenset()


@lru_cache(maxsize=1 << 16)
def is_acronym(text: str) -> bool:
    """``GPU``, ``COVID-19``, ``U.S.``: two or more capitals and no lower-case letter run."""
    letters = [c for c in text if c.isalpha()]
    lower = sum(c.islower() for c in letters)
    return len(letters) >= 2 and letters[0].isupper() and (lower == 0 or (lower == 1 and len(letters) >= 3))


def compile_pattern(text: str, lang: str, case_sensitive: bool = False) -> Pattern:
    """Compile a glossary form; acronyms are always case-sensitive."""
    tokens = tokenize(text, lang)
    stop = function_words(lang)
    content = tuple(i for i, t in enumerate(tokens) if t.form not in stop) or tuple(range(len(tokens)))
    exact = case_sensitive or is_acronym(text)
    caps = tuple(_deaccent(t.raw) if exact and t.raw != t.raw.lower() else "" for t in tokens)
    literal = text.strip().casefold() if _SIGNIFICANT.search(text) else ""
    return Pattern(text, tuple(t.form for t in tokens), tuple(t.stem for t in tokens), content, caps, literal)


# Punctuation that is part of a term (``C++``, ``C#``, ``(a)``, ``#MeToo``, ``R&D``): anything
# but letters, digits, spaces, hyphens, apostrophes and full stops (``U.S.``, ``e.g.``).
_SIGNIFICANT = re.compile(r"[^\w\s\-‐‑'’ʼ`´.]|_")


def _literal_ok(p: Pattern, tokens: Sequence[Token], text: str, first: int, last: int) -> bool:
    """The term as written covers the matched words, punctuation included (case aside)."""
    if not p.literal:
        return True
    start, end, n = tokens[first].start, tokens[last - 1].end, len(p.literal)
    return any(text[a:a + n].casefold() == p.literal for a in range(max(0, end - n), start + 1))


def _deaccent(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word) if c.isalnum())


def _caps_ok(p: Pattern, tokens: Sequence[Token], first: int, last: int) -> bool:
    if not any(p.caps):
        return True
    if last - first != len(p.forms):
        return all(_deaccent(tokens[i].raw).isupper() == p.caps[0].isupper() for i in range(first, last))
    return all(not c or _deaccent(tokens[first + k].raw).startswith(c) for k, c in enumerate(p.caps))


def _plural_eq(word: str, term: str) -> bool:
    return word == term or any(word == term + s for s in _PLURAL) or (
        term.endswith("y") and word == term[:-1] + "ies")


def _hyphen_gap(text: str, tokens: Sequence[Token], first: int, last: int) -> bool:
    return all(text[tokens[i].end:tokens[i + 1].start] in ("-", "‐", "‑") for i in range(first, last - 1))


def _form_at(p: Pattern, tokens: Sequence[Token], i: int, text: str, plural: bool) -> int:
    """End index of a form-level match starting at ``i`` (0 when none)."""
    n = len(p.forms)
    window = tokens[i:i + n]
    eq = _plural_eq if plural else str.__eq__
    if len(window) == n and all(eq(t.form, f) for t, f in zip(window, p.forms, strict=True)):
        return i + n
    if n > 1 and eq(tokens[i].form, p.joined):
        return i + 1
    if n == 1:
        for m in range(2, 4):
            if i + m <= len(tokens) and _hyphen_gap(text, tokens, i, i + m) and \
                    eq("".join(t.form for t in tokens[i:i + m]), p.joined):
                return i + m
    return 0


def _stem_at(p: Pattern, tokens: Sequence[Token], i: int) -> int:
    n = len(p.stems)
    window = tokens[i:i + n]
    if len(window) == n and all(t.stem == s for t, s in zip(window, p.stems, strict=True)):
        return i + n
    return 0


def _loose_at(p: Pattern, tokens: Sequence[Token], i: int) -> int:
    want = [p.stems[k] for k in p.content]
    if len(want) < 2 or tokens[i].stem != want[0]:
        return 0
    pos = i
    for s in want[1:]:
        nxt = next((j for j in range(pos + 1, min(pos + 2 + MAX_GAP, len(tokens))) if tokens[j].stem == s), 0)
        if not nxt:
            return 0
        pos = nxt
    return pos + 1


@dataclass(frozen=True)
class TokenIndex:
    """Where each folded form and each stem occurs in a token list (to skip hopeless starts).

    Each map is built the first time a search asks for it: most segments of a long text
    are never searched (no glossary term, no discovered term there), and indexing every
    one of them up front was a tenth of the term stage. The maps are read-only once built.
    """

    tokens: Sequence[Token]

    @cached_property
    def forms(self) -> dict[str, list[int]]:
        return _positions(t.form for t in self.tokens)

    @cached_property
    def stems(self) -> dict[str, list[int]]:
        return _positions(t.stem for t in self.tokens)


def _positions(keys: Iterable[str]) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for i, key in enumerate(keys):
        out.setdefault(key, []).append(i)
    return out


def index_tokens(tokens: Sequence[Token]) -> TokenIndex:
    return TokenIndex(tokens)


def _starts(p: Pattern, ix: TokenIndex, level: str) -> list[int]:
    """Token positions where a match of ``p`` at ``level`` may start."""
    if level == "stem":
        return ix.stems.get(p.stems[0], [])
    if level == "loose":
        return ix.stems.get(p.stems[p.content[0]], [])
    keys = _form_keys(p, level)
    if len(keys) == 1:
        return ix.forms.get(next(iter(keys)), [])
    return sorted({i for k in keys for i in ix.forms.get(k, ())})


class PatternIndex:
    """Patterns by the folded words a ``plural``-level match of each can start with.

    A glossary's terms were each searched in every segment (entries x segments: a 5,000-term
    glossary on 100k segments is half a billion searches); a segment now only tries the
    patterns one of its words can start (elsewhere ``find`` finds nothing at that level).
    """

    def __init__(self, patterns: Sequence[Pattern]) -> None:
        self.by_key: dict[str, list[int]] = {}
        for n, p in enumerate(patterns):
            if p.forms:
                for key in _form_keys(p, "plural"):
                    self.by_key.setdefault(key, []).append(n)

    def candidates(self, tokens: Sequence[Token]) -> list[int]:
        """Indices of the patterns that may match in ``tokens``, in the patterns' order.

        The segment's forms meet the index's keys in one C-level set operation (no glossary:
        no key, no work), not one look-up per word of every segment.
        """
        if not self.by_key:
            return []
        by_key = self.by_key
        return sorted({n for key in by_key.keys() & set(map(_FORM, tokens)) for n in by_key[key]})


_FORM = itemgetter(3)  # Token.form


def start_keys(p: Pattern, level: str) -> frozenset[str]:
    """The folded words a form-level (or ``plural``) match of ``p`` can start with."""
    return _form_keys(p, level)


@cache
def _form_keys(p: Pattern, level: str) -> frozenset[str]:
    first = p.forms[0]
    keys = {first, p.joined}
    if level == "plural":
        keys |= {k + s for k in (first, p.joined) for s in _PLURAL}
        keys |= {k[:-1] + "ies" for k in (first, p.joined) if k.endswith("y")}
    if len(p.forms) == 1:
        keys |= {p.joined[:n] for n in range(2, len(p.joined))}
    return frozenset(keys)


def find(p: Pattern, tokens: Sequence[Token], text: str, level: str, ix: TokenIndex | None = None) -> list[Match]:
    """Non-overlapping matches of ``p`` at exactly ``level`` (``plural`` = form + plural ending)."""
    if not p.forms:
        return []
    out, last = [], 0
    for i in _starts(p, ix or index_tokens(tokens), level):
        if i < last:
            continue
        if level in ("form", "plural"):
            end = _form_at(p, tokens, i, text, level == "plural")
        elif level == "stem":
            end = _stem_at(p, tokens, i)
        else:
            end = _loose_at(p, tokens, i)
        if end and _caps_ok(p, tokens, i, end) and _literal_ok(p, tokens, text, i, end):
            out.append(Match(i, end, level))
            last = end
    return out


def find_lenient(p: Pattern, tokens: Sequence[Token], text: str, ix: TokenIndex | None = None) -> list[Match]:
    """Matches at the strictest level that finds any (form, then stem, then loose)."""
    ix = ix or index_tokens(tokens)
    for level in LEVELS:
        found = find(p, tokens, text, level, ix)
        if found:
            return found
    return []


def longest_first(candidates: Sequence[tuple[int, Match]]) -> list[tuple[int, Match]]:
    """Keep non-overlapping matches, longest first (``large language model`` hides ``model``)."""
    kept: list[tuple[int, Match]] = []
    taken: set[int] = set()
    for key, m in sorted(candidates, key=lambda c: (-(c[1].last - c[1].first), c[1].first)):
        span = set(range(m.first, m.last))
        if span & taken:
            continue
        taken |= span
        kept.append((key, m))
    return sorted(kept, key=lambda c: c[1].first)
