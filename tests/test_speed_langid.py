"""Speed, language stage: the Python around Lingua decides exactly what it did before issue 15.

``evidence`` and ``_thin`` scan an ASCII sentence with two regexes instead of testing it
word by word (and lower any other once), ``_latin_enough`` counts the letters of ASCII and
Latin-1 text with ``bytes.translate``, and ``_detect_distinct`` removes each sentence's
speaker label once for its sample and for ``_thin``. The old
implementations are kept here as oracles, compared on generated hostile text (Hypothesis)
and on the sample corpus; Lingua itself is called on the same samples.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from align.segment import langid, segment_text

PARALLEL = Path(__file__).resolve().parents[1] / "parallel"
# Capitals without a lower case (ϒ, 𝐀), titlecase digraphs (ǅ), letters whose case changes
# length (İ, ß), final sigma, Latin-1 and Latin Extended letters, other scripts, every kind of
# space (and \x1c-\x1f, which str.split treats as spaces), labels, XML specials, CRLF.
ALPHABET = st.sampled_from([*"aAzZéÉçœŒɐʃΣσςДд好ǅǈϒ𝐀İıßĸª²½_1 \t\r\n\x1c\x1f\x85\u2028\u00a0\u202f\u3000"
                                ":-•'’.!?#<>&\"\x00\x7fÿĀ", "\r\n", "Q: ", "An Yong : "])
TEXTS = st.lists(ALPHABET, max_size=60).map("".join) | st.text(max_size=60) | st.text(
    st.characters(exclude_categories=("Cs",)), max_size=60)
LONG = st.integers(1, 3).map(lambda k: "Word word é " * (300 * k) + "ÉCOLE " * 50)


def old_has_upper(word: str) -> bool:
    return word != word.lower() if word.isascii() else any(c.isupper() for c in word)


def old_evidence(text: str) -> str:
    body = langid._LABEL.sub("", text, count=1)
    words = body.split()
    kept = [w for i, w in enumerate(words) if i == 0 or not old_has_upper(w)]
    return " ".join(kept) if len(kept) >= 2 else body


def old_sample(text: str) -> str:
    return old_evidence(text[: langid.MAX_EVIDENCE])


def old_thin(text: str) -> bool:
    words = langid._LABEL.sub("", text, count=1).split()[1:]
    return not any(w[:1].islower() for w in words)


def old_latin_enough(text: str) -> bool:
    latin = len(langid._LATIN_LETTER.findall(text))
    if latin < langid.MIN_LATIN_LETTERS:
        return False
    return latin > sum(map(str.isalpha, "".join(langid._PAST_LATIN.findall(text))))


def old_detect_distinct(texts, candidates, prior):
    """``_detect_distinct`` before issue 15 (word for word, with the old helpers)."""
    detector = langid._lingua(candidates) if len(candidates) > 1 else None
    if detector is None and len(candidates) == 1:
        found = [candidates[0]] * len(texts)
    elif detector is None:
        found = [langid.detect_by_function_words(t, candidates) for t in texts]
    else:
        samples = [old_sample(t) for t in texts]
        found = [langid._code(x) for x in detector.detect_languages_in_parallel_of(samples)]
        if prior in candidates:
            found = langid._weigh_prior(detector, samples, found, prior)
    out = []
    for text, lang in zip(texts, found, strict=True):
        text = text[: langid.MAX_EVIDENCE]
        if not old_latin_enough(text):
            lang = langid.OTHER
        elif prior in candidates and old_thin(text) and not langid._sure(detector, old_evidence(text)):
            lang = prior
        out.append(lang)
    return out


@settings(max_examples=1500, deadline=None)
@given(TEXTS)
def test_evidence_thin_and_latin_are_the_old_ones(text):
    assert langid.evidence(text) == old_evidence(text)
    assert langid._sample(text) == old_sample(text)
    assert langid._thin(text) == old_thin(text)
    assert langid._latin_enough(text) == old_latin_enough(text)


@settings(max_examples=20, deadline=None)
@given(LONG)
def test_long_sentences_are_judged_on_the_same_sample(text):
    assert langid._sample(text) == old_sample(text)
    assert langid._latin_enough(text) == old_latin_enough(text)


def test_latin_enough_on_every_character_below_u0300():
    for c in map(chr, range(0x300)):
        for text in (c * 3, "ab" + c, c * 3 + "好好", c * 2 + "好" * 3, "é" + c * 2):
            assert langid._latin_enough(text) == old_latin_enough(text), repr(text)


@settings(max_examples=60, deadline=None)
@given(st.lists(TEXTS, min_size=1, max_size=8), st.sampled_from([None, "en", "fr", "de"]))
@example(["J0ÅG"], "fr")  # settled as French by the gate ("j", the elided "j'"); Lingua says English
def test_decisions_are_the_old_ones_on_hostile_sentences(texts, prior):
    """The detector's part is the old code's; a sentence the function-word gate settles
    (tests/test_langid_function_words_first.py) takes the document's language instead."""
    for candidates in (("en", "fr"), ("fr", "en", "de")):
        assert langid._detect_each(texts, candidates, prior) == old_detect_distinct(texts, candidates, prior)
        settled = langid._clearly_prior(texts, candidates, prior)
        expected = [prior if done else lang
                    for done, lang in zip(settled, old_detect_distinct(texts, candidates, prior), strict=True)]
        assert langid._detect_distinct(texts, candidates, prior) == expected


def test_decisions_are_the_old_ones_on_the_sample():
    for lang, other in (("en", "fr"), ("fr", "en")):
        for name in sorted(PARALLEL.glob(f"*.{lang}.txt")):
            texts = [s.text for s in segment_text(name.read_text(encoding="utf-8"), lang)]
            assert texts
            for prior in (lang, None):
                got = langid._detect_each(texts, (lang, other), prior)
                assert got == old_detect_distinct(texts, (lang, other), prior)
            assert [langid.evidence(t) for t in texts] == [old_evidence(t) for t in texts]


def test_regex_whitespace_is_str_split_whitespace():
    """``_judged`` finds the first word with ``\\s`` and splits the rest with ``str.split``."""
    import re
    import sys

    space = re.compile(r"\s")
    for i in range(sys.maxunicode + 1):
        assert bool(space.match(chr(i))) == chr(i).isspace(), hex(i)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Ab", "ab", "AB", "ǅa", "ϒ", "𝐀x", "x" * 300, "X" + "x" * 300, " ", "\t",
                                 "\u3000", "\x1c", "é", "É"]), max_size=30).map("".join))
def test_evidence_on_long_and_mixed_words(text):
    assert langid.evidence(text) == old_evidence(text)
    assert langid._thin(text) == old_thin(text)
