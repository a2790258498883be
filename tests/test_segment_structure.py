"""Paragraph structure (align.segment.lines), offsets and robustness of segment_text."""

import re
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from align.config import SegmentConfig
from align.segment import segment_text
from align.segment.train import to_json, train


def _texts(text, lang="fr", **kw):
    return [s.text for s in segment_text(text, lang, SegmentConfig(lang=lang, **kw))]


def test_heading_without_final_punctuation_ends_a_sentence():
    assert _texts("Une sélection rigoureuse\nContrairement à ce que l’on pense, tout va bien.") == [
        "Une sélection rigoureuse", "Contrairement à ce que l’on pense, tout va bien."]


def test_list_items_end_sentences():
    text = "Liste des membres :\n- Dai Yunli : Docteur en informatique\n• Zhu Qihao : Docteur\n1. Bu Zhihong : Tsinghua"
    assert _texts(text) == ["Liste des membres :", "- Dai Yunli : Docteur en informatique",
                            "• Zhu Qihao : Docteur", "1. Bu Zhihong : Tsinghua"]


def test_speaker_label_line_ends_a_sentence():
    text = "An Yong : Êtes-vous surpris\nLiang Wenfeng : Très surpris."
    assert _texts(text) == ["An Yong : Êtes-vous surpris", "Liang Wenfeng : Très surpris."]


def test_blocks_and_paragraphs():
    sents = segment_text("Titre\nUn. Deux.\n\n\nTrois.", "fr")
    assert [(s.text, s.paragraph, s.block) for s in sents] == [
        ("Titre", 0, 0), ("Un.", 1, 0), ("Deux.", 1, 0), ("Trois.", 2, 1)]


def test_mixed_line_endings():
    assert _texts("Un.\r\nDeux\rTrois\u2028Quatre\n") == ["Un.", "Deux", "Trois", "Quatre"]


def test_soft_wrapped_line_is_joined():
    assert _texts("It was a cold \nnight in the city.", "en") == ["It was a cold \nnight in the city."]


def test_hard_line_break_before_lower_case_is_kept():
    assert _texts("features\ncontact manager\nevents, activities\n", "en") == [
        "features", "contact manager", "events, activities"]


def test_wrapped_mode_joins_pdf_lines():
    assert _texts("This is a sentence\ncut off in the middle because pdf.", "en", wrapped=True) == [
        "This is a sentence\ncut off in the middle because pdf."]


def test_empty_and_blank_input():
    assert segment_text("", "fr") == ()
    assert segment_text(" \n\t\u00a0\n\r\n", "en") == ()


def test_control_characters_do_not_crash():
    text = "Un\x00deux.\x07 Trois\x1b[0m. Quatre\x0c\x1c fin."
    sents = segment_text(text, "fr")
    assert all(text[s.start:s.end] == s.text for s in sents)


def test_ten_megabyte_lines():
    for line in ("mot " * 2_500_000, "a" * 10_000_000, ". " * 5_000_000):
        sents = segment_text(line, "fr")
        assert re.sub(r"\s", "", "".join(s.text for s in sents)) == re.sub(r"\s", "", line)


def test_one_megabyte_of_prose():
    text = "Le chat dort. Il rêve de souris, etc. Puis il se réveille ! " * 17_000
    assert len(segment_text(text, "fr")) == 3 * 17_000


def test_learned_parameters_are_what_the_trainer_gives(parallel):
    from align.segment.punkt import data_text

    text = (parallel / "interview.fr.txt").read_text(encoding="utf-8")
    assert to_json(train([text], "fr")) == data_text("punkt_fr.json")


_ALPHABET = st.characters(codec="utf-8", exclude_categories=("Cs",))
_PIECES = st.sampled_from([". ", "? ", "! ", "… ", "\n", "\r\n", "\n\n", " « ", " » ", "\u202f?", "M. ", "etc. ",
                           "1. ", "• ", "【1】", "http://a.b/c. ", "3.5", "U.S. ", "a", "Le", " ", "\u00a0", "’"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.text(_ALPHABET, max_size=8), _PIECES), max_size=40), st.sampled_from(["en", "fr"]))
def test_offsets_and_concatenation(pieces, lang):
    text = "".join(pieces)
    sents = segment_text(text, lang)
    assert all(text[s.start:s.end] == s.text for s in sents)
    assert all(s.text and not s.text[0].isspace() and not s.text[-1].isspace() for s in sents)
    assert all(a.end <= b.start for a, b in pairwise(sents))
    assert re.sub(r"\s", "", "".join(s.text for s in sents)) == re.sub(r"\s", "", text)
    assert all(a.paragraph <= b.paragraph and a.block <= b.block for a, b in pairwise(sents))


