"""Numbers in either locale, compared by value: ``1,000.5`` = ``1 000,5``, ``50%`` = ``50 %``.

English groups thousands with a comma and marks decimals with a point; French does the
opposite and groups with a (narrow) no-break space. ``$40 million`` and ``40 millions de
dollars`` are both 40 and 40,000,000. A separator that could be read either way (a plain
space, a lone comma) yields every reading: ambiguity may only lift a failure.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

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
    spelled: bool = False


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
         "soixante": 60, "cent": 100, "une": 1,
         # round figures French says with a noun: "une centaine d'enfants" for "one hundred children"
         "dizaine": 10, "douzaine": 12, "vingtaine": 20, "trentaine": 30, "centaine": 100, "centaines": 100,
         "millier": 1000, "milliers": 1000, "million": 1e6, "millions": 1e6, "milliard": 1e9, "milliards": 1e9}


def word_values(text: str, lang: str) -> set[float]:
    """Numbers written in words (``dix pays`` for ``10 countries``): they may lift a failure."""
    table = _word_table(lang.split("-")[0])
    words = _WORD_RUN.findall(text.lower())
    return {table[w] for w in words if w in table}


_WORD_RUN = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


@cache
def _word_table(lang: str) -> dict[str, float]:
    """Number words of ``lang`` with their value (built once per language, not once per segment)."""
    table = {w: float(i) for i, w in enumerate(_WORDS.get(lang, "").split())}
    return table | {w: float(v) for w, v in _TENS.items()}


_ROMAN = re.compile(r"^(?:X{0,3})(?:IX|IV|V?I{0,3})$|^(?:C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$")
# Opened with the numeral's first letter, the look-behind asked after it (the letter before
# that one is not part of a word): a pattern that starts with a character class is scanned
# for that class at C speed, where a look-around first was tried at every position of every
# text (issue 15: a look-ahead; issue 16: the class).
_ROMAN_TOKEN = re.compile(r"([IVXLC](?<![\w'’-][IVXLC])[IVXLC]*)(e|er|ère|ème|es|re)?(?![\w'’-])")
# The look-ahead on the cue words' first letters (case-insensitive like them) spares the
# alternation at most positions of the 20 characters before each numeral.
_ROMAN_CUE = re.compile(r"(?=[abceghjlnpstvwé])"
                        r"(?:chapter|part|book|act|volume|vol\.|world war|scene|canto|article|title|tome|"
                        r"chapitre|partie|livre|acte|scène|chant|titre|louis|henry|henri|george|edward|"
                        r"charles|pius|pie|jean|john|paul|elizabeth|élisabeth|napoleon|napoléon)\s+$", re.IGNORECASE)
_NOT_ROMAN = frozenset({"CV", "CC", "CI", "CL", "LC", "XL", "LI", "IC", "VC", "DC", "CD", "MC", "MD", "DL", "VIC"})
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


@lru_cache(maxsize=1 << 12)
def roman(token: str) -> int:
    """The value of an upper-case Roman numeral below 400 (``XIV`` → 14), 0 when it is not one."""
    if not token or not _ROMAN.match(token):
        return 0
    total = 0
    for a, b in zip(token, [*token[1:], ""], strict=True):
        v = _ROMAN_VALUES[a]
        total += -v if b and _ROMAN_VALUES[b] > v else v
    return total


def roman_numbers(text: str, lang: str) -> Iterator[Number]:
    """Roman numerals: ``XIVe siècle``, ``Chapter IV``, ``Louis XIV``.

    A single letter (``I``, ``V``, ``X``) and acronyms (``CV``, ``XL``) count only after a
    cue word (``Chapter V``); a French ordinal suffix (``XXe``, ``Ier``) marks one anywhere.
    """
    for m in _ROMAN_TOKEN.finditer(text):
        token, suffix = m.group(1), m.group(2)
        value = roman(token)
        if not value:
            continue
        # The cue word is looked for only when it decides (a lone letter or an acronym).
        # A cue ends with a space (``\\s+$``): after anything else the window need not be searched.
        if (len(token) < 2 or token in _NOT_ROMAN) and not (suffix and lang.startswith("fr")) and \
                not (text[m.start() - 1:m.start()].isspace() and
                     _ROMAN_CUE.search(text[max(0, m.start() - 20):m.start()])):
            continue
        if suffix and not lang.startswith("fr"):
            continue
        yield Number(m.group(), m.start(), m.end(), frozenset({float(value)}))


def numbers(text: str, lang: str) -> Iterator[Number]:
    """Numbers of ``text`` with their readings, scaled by a following ``million``/``milliards``.

    A decade (``the 1930s``) also reads as its two last digits (``les années 30``).
    Roman numerals and numbers written in words come with them (:func:`roman_numbers`,
    :func:`spelled_numbers`).
    """
    yield from roman_numbers(text, lang)
    yield from spelled_numbers(text, lang)
    if not _DIGIT.search(text):
        return  # every number in figures starts with a digit: most texts hold none
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
    """:func:`_missing_numbers`, computed once per distinct pair of texts.

    Documents repeat segments (boilerplate, headings, the benchmark's repeated text) and
    the answer depends on the two texts and languages only, so it is memoised; a fresh
    list is returned so a caller may change its copy.
    """
    if not _DIGIT_OR_WORD.search(source):
        return []  # no digit, no letter: no number, no Roman numeral, no number word
    return list(_missing_cached(source, target, source_lang, target_lang))


_DIGIT_OR_WORD = re.compile(r"[^\W_]")


@lru_cache(maxsize=1 << 16)
def _missing_cached(source: str, target: str, source_lang: str, target_lang: str) -> tuple[Number, ...]:
    return tuple(_missing_numbers(source, target, source_lang, target_lang))


def _missing_numbers(source: str, target: str, source_lang: str, target_lang: str) -> list[Number]:
    """Source numbers left without a target number of the same value (``1a et 1b`` ≠ ``8a et 1b``).

    A number copied with the source's separators (``3.5`` in French) is there: its format
    is :func:`misformatted`'s business, not a changed value. Numbers in words only count
    in the source when they are two or more (``one`` is also a pronoun).
    """
    # The source's numbers first: most segments hold none, and then the target need not be
    # read at all (its numbers were half of this check's cost on a long document).
    wanted = to_carry(source, source_lang)
    if not wanted:
        return []
    pool = list(numbers(target, target_lang))
    words = word_values(target, target_lang)
    missing = []
    soft = []
    for n in wanted:  # each target number answers one source number
        hit = next((i for i, t in enumerate(pool) if n.values & t.values or (n.text == t.text and not n.spelled)),
                   None)
        if hit is not None:
            pool.pop(hit)
        elif n.values & words:
            continue
        elif n.spelled:
            soft.append(n)
        else:
            missing.append(n)
    # A number in words is often paraphrased (``those two`` → ``ces personnes``): it is
    # reported only when the target holds a number that answers nothing (``trois``).
    if soft and any(not t.spelled or min(t.values) >= 2 for t in pool):
        missing.extend(soft)
    return sorted(missing, key=lambda n: n.start)


def to_carry(source: str, source_lang: str) -> list[Number]:
    """The numbers of ``source`` a translation must carry over (numbers in words only when two or more)."""
    return [n for n in numbers(source, source_lang) if not (n.spelled and (min(n.values) < 2 or _in_word(source, n)))]


def _in_word(text: str, n: Number) -> bool:
    """``Thunder-ten-tronckh``, ``seven-and-twenty``, ``two-thirds``: not a number to carry over as such.

    A number word after a hyphen is inside a name; one before ``-and-`` is an old compound;
    one before a fraction is a fraction. ``two-week`` is a number.
    """
    after = re.match(r"-([^\W\d_]+)", text[n.end:])
    return text[n.start - 1:n.start] == "-" or bool(after and after.group(1).lower() in _NOT_AFTER)


_NOT_AFTER = frozenset({"and", "thirds", "third", "quarters", "quarter", "halves", "fifths", "tenths"})


_EN_DECIMAL = re.compile(r"(?<![\w.,])\d+\.\d+(?![\w.,]*\d)")
_EN_GROUPS = re.compile(r"(?<![\w.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\w,]*\d)")


def misformatted(source: str, target: str, target_lang: str) -> list[tuple[str, int, int, str]]:
    """:func:`_misformatted`, skipped for a target without a digit and memoised per distinct pair.

    Both patterns need a digit in the target, so a target without one has nothing to
    report; repeated segments are answered from the cache (a fresh list each time).
    """
    if not target_lang.lower().startswith("fr") or not _DIGIT.search(target):
        return []
    return list(_misformatted_cached(source, target, target_lang))


_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=1 << 16)
def _misformatted_cached(source: str, target: str, target_lang: str) -> tuple[tuple[str, int, int, str], ...]:
    return tuple(_misformatted(source, target, target_lang))


def _misformatted(source: str, target: str, target_lang: str) -> list[tuple[str, int, int, str]]:
    """Numbers a French target writes the English way: ``3.5`` (→ ``3,5``), ``1,200`` (→ ``1 200``).

    Only when the source writes the same number the same way, so the value is certain (a
    French ``1,200`` alone could be a decimal). Returns (text, start, end, French form).
    """
    if not target_lang.lower().startswith("fr"):
        return []
    out = []
    for rx in (_EN_GROUPS, _EN_DECIMAL):
        for m in rx.finditer(target):
            if any(m.start() < e and s < m.end() for _, s, e, _ in out):
                continue
            if re.search(rf"(?<![\w.,]){re.escape(m.group())}(?![\w]|[.,]\d)", source):
                whole, _, dec = m.group().partition(".")
                whole = whole.replace(",", "\u202f")
                out.append((m.group(), m.start(), m.end(), whole + ("," + dec if dec else "")))
    return sorted(out, key=lambda x: x[1])


_EN_UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
             "sixteen seventeen eighteen nineteen")
_FR_UNITS = "zéro un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize"
_UNITS = {
    "en": {w: i for i, w in enumerate(_EN_UNITS.split())}
    | {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
       "ninety": 90},
    "fr": {w: i for i, w in enumerate(_FR_UNITS.split())}
    | {"une": 1, "vingt": 20, "vingts": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60,
       "septante": 70, "octante": 80, "huitante": 80, "nonante": 90},
}
_MULT = {"en": {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9},
         "fr": {"cent": 100, "cents": 100, "mille": 1000, "million": 10**6, "millions": 10**6,
                "milliard": 10**9, "milliards": 10**9}}
_JOIN = {"en": {"and"}, "fr": {"et"}}
_SPELLED_WORD = re.compile(r"[^\W\d_]+")


def _parse_words(words: list[str], lang: str) -> int | None:
    """The value of a run of number words (``quatre-vingt-dix-sept`` → 97), None if it is not one."""
    units, mult = _UNITS[lang], _MULT[lang]
    total = current = 0
    for w in words:
        if w in units:
            v = units[w]
            if lang == "fr" and w in ("vingt", "vingts") and current % 100 == 4:
                current = current - 4 + 80  # quatre-vingt(s)
            elif lang == "fr" and current % 100 in (60, 80) and 10 <= v < 20:
                current += v  # soixante-dix-sept, quatre-vingt-dix
            else:
                current += v
        elif w in mult:
            m = mult[w]
            if m == 100:
                current = (current or 1) * 100
            else:
                total += (current or 1) * m
                current = 0
        elif w in _JOIN[lang]:
            continue
        else:
            return None
    return total + current


def _continues(run: list[re.Match[str]], word: str, gap: str, lang: str) -> bool:
    """Whether ``word`` extends the number word run (``vingt-cinq``, ``two hundred``), not a new one.

    Across a plain space only a multiplier, what follows one, or a unit after a ten
    (``twenty five``) continue: ``cinq une restriction`` is two numbers.
    """
    if not run or gap == "-" or word in _JOIN[lang]:
        return True
    prev = run[-1].group().lower()
    units, mult = _UNITS[lang], _MULT[lang]
    if word in mult or prev in mult or prev in _JOIN[lang]:
        return True
    return units.get(prev, 0) >= 20 and units.get(word, 99) < 10


@cache
def _vocab(lang: str) -> frozenset[str]:
    return frozenset(_UNITS[lang]) | frozenset(_MULT[lang])


@cache
def _vocab_word(lang: str) -> re.Pattern[str]:
    """A pattern finding the words (whole ``[^\\W\\d_]+`` runs) of ``_vocab(lang)``.

    Exactly the words of the text that are number words, at C speed: the alternatives
    are grouped by first letter behind that letter (a pattern opened by literals is
    scanned for them, and at a letter only its own group is tried), the look-behind (not
    inside a word) asked after it.
    """
    groups: dict[str, list[str]] = {}
    for w in sorted(_vocab(lang), key=len, reverse=True):
        groups.setdefault(w[0], []).append(w)
    alternatives = "|".join(f"{re.escape(c)}(?<![^\\W\\d_]{re.escape(c)})(?:{'|'.join(re.escape(w[1:]) for w in ws)})"
                            for c, ws in groups.items())
    return re.compile(f"(?:{alternatives})(?![^\\W\\d_])")


Word = tuple[int, int, str]  # start, end, the word lowered


def spelled_numbers(text: str, lang: str) -> Iterator[Number]:
    """Numbers written in words, compounds included: ``twenty-five``, ``deux cents``, ``soixante-dix``.

    A run of number words starts with a number word, found by one C-level pattern
    (:func:`_vocab_word`): most segments have none. The walk (:func:`_walk`) then reads
    a word only where a run is open or may open: the text is not split into words. When
    lowering the text keeps every character one character (all but ``İ``), the lowered
    text's words are the text's words lowered, at the same places (a character and its
    lower case are both letters or both not: tested on every code point), so the words
    are read from it; otherwise from the text, each lowered, as before.
    """
    lang = lang.split("-")[0].lower()
    if lang not in _UNITS:
        return
    low = text.lower()
    if len(low) == len(text):
        found = _vocab_word(lang).finditer(low)
        first = next(found, None)
        if first is None:
            return

        def following(w: Word) -> Word | None:
            m = _SPELLED_WORD.search(low, w[1])
            return (m.start(), m.end(), m.group()) if m else None

        def number_after(w: Word) -> Word | None:
            return next(((m.start(), m.end(), m.group()) for m in found if m.start() >= w[1]), None)

        yield from _walk(text, lang, (first.start(), first.end(), first.group()), following, number_after)
        return
    if not _vocab_word(lang).search(low):
        return
    vocab = _vocab(lang)
    starts = [w for m in _SPELLED_WORD.finditer(text) if (w := (m.start(), m.end(), m.group().lower()))[2] in vocab]
    if not starts:
        return

    def text_following(w: Word) -> Word | None:
        m = _SPELLED_WORD.search(text, w[1])
        return (m.start(), m.end(), m.group().lower()) if m else None

    def text_number_after(w: Word) -> Word | None:
        return next((v for v in starts if v[0] >= w[1]), None)

    yield from _walk(text, lang, starts[0], text_following, text_number_after)


def _walk(text: str, lang: str, w: Word | None, following: Callable[[Word], Word | None],
          number_after: Callable[[Word], Word | None]) -> Iterator[Number]:
    """Runs of number words from the number word ``w`` on, in order, each as a :class:`Number`.

    ``following``: the word after a word (None at the end); ``number_after``: the next
    number word after a word. Word for word the walk that visited every word of the text,
    which passed over a word when no run was open and it was no number word: here the
    walk goes from such a place to the next number word directly.
    """
    vocab = _vocab(lang)
    join = _JOIN[lang]
    mult = _MULT[lang]
    run: list[Word] = []
    while True:
        word = w[2] if w else ""
        gap = text[run[-1][1]:w[0]] if (w and run) else ""
        after = None
        joins = False
        if run and word in join:
            after = following(w)  # type: ignore[arg-type]
            nxt = after[2] if after else ""
            joins = nxt in ("un", "une", "onze") if lang == "fr" else run[-1][2] in mult and nxt in vocab
        if w and (word in vocab or joins) and (not run or gap in ("-", " ")) and \
                _extends(run[-1][2] if run else None, word, gap, lang):
            run.append(w)
        else:
            while run and run[-1][2] in join:
                run.pop()
            if run:
                words = [r[2] for r in run]
                value = _parse_words(words, lang)
                if value is not None and not all(x in mult for x in words):  # "40 million": a scale
                    yield Number(text[run[0][0]:run[-1][1]], run[0][0], run[-1][1], frozenset({float(value)}),
                                 spelled=True)
            run = [w] if w and word in vocab else []
        if w is None:
            return
        w = (after or following(w)) if run else number_after(w)


def _extends(prev: str | None, word: str, gap: str, lang: str) -> bool:
    """:func:`_continues` with the run's last word (None: no run) instead of the run."""
    if prev is None or gap == "-" or word in _JOIN[lang]:
        return True
    units, mult = _UNITS[lang], _MULT[lang]
    if word in mult or prev in mult or prev in _JOIN[lang]:
        return True
    return units.get(prev, 0) >= 20 and units.get(word, 99) < 10
