"""Names and acronyms: kept from the source, and spelt one way inside the target.

A name (``Veltrane``, ``Grenoble``) or an acronym (``GPU``) in a source segment must
reappear in its target, unless French has a localised form (``WHO`` → ``OMS``, ``AI`` →
``IA``: the shipped table ``data/localisations.tsv``). Capitalised words are only taken
as names when the target document writes them as they are somewhere: ``Monday`` is
translated (``lundi``) and never appears, ``Grenoble`` does.
"""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import cache, lru_cache
from importlib import resources
from itertools import compress
from operator import itemgetter

from align.terms.match import is_acronym
from align.terms.text import Token, fold, fold_word

MIN_NAME = 4


@cache
def localisations() -> dict[str, tuple[str, ...]]:
    """Shipped table: source acronym → legitimate French forms."""
    text = resources.files("align.terms").joinpath("data", "localisations.tsv").read_text(encoding="utf-8")
    out = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#") and "\t" in line:
            src, tgt = line.split("\t", 1)
            out[src.strip()] = tuple(t.strip() for t in tgt.split("|") if t.strip())
    return out


@lru_cache(maxsize=1 << 16)
def _plain(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def name_tokens(tokens: Sequence[Token]) -> list[Token]:
    """Acronyms anywhere, capitalised words of ``MIN_NAME`` letters not opening the segment.

    Both start with a capital letter, so only the words that do are looked at, picked by
    ``compress`` at C speed (a Python test per word was most of ``name_not_kept``'s time),
    and each distinct word is classified once (a long text asks about the same words again
    and again: this was called 60,000 times on a 20,000-sentence pair).
    """
    out = []
    for i in compress(range(len(tokens)), map(str.isupper, map(_HEAD, map(_RAW, tokens)))):
        t = tokens[i]
        kind = _name_kind(t.raw)
        if kind == _ACRONYM or (kind == _CAPITALISED and i > 0):
            out.append(t)
    return out


_RAW = itemgetter(2)  # Token.raw
_HEAD = itemgetter(slice(0, 1))  # a word's first character ("" for none)


_ACRONYM, _CAPITALISED = 2, 1


@lru_cache(maxsize=1 << 16)
def _name_kind(raw: str) -> int:
    """``_ACRONYM``, ``_CAPITALISED`` (a name when it does not open the segment) or 0."""
    if not raw[:1].isalpha():
        return 0
    if is_acronym(raw):
        return _ACRONYM
    return _CAPITALISED if raw[:1].isupper() and len(raw) >= MIN_NAME else 0


def kept(name: str, target: str, target_words: frozenset[str]) -> bool:
    """``name`` (or a localised form, or a plural/possessive) is in the target."""
    if _plain(name) in target_words or _plain(name).rstrip("s") in target_words:
        return True
    forms = localisations().get(name, ())
    if not forms:
        return False  # no localised form to look for: the target need not be folded
    plain_target = fold(target)
    return any(fold(loc) in plain_target for loc in forms)


def raw_words(tokens: Sequence[Token]) -> frozenset[str]:
    """The words as written, accents dropped (each word's ``_plain`` form, mapped at C speed)."""
    return frozenset(map(_plain, map(_RAW, tokens)))


def spelling_variants(counts: Counter[str], min_len: int = MIN_NAME) -> dict[str, str]:
    """Rare spellings of a frequent name: ``Veltranne`` (1) → ``Veltrane`` (5).

    Two capitalised forms are variants when they differ by case/accents only, or by one
    edit (Damerau–Levenshtein) for names of six letters or more; the rarer is reported
    (on a tie the caller decides, e.g. from the source segment). Candidates come from a
    deletion index (two words one edit apart share a key with one letter deleted, or
    one is the other's key), so a novel's thousands of capitalised words are not
    compared pairwise.
    """
    folded = {w: fold_word(w) for w in counts}
    words = sorted(counts, key=lambda w: (-counts[w], w))
    position = {w: i for i, w in enumerate(words)}
    keys: dict[str, list[str]] = defaultdict(list)
    for w in words:
        f = folded[w]
        keys[f].append(w)
        if len(f) >= 5:
            for i in range(len(f)):
                keys[f[:i] + f[i + 1:]].append(w)
            for i in range(len(f) - 1):  # adjacent swap
                keys["~" + f[:i] + f[i + 1] + f[i] + f[i + 2:]].append(w)
    out: dict[str, str] = {}
    for rare in words:
        if len(rare) < min_len or rare in out:
            continue
        f = folded[rare]
        near: set[str] = set(keys.get(f, ()))
        if len(rare) >= 6:
            near |= set(keys.get("~" + f, ()))
            for i in range(len(f)):
                near |= set(keys.get(f[:i] + f[i + 1:], ()))
        for major in sorted(near, key=position.__getitem__):
            if major == rare or counts[major] < counts[rare] or major in out:
                continue
            same = folded[major] == f
            if same or (len(rare) >= 6 and _one_edit(f, folded[major])):
                out[rare] = major
                break
    return out


def _one_edit(a: str, b: str) -> bool:
    """Distance 1: one substitution, insertion, deletion or adjacent swap."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


@cache
def exonyms() -> dict[str, str]:
    """Shipped table: every written form of a place (folded) → its French exonym."""
    text = resources.files("align.terms").joinpath("data", "exonyms.tsv").read_text(encoding="utf-8")
    out = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#") and "\t" in line:
            fr, other = line.split("\t", 1)
            for form in (fr, *other.split("|")):
                if form.strip():
                    out[form.strip()] = fr.strip()
    return out