_WORDS = st.sampled_from(["Le", "chat", "dort", "M", "etc", "U.S", "l’équipe", "a-t-il", "2019", "I", "x", "Mr",
                          "vs", "Paris", "how", "Il", "(voir", "e.g", "non", "co", "St", "V2", "mp3", "B2B", "(PKU)",
                          "[1]", '"Oui"', "(U.S)", "(x)", "x86", "A4", "v.", "MoE【2】", "a--b", "ab--c", "x&y"])


_TRAPS = st.sampled_from(["www.x.fr/a.b", "Jean.Dupont@x.fr", "Rapport.Final.docx", "3.5", "1 000,50", "27.01.2025",
                          "J. R. R. Tolkien", "J.-M. Le Pen", ". . .", "[...]", "1. ", "• 2. ", "a) ", "etc.",
                          "av. J.-C.", "world.Today", "【1】", "¹", "« Non. »", " ? ", "— ", "。", "\u00a0", "\t"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.text(_ALPHABET, max_size=6), _TRAPS, _WORDS), max_size=30))
def test_speed_shortcuts_change_nothing(pieces):
    """Rules gated once per text, and protect rules that cannot span whitespace skipped when
    every boundary is followed by a space, give what running every rule on every line gives."""
    from align.segment import boundaries, rules

    line = " ".join(pieces)
    every = boundaries.RuleSet(*(boundaries.rules_of(k) for k in (rules.SHIFT, rules.CONTINUE, rules.SPLIT)),
                               boundaries.rules_of(rules.PROTECT), boundaries.rules_of(rules.PROTECT))
    proposed = [m.end() for m in re.finditer(r"[.?!…。]", line)]
    assert boundaries.apply_rules(line, proposed, boundaries.rules_for(line)) == \
        boundaries.apply_rules(line, proposed, every)
    for r in boundaries.rules_of(rules.PROTECT):
        if not r.spans_space:
            assert not any(re.search(r"\s", line[a + 1:b]) for a, b in r.func(line)), r.name


@settings(max_examples=300, deadline=None)
@given(st.text(st.one_of(_ALPHABET, st.sampled_from(".?!…‽ \t\x1c\x1d\x1e\x1f\x85\u00a0\u2028\u3000\u180e«»’\")")),
               max_size=60), st.sampled_from(["en", "fr"]))
def test_candidate_pattern_is_nltks(text, lang):
    """Our ``re`` copy of Punkt's candidate pattern finds what NLTK's own (``regex``) finds."""
    from align.segment.punkt import candidates, tokenizer

    timed = tokenizer(lang)._lang_vars.period_context_re()
    theirs = getattr(timed, "_rx", timed)
    assert [(m.span(), m.group("next_tok")) for m in candidates(lang).finditer(text)] == \
        [(m.span(), m.group("next_tok")) for m in theirs.finditer(text)]


_LINE_PIECES = st.sampled_from([". ", "?", "!", "…", "。", "•", " ", "\t", "\u00a0", "\u2003", "\x1f", "»", ")", '"',
                                "\n", "\r\n", "\r", "\u2028", "\x1c", "\x85", "\n\n", "1.", "12)", "a)", "a.", "B.",
                                "Le", "chat", "M.", "etc.", " « Non. » ", "U.S.", "x", "1. ", "  2. "])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(_LINE_PIECES, st.text(_ALPHABET, max_size=4)), max_size=30), st.sampled_from(["en", "fr"]))
def test_line_by_line_path_is_the_paragraph_path(pieces, lang):
    """The one-pass path for texts with no soft wrap gives what the chunk-by-chunk path
    gives."""
    from align.segment import _SOFT_WRAP, _line_sentences, split_line
    from align.segment.boundaries import rules_for
    from align.segment.lines import chunks

    text = "".join(pieces).replace(" \n", "\n").replace("\t\n", "\n")
    rules = rules_for(text)
    expected = []
    for c in chunks(text):
        line = text[c.start:c.end]
        expected += [(c.start + a, c.start + b, c.paragraph, c.block) for a, b in split_line(line, lang, rules)]
    if _SOFT_WRAP.search(text):
        return  # a soft wrap may join lines: that text takes the chunk path
    got = _line_sentences(text, lang, rules, {})
    assert [(s.start, s.end, s.paragraph, s.block) for s in got] == expected
    assert all(text[s.start:s.end] == s.text for s in got)
