"""``align.segment.punkt_spans`` gives exactly NLTK Punkt's spans, only faster."""

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from align.segment.lines import chunks
from align.segment.punkt import tokenizer
from align.segment.punkt_spans import span_finder


def _nltk(text, lang):
    return list(tokenizer(lang).span_tokenize(text))


_WORDS = st.sampled_from(["Le", "chat", "dort", "M", "etc", "U.S", "l’équipe", "a-t-il", "2019", "I", "x", "Mr",
                          "vs", "Paris", "how", "Il", "(voir", "e.g", "non", "co", "St", "V2", "mp3", "B2B", "(PKU)",
                          "[1]", '"Oui"', "(U.S)", "(x)", "x86", "A4", "v.", "MoE【2】", "a--b", "ab--c", "x&y", "J",
                          "No", "1", "dr", "okafor", "'", "«", "»", "(", ")", "--", "...", "…", "*", "@", ":", "’"])
_STOPS = st.sampled_from([". ", "? ", "! ", " ", ", ", ".\u00a0", " ?\u202f", "… ", ".) ", '." ', ". « ", ".",
                          "\n", ".\n", " . ", " ! ' ", "?' ", "!!! ", ".\t", ". . . ", "... ", "\x0b", "; "])
_ALPHABET = st.characters(codec="utf-8", exclude_categories=("Cs",))


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(_WORDS, _STOPS), min_size=1, max_size=14), st.sampled_from(["en", "fr"]))
def test_same_spans_as_nltk_on_sentences(parts, lang):
    text = "".join(w + s for w, s in parts)
    assert span_finder(lang).spans(text) == _nltk(text, lang)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_ALPHABET, st.sampled_from([*".?!…‽ \t\n\x0b\x0c\r\u00a0«»’\"')(-", "Mr.", "J. "])),
                max_size=60), st.sampled_from(["en", "fr"]))
def test_same_spans_as_nltk_on_any_text(chars, lang):
    text = "".join(chars)
    assert span_finder(lang).spans(text) == _nltk(text, lang)


def test_decisions_remembered_across_lines_change_nothing():
    """The per-text memory of decisions (by context string) gives what a fresh start gives."""
    lines = ["' Well ! ' thought Alice . ' I shall think nothing of it !", "Mr. Smith came. Dr. Who left.",
             "Il vint. « Oui ! » dit-il. M. Dupont partit.", "I live in the U.S. How about you?"] * 2
    decided: dict[str, bool] = {}
    for line in lines:
        assert span_finder("en").spans(line, decided) == _nltk(line, "en")
    assert decided


def test_same_spans_as_nltk_on_real_text(shared):
    """Every line of the TransRead texts, the interview and the UD dev sets."""
    texts = [(p.suffix[1:], p.read_text(encoding="utf-8"))
             for p in sorted((shared / "gold" / "transread-en-fr").glob("*.en-fr.[ef][nr]"))]
    texts.append(("fr", (shared / "corpus" / "interview" / "fr.txt").read_text(encoding="utf-8")))
    for name, lang in (("fr_gsd_dev.json", "fr"), ("en_ewt_dev.json", "en")):
        path = shared / "segmentation" / "ud" / name
        if path.exists():
            texts += [(lang, c["text"]) for c in json.loads(path.read_text(encoding="utf-8"))]
    if not texts:
        pytest.skip("no texts")
    decided: dict[str, dict[str, bool]] = {"en": {}, "fr": {}}
    for lang, text in texts:
        for c in chunks(text):
            line = text[c.start:c.end]
            assert span_finder(lang).spans(line, decided[lang]) == _nltk(line, lang), line
