from align.segment import segment_text
from align.segment.langid import detect


def _texts(text, lang):
    return [s.text for s in segment_text(text, lang)]


def test_offsets_map_back_to_the_input():
    text = "Dr. Okafor arrived.  She spoke!\n\nM. Dupont a dit : « Non. » Puis il est parti."
    for s in segment_text(text, "fr"):
        assert text[s.start:s.end] == s.text


def test_english_abbreviations_do_not_end_sentences():
    assert _texts("Dr. Okafor met Mr. Smith in the U.S. last week. Then she left.", "en") == [
        "Dr. Okafor met Mr. Smith in the U.S. last week.", "Then she left."]


def test_french_abbreviations_do_not_end_sentences():
    assert _texts("M. Dupont et Mme Martin sont venus. Ils sont repartis.", "fr") == [
        "M. Dupont et Mme Martin sont venus.", "Ils sont repartis."]


def test_a_line_break_ends_a_heading_and_blank_lines_make_blocks():
    sents = segment_text("Looking ahead\nIt works.\n\nSecond passage.", "en")
    assert [s.text for s in sents] == ["Looking ahead", "It works.", "Second passage."]
    assert [s.block for s in sents] == [0, 0, 1]
    assert [s.paragraph for s in sents] == [0, 1, 2]


def test_french_spaced_question_mark():
    assert _texts("Q\u00a0: Pourquoi\u202f? Parce que.", "fr") == ["Q\u00a0: Pourquoi\u202f?", "Parce que."]


def test_language_of_a_sentence():
    assert detect("This is the model you can actually read.") == "en"
    assert detect("C’est le modèle que l’on peut vraiment lire.") == "fr"
