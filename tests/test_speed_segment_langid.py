"""Speed, language stage (round 16): function-word scores and the Latin-letter gate unchanged.

``scores`` lowers a sentence's words in one call on them joined by NUL and counts them with
C-level set membership (only words with an apostrophe take a Python test), and
``_latin_enough`` tells Latin-1 text by a failed encoding instead of ``max``. The old
implementations are kept here as oracles, compared on generated hostile text (Hypothesis:
final sigma, letters whose lower case is longer, both apostrophes, elided forms alone,
digits, underscores, other scripts, astral characters) and on the sample corpus.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from align.segment import langid, segment_text

PARALLEL = Path(__file__).resolve().parents[1] / "parallel"
PIECES = st.sampled_from([
    *"aAzZéÉçœŒɐʃΣσςДд好ǅϒ𝐀İıßĸª²½_1 '’`\x00.-",
    "l'", "L’", "qu'", "qu", "l", "d", "it's", "IT’S", "aujourd'hui", "ΑΣ", "ΑΣΑ", "Σ'Α", "l'homme",
    " le ", " the ", " de ", " of ", "C'est", "n’", "s'", "'", "''", "j'ai", "İl", "ΟΔΟΣ'",
])
TEXTS = st.lists(PIECES, max_size=40).map("".join) | st.text(max_size=60) | st.text(
    st.characters(exclude_categories=("Cs",)), max_size=60)
CANDIDATES = st.sampled_from([("en", "fr"), ("fr", "en"), ("fr",), ("en",), ("en", "fr", "en")])


def old_scores(text: str, candidates: tuple[str, ...] = ("en", "fr")) -> dict[str, float]:
    """``scores`` before round 16, word for word."""
    words = [w.lower().replace("’", "'") for w in langid._WORD.findall(text)]
    if not words:
        return dict.fromkeys(candidates, 0.0)
    out = {}
    for lang in candidates:
        profile = langid._profile(lang)
        hits = sum(1 for w in words if w in profile or w.split("'")[0] + "'" in profile)
        out[lang] = hits / len(words)
    return out


def old_latin_enough(text: str) -> bool:
    """``_latin_enough`` before round 16 (``max`` told Latin-1 text)."""
    if text.isascii():
        return len(text) - len(text.encode("ascii").translate(None, langid._ASCII_LETTERS)) >= langid.MIN_LATIN_LETTERS
    if max(text) < "\u0100":
        return len(text) - len(text.encode("latin-1").translate(None, langid._LATIN1_LETTERS)) >= \
            langid.MIN_LATIN_LETTERS
    latin = len(langid._LATIN_LETTER.findall(text))
    if latin < langid.MIN_LATIN_LETTERS:
        return False
    return latin > sum(map(str.isalpha, "".join(langid._PAST_LATIN.findall(text))))


@settings(max_examples=600, deadline=None)
@given(TEXTS, CANDIDATES)
@example("", ("en", "fr"))
@example("qu l d n", ("fr", "en"))
@example("L’homme qu’il aime, c'est l'ami d'Anne ; it’s IT'S", ("fr", "en"))
@example("ΑΣ ΟΔΟΣ'Α İl ß", ("en", "fr"))
@example("İL'A l'İ Σ'Σ d’İ", ("fr", "en"))
def test_scores_match_the_old_loop(text: str, candidates: tuple[str, ...]) -> None:
    assert langid.scores(text, candidates) == old_scores(text, candidates)


@settings(max_examples=600, deadline=None)
@given(TEXTS)
@example("")
@example("ÿÿÿ")
@example("abc好好")
@example("aĀ好")
def test_latin_enough_matches_the_old_one(text: str) -> None:
    assert langid._latin_enough(text) == old_latin_enough(text)


def test_lowering_keeps_each_character_in_or_out_of_a_word() -> None:
    """What ``langid._words`` relies on to find the words of the lowered text: a character
    whose lower case is one character stays a letter of ``_WORD`` or a non-letter, and no
    character lowers to an apostrophe (checked on this Python's Unicode data, every code point)."""
    letter = re.compile(r"[^\W\d_]")
    for cp in range(sys.maxunicode + 1):
        c = chr(cp)
        low = c.lower()
        if low == c or len(low) != 1 or 0xD800 <= cp < 0xE000:
            continue
        assert bool(letter.match(c)) == bool(letter.match(low)), hex(cp)
        assert low not in "'’", hex(cp)


def test_a_long_word_with_an_apostrophe_elsewhere() -> None:
    text = "a" * 50_000 + " l'homme " + "Σ" * 3 + "b" * 50_000 + " İl’a"
    assert langid.scores(text, ("fr", "en")) == old_scores(text, ("fr", "en"))


def test_sample_corpus_scores_and_gate_unchanged() -> None:
    """Every sentence of the sample corpus, in both languages' files."""
    checked = 0
    for path in sorted(PARALLEL.rglob("*.txt")):
        for s in segment_text(path.read_text(encoding="utf-8"), "fr"):
            assert langid.scores(s.text, ("fr", "en")) == old_scores(s.text, ("fr", "en"))
            assert langid._latin_enough(s.text) == old_latin_enough(s.text)
            checked += 1
    assert checked > 100
