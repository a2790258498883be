"""Speed, term stage (round 16): ``tokenize`` builds its tokens without a Python step per word.

The loop it replaces (one match at a time, keys from a cache, ``tuple.__new__`` per token)
is kept here as the oracle, compared on generated hostile text: every apostrophe, one
before a space or at the end, digits, underscores, other scripts, astral characters,
letters whose case changes length, the empty string.
"""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from align.terms import text
from align.terms.text import Token

PIECES = st.sampled_from([
    *"aAzZéÉçœŒΣσςДд好ǅ𝐀İıß²½_1 \t\n\u00a0'’ʼ`´-.",
    "l'", "L’ ", "qu'", "d' ", "aujourd'hui", "l'homme", "C'EST", "x`y", "12'3", "__", "𝐀𝐁'𝐂", "\U0001f600",
    "start-up", "Université", "entraînement", "toussent",
])
TEXTS = st.lists(PIECES, max_size=40).map("".join) | st.text(max_size=60) | st.text(
    st.characters(exclude_categories=("Cs",)), max_size=60)
LANGS = st.sampled_from(["en", "fr", "de", "xx", "fr-CA"])


def old_tokenize(value: str, lang: str) -> tuple[Token, ...]:
    """``tokenize`` before round 16, word for word."""
    new = tuple.__new__
    out = []
    for m in text._TOKEN.finditer(value):
        start = m.start()
        size, word, form, stem_ = text._keys(m.group(), lang)
        out.append(new(Token, (start, start + size, word, form, stem_)))
    return tuple(out)


def same(new: tuple[Token, ...], old: tuple[Token, ...]) -> bool:
    return new == old and all(type(t) is Token for t in new) and type(new) is tuple


@settings(max_examples=800, deadline=None)
@given(TEXTS, LANGS)
@example("", "fr")
@example("   ", "en")
@example("L’homme qu'il aime, d' accord ; aujourd'hui l'", "fr")
@example("x_y 3'4 𝐀𝐁'𝐂 好的 İstanbul", "en")
def test_tokens_are_the_old_loops(value: str, lang: str) -> None:
    assert same(text.tokenize(value, lang), old_tokenize(value, lang))


def test_a_full_word_cache_is_emptied_and_tokens_stay_the_same(monkeypatch) -> None:
    monkeypatch.setattr(text, "_KNOWN_MAX", 3)
    words = " ".join(f"mot{k} l'arbre{k % 5}" for k in range(40))
    for _ in range(3):
        assert same(text.tokenize(words, "fr"), old_tokenize(words, "fr"))
        assert len(text._known("fr")) <= 3 + 80
