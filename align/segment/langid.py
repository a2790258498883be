"""Language of a sentence (en / fr / other), to find English left inside a French file.

The detector is Lingua (``lingua-language-detector``, Stahl 2021–): it was built for short
text, scores character n-grams of 1 to 5 with models shipped inside the wheel (nothing is
downloaded), and can be restricted to the languages in play, which is what makes it
accurate on a three-word motto (``Focus beats funding.``) where a function-word count or
a general 75-language identifier fails. ``scripts/bench_segment.py`` measures it on single
sentences. Text with almost no Latin letters (``好的。``, ``2019``) is ``other``.

When Lingua is not installed, a function-word profile (closed-class words of each
language; short sentences carry few content words but almost always a few function words)
is used instead, so that the library still works, less accurately.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from functools import cache

from align.model import Sentence
from align.segment.punkt import load_list

OTHER = "other"
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# Below this many Latin letters, or when they are fewer than half of the letters, a
# sentence is not judged to be English or French ("2019", "好的。", "Q.").
MIN_LATIN_LETTERS = 3
# A sentence's language is judged on its first this many characters: Lingua's cost and
# memory grow with the text (1 MB: 3 s and 30 MB), and a longer sample says nothing more
# (a 48 MB one-sentence file took 6.3 GB).
MAX_EVIDENCE = 2_000


# The letters below U+0250 (Latin: ASCII, Latin-1, Extended-A and -B), as one class, so that
# they are counted by one regex scan instead of a Python test per character.
_LATIN_LETTER = re.compile("[" + "".join(re.escape(chr(c)) for c in range(0x250) if chr(c).isalpha()) + "]")
_PAST_LATIN = re.compile("[^\x00-\u024f]+")


# The letters of Latin-1 as bytes (every one is below U+0250, so counted as Latin).
_LATIN1_LETTERS = bytes(c for c in range(256) if chr(c).isalpha())
_ASCII_LETTERS = bytes(c for c in range(128) if chr(c).isalpha())


def _latin_enough(text: str) -> bool:
    """At least ``MIN_LATIN_LETTERS`` Latin letters, and more of them than other letters.

    Text of ASCII or Latin-1 characters only (most sentences) has no other letters: its
    letters are counted by deleting them from its bytes (``bytes.translate``, one C pass).
    """
    if text.isascii():
        return len(text) - len(text.encode("ascii").translate(None, _ASCII_LETTERS)) >= MIN_LATIN_LETTERS
    try:  # a failed encoding is the cheap test for "not Latin-1" (``max(text)`` compares every character)
        latin1 = text.encode("latin-1")
    except UnicodeEncodeError:
        return _latin_majority(text)
    return len(text) - len(latin1.translate(None, _LATIN1_LETTERS)) >= MIN_LATIN_LETTERS


def _latin_majority(text: str) -> bool:
    """``_latin_enough`` for text with characters beyond Latin-1."""
    latin = len(_LATIN_LETTER.findall(text))
    if latin < MIN_LATIN_LETTERS:
        return False
    return latin > sum(map(str.isalpha, "".join(_PAST_LATIN.findall(text))))


def _lingua(candidates: tuple[str, ...]):
    """A Lingua detector restricted to ``candidates`` (None when Lingua is unavailable)."""
    loading = _WARMING.get(candidates)
    if loading is not None and loading is not threading.current_thread():
        loading.join()  # its models are being loaded: wait for them rather than load them twice
    return _detector(candidates)


_WARMING: dict[tuple[str, ...], threading.Thread] = {}


def warm_up(candidates: tuple[str, ...]) -> None:
    """Load the detector's models for ``candidates`` in a background thread, now.

    Building the detector and its first decision take 0.7 s (importing Lingua, then
    reading its models), mostly in native code that leaves the interpreter free: started
    as a job begins, it is done while the files are read and segmented, instead of
    holding up the first sentence's language. Once per process and language set.
    """
    if len(candidates) < 2 or candidates in _WARMING:
        return
    thread = threading.Thread(target=_first_decision, args=(candidates,), name="align-lingua-models", daemon=True)
    _WARMING[candidates] = thread
    thread.start()


def _first_decision(candidates: tuple[str, ...]) -> None:
    detector = _detector(candidates)
    if detector is not None:
        detector.detect_languages_in_parallel_of(["Le chat dort sur le tapis.", "The cat sleeps on the mat."])


@cache
def _detector(candidates: tuple[str, ...]):
    try:
        from lingua import IsoCode639_1, Language, LanguageDetectorBuilder
    except ImportError:
        return None
    languages = [Language.from_iso_code_639_1(getattr(IsoCode639_1, c.upper())) for c in candidates]
    return LanguageDetectorBuilder.from_languages(*languages).build()


_PROFILED = frozenset({"en", "fr"})  # the languages with a function-word list (data/function_words_*.txt)


@cache
def _profile(lang: str) -> frozenset[str]:
    return load_list(f"function_words_{lang}.txt")


@cache
def _elided(lang: str) -> frozenset[str]:
    """What comes before the apostrophe of ``lang``'s elided function words (``l`` for ``l'``)."""
    return frozenset(w[:-1] for w in _profile(lang) if w.endswith("'"))


@cache
def _hit_words(lang: str) -> frozenset[str]:
    """The words without an apostrophe that count as ``lang``'s function words: the listed
    ones and the elided ones written without it (``qu`` counts as ``qu'``)."""
    return _profile(lang) | _elided(lang)


_SIGMA = "\u03a3"  # lowered by its context (final sigma), the only such character


def _words(text: str) -> list[str]:
    """The words of ``text``, lowered, with straight apostrophes.

    When lowering maps each character to one (every code point but ``İ``) and ignores
    context (all but capital sigma), the words of the lowered text are the lowered words:
    one ``lower`` and one ``findall`` instead of a Python step per word. That lowering
    keeps every character in or out of ``_WORD``'s letter class is checked on every code
    point by tests/test_speed_segment_langid.py.
    """
    low = text.lower()
    if len(low) == len(text) and _SIGMA not in text:
        return _WORD.findall(low.replace("’", "'"))
    return [w.lower().replace("’", "'") for w in _WORD.findall(text)]


def scores(text: str, candidates: tuple[str, ...] = ("en", "fr")) -> dict[str, float]:
    """Share of the words of ``text`` that are function words of each candidate language.

    A word counts when it is listed, or when what comes before its first apostrophe is
    listed as an elided form (``l'`` for ``l'homme``, and for ``l``). They are counted by
    C-level set membership; only the words with an apostrophe take a Python test.
    """
    words = _words(text)
    if not words:
        return dict.fromkeys(candidates, 0.0)
    elided = [w for w in words if "'" in w] if "'" in text or "’" in text else ()
    return {lang: _hits(words, elided, lang) / len(words) for lang in candidates}


def _hits(words: list[str], elided: Sequence[str], lang: str) -> int:
    """How many of ``words`` are ``lang``'s function words (``elided``: those with an apostrophe)."""
    hit_words = _hit_words(lang)
    hits = sum(map(hit_words.__contains__, words))
    if elided:
        profile, before = _profile(lang), _elided(lang)
        for w in elided:  # counted above by the test for words without an apostrophe: corrected
            hits += (w in profile or w.split("'")[0] in before) - (w in hit_words)
    return hits


def detect_by_function_words(text: str, candidates: tuple[str, ...] = ("en", "fr"), margin: float = 0.05) -> str:
    """The fallback detector: the candidate with most function words, or ``other``."""
    ranked = sorted(scores(text, candidates).items(), key=lambda kv: kv[1], reverse=True)
    best, best_score = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
    if best_score < margin or best_score - runner_up < margin / 2:
        return OTHER
    return best


def clearly_in(text: str, lang: str, other: str) -> bool:
    """True when function words alone already say ``text`` is ``lang``, not ``other``.

    A cheap gate before the real detector, for callers checking many segments: French
    function words make up a fifth or more of a French sentence (« le », « de », « est »)
    and English ones almost none of it. It only ever answers "clearly ``lang``"; anything
    less clear still goes to the detector.
    """
    found = scores(text, (lang, other))
    return found[lang] >= 0.15 and found[other] <= found[lang] / 3


# A speaker label ("An Yong : ", "Q: ") names a person, not a language.
_LABEL = re.compile(r"^\s*(?:[-•]\s*)?[^\s:][^:]{0,40}?[\s\u00a0\u202f]?:[\s\u00a0\u202f]+")


def evidence(text: str) -> str:
    """What the language is judged on: no speaker label, no capitalised word after the first.

    Proper nouns carry no language (``La Silicon Valley est sous le choc.`` is French;
    ``Qui est DeepSeek ?`` too), and on a short sentence they outweigh the rest. When fewer
    than two words would be left, the sentence minus its label is used as it is.
    """
    return _judged(_LABEL.sub("", text, count=1))[0]


def _thin(text: str) -> bool:
    """Only names, numbers and tags: nothing written in lower case after the first word."""
    return _judged(_LABEL.sub("", text, count=1))[1]


_FIRST_WORD = re.compile(r"\s*(\S+)")  # ``\s`` is ``str.isspace`` (checked on every code point)
# On ASCII text, a word (a run of non-spaces, as ``str.split`` cuts) with an upper-case
# letter, and a word starting with a lower-case one.
_ASCII_UPPER_WORD = re.compile(r"(?<!\S)\S*[A-Z]\S*")
_ASCII_LOWER_START = re.compile(r"(?<!\S)[a-z]")


def _judged(body: str) -> tuple[str, bool]:
    """``evidence`` and ``_thin`` of a text whose speaker label is removed (``body``).

    After the first word, ASCII text is answered by two regex scans instead of a Python
    test per word: the words with a capital are deleted in one ``sub`` (whitespace still
    separates the others, so ``split`` gives the words kept), and the text is thin when no
    word starts with a lower-case letter. Other text is lowered once (the same words: no
    character becomes or stops being whitespace in lower case): an ASCII word has a capital
    exactly when its lower case differs, the others are tested character by character.
    """
    first = _FIRST_WORD.match(body)
    if first is None:
        return body, True
    rest = body[first.end():]
    if rest.isascii():
        kept = _ASCII_UPPER_WORD.sub("", rest).split()
        thin = _ASCII_LOWER_START.search(rest) is None
    else:
        words = rest.split()
        kept = [w for w, low in zip(words, rest.lower().split(), strict=True)
                if (w == low if w.isascii() else not any(map(str.isupper, w)))]
        firsts = "".join([w[0] for w in words])
        thin = firsts == firsts.upper() if firsts.isascii() else not any(map(str.islower, firsts))
    return (first.group(1) + " " + " ".join(kept) if kept else body), thin


def _code(language: object) -> str:
    return language.iso_code_639_1.name.lower() if language is not None else OTHER


def detect(text: str, candidates: tuple[str, ...] = ("en", "fr"), prior: str | None = None) -> str:
    """The most likely of ``candidates`` for one sentence, or ``other``.

    ``prior`` (the document's language) is returned for a sentence made only of names and
    tags (``DeepSeek #IA #Innovation #Chine``), where any detector would only guess, unless
    the detector is sure (``SURE``).
    """
    return detect_many([text], candidates, prior)[0]


def detect_many(
    texts: Sequence[str], candidates: tuple[str, ...] = ("en", "fr"), prior: str | None = None
) -> list[str]:
    """``detect`` for many sentences at once (Lingua batches them in native code).

    Each distinct text is judged once: a sentence's language depends on its text alone, and
    documents repeat (boilerplate, headings, "Thank you."), so the detector and the Python
    around it run on the distinct texts only, and every copy gets the same decision.
    """
    distinct = list(dict.fromkeys(texts))
    if len(distinct) == len(texts):
        return _detect_distinct(texts, tuple(candidates), prior)
    decided = dict(zip(distinct, _detect_distinct(distinct, tuple(candidates), prior), strict=True))
    return [decided[t] for t in texts]


def _detect_distinct(texts: Sequence[str], candidates: tuple[str, ...], prior: str | None) -> list[str]:
    """``detect_many``'s decisions, one per text (each text judged on its own).

    With a document language (``prior``), a sentence whose function words already say it
    is in that language (``clearly_in``, against every other candidate) keeps it without
    asking the detector: nine French sentences in ten, on a French file. It is also the
    better answer there: Lingua read ``qudie Adieu mes pieds !`` (a made-up word, then
    French) as English, sure enough to switch, and the sentence was set aside as English
    left untranslated.
    """
    settled = _clearly_prior(texts, candidates, prior)
    if not any(settled):
        return _detect_each(texts, candidates, prior)
    judged = iter(_detect_each([t for t, done in zip(texts, settled, strict=True) if not done], candidates, prior))
    return [prior if done else next(judged) for done in settled]  # type: ignore[misc]


def _clearly_prior(texts: Sequence[str], candidates: tuple[str, ...], prior: str | None) -> list[bool]:
    """Which texts are clearly in ``prior`` by their function words (all False without
    ``prior``, or when a candidate has no function-word list)."""
    others = tuple(c for c in candidates if c != prior)
    if prior not in candidates or not others or not all(c in _PROFILED for c in candidates):
        return [False] * len(texts)
    out = []
    for text in texts:
        head = text[:MAX_EVIDENCE]
        out.append(_latin_enough(head) and all(clearly_in(head, prior, other) for other in others))
    return out


def _detect_each(texts: Sequence[str], candidates: tuple[str, ...], prior: str | None) -> list[str]:
    """The detector's decision for each text, the document's language weighed in."""
    if not texts:
        return []
    detector = _lingua(candidates) if len(candidates) > 1 else None
    if detector is None and len(candidates) == 1:
        found = [candidates[0]] * len(texts)
    elif detector is None:
        found = [detect_by_function_words(t, candidates) for t in texts]
    else:
        # Each text's label is removed once, for its sample and for _thin.
        judged = [_judged(_LABEL.sub("", t[:MAX_EVIDENCE], count=1)) for t in texts]
        samples = [sample for sample, _ in judged]
        found = [_code(x) for x in detector.detect_languages_in_parallel_of(samples)]
        if prior in candidates:
            found = _weigh_prior(detector, samples, found, prior)
        out = []
        for text, lang, (sample, thin) in zip(texts, found, judged, strict=True):
            if not _latin_enough(text[:MAX_EVIDENCE]):
                lang = OTHER
            elif prior in candidates and thin and not _sure(detector, sample):
                lang = prior
            out.append(lang)
        return out
    out = []
    for text, lang in zip(texts, found, strict=True):
        text = text[:MAX_EVIDENCE]
        if not _latin_enough(text):
            lang = OTHER
        elif prior in candidates and _thin(text) and not _sure(detector, evidence(text)):
            lang = prior
        out.append(lang)
    return out


# A sentence is labelled with another language than the document's (``prior``) only when
# Lingua is at least this confident: on a short sentence it hesitates (``Le chat dort.``:
# English 0.53, French 0.47), and a French file whose only sentence that is read as English
# lost all its units. English left in a French file scores 0.9 and more (``Thanks.`` 0.97).
MIN_SWITCH = 0.7


def _weigh_prior(detector: object, samples: Sequence[str], found: list[str], prior: str) -> list[str]:
    """``found`` with the document's language kept where the detector only hesitated."""
    other = [k for k, lang in enumerate(found) if lang not in (prior, OTHER)]
    if not other:
        return found
    values = detector.compute_language_confidence_values_in_parallel([samples[k] for k in other])
    out = list(found)
    for k, ranked in zip(other, values, strict=True):
        if ranked and ranked[0].value < MIN_SWITCH:
            out[k] = prior
    return out


def confidence(text: str, lang: str, candidates: tuple[str, ...] = ("en", "fr")) -> float:
    """How sure the detector is that ``text`` is in ``lang`` (0-1; 1.0 without Lingua)."""
    detector = _lingua(tuple(candidates)) if len(candidates) > 1 else None
    if detector is None:
        return 1.0
    for value in detector.compute_language_confidence_values(_sample(text)):
        if _code(value.language) == lang:
            return float(value.value)
    return 0.0


def _sample(text: str) -> str:
    """What the detector is shown: the evidence of the sentence's first ``MAX_EVIDENCE`` characters."""
    return evidence(text[:MAX_EVIDENCE])


# A sentence of names only keeps the document's language unless Lingua is this sure
# (``Titre`` 0.99 French, ``Thanks.`` 0.97 English; ``Okafor`` 0.84 and
# ``DeepSeek #IA #Innovation #Chine`` 0.70 "English" are guesses).
SURE = 0.9


def _sure(detector: object, text: str) -> bool:
    if detector is None:
        return False
    values = detector.compute_language_confidence_values(text)
    return bool(values) and values[0].value >= SURE


def label(sentences: Sequence[Sentence], candidates: tuple[str, ...] = ("en", "fr"),
          prior: str | None = None) -> tuple[Sentence, ...]:
    """The sentences with ``lang`` set to their detected language (``prior``: see ``detect``)."""
    langs = detect_many([s.text for s in sentences], candidates, prior)
    # The constructor, not dataclasses.replace: a tenth of the cost, and Sentence has no derived fields.
    return tuple(Sentence(s.text, s.start, s.end, s.paragraph, s.block, lang)
                 for s, lang in zip(sentences, langs, strict=True))


def by_language(sentences: Sequence[Sentence]) -> dict[str, tuple[Sentence, ...]]:
    """Labelled sentences grouped by language, each group in document order."""
    groups: dict[str, list[Sentence]] = {}
    for s in sentences:
        groups.setdefault(s.lang, []).append(s)
    return {lang: tuple(group) for lang, group in groups.items()}
