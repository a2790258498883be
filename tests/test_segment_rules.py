"""One test per named rule of align.segment.rules, on the example its docstring gives.

``test_rule_is_needed`` also removes each rule and checks that its example then comes out
wrong, except for the few rules that only guard against a regression (Punkt already gets
their example right; they are listed in GUARDS with the reason).
"""

from contextlib import contextmanager

import pytest

from align.segment import boundaries, rules, segment_text

NBSP, NNBSP = "\u00a0", "\u202f"

CASES = {
    "closing_marks_after_stop": ("en", "It rose in 2020.[1] Then it fell.", ["It rose in 2020.[1]", "Then it fell."]),
    "lower_case_continuation": ("fr", "Elle dit « Non. » et il part. Fin.", ["Elle dit « Non. » et il part.", "Fin."]),
    "no_sentence_starts_with_punctuation": (
        "en", "Indicate the end of the sentence with a period . . . . Next sentence.",
        ["Indicate the end of the sentence with a period . . . .", "Next sentence."]),
    "missing_space_after_stop": ("en", "Hello world.Today is Tuesday.Mr. Smith went out.",
                                 ["Hello world.", "Today is Tuesday.", "Mr. Smith went out."]),
    "cjk_full_stop": ("fr", "好的。我们开始吧。", ["好的。", "我们开始吧。"]),
    "footnote_after_stop": ("fr", "Il a quitté la course.【3】 Les nouveaux entrants arrivent.",
                            ["Il a quitté la course.【3】", "Les nouveaux entrants arrivent."]),
    "french_spaced_question_exclamation": ("fr", f"Partez-vous{NNBSP}? Oui{NNBSP}! Demain.",
                                           [f"Partez-vous{NNBSP}?", f"Oui{NNBSP}!", "Demain."]),
    "dialogue_dash": ("fr", "Nous avons tout vu, etc. — Et alors, qu’avez-vous fait ?",
                      ["Nous avons tout vu, etc.", "— Et alors, qu’avez-vous fait ?"]),
    "final_abbreviation": ("fr", "César mourut en 44 av. J.-C. Auguste lui succéda.",
                           ["César mourut en 44 av. J.-C.", "Auguste lui succéda."]),
    "inline_enumeration": ("en", "1.) The first item 2.) The second item",
                           ["1.) The first item", "2.) The second item"]),
    "inline_bullet": ("fr", "• Le premier point • Le second point", ["• Le premier point", "• Le second point"]),
    "four_dot_ellipsis": ("en", "It was combining words into compounds. . . . The practice was not abandoned.",
                          ["It was combining words into compounds.", ". . . The practice was not abandoned."]),
    "urls": ("fr", "Voir https://exemple.fr/Rapport.Annuel pour les chiffres.",
             ["Voir https://exemple.fr/Rapport.Annuel pour les chiffres."]),
    "emails": ("fr", "Écrivez à Jean.Dupont@exemple.fr pour un rendez-vous.",
               ["Écrivez à Jean.Dupont@exemple.fr pour un rendez-vous."]),
    "file_names": ("fr", "Ouvrez Rapport.Final.docx puis README.md. Ensuite, relancez.",
                   ["Ouvrez Rapport.Final.docx puis README.md.", "Ensuite, relancez."]),
    "numbers": ("fr", f"Il a payé 1{NNBSP}000,50 € pour 3.5 kg, soit 1/30e du total, le 1er mai. "
                      f"Au XIXe s. la ville comptait 2{NNBSP}000 habitants.",
                [f"Il a payé 1{NNBSP}000,50 € pour 3.5 kg, soit 1/30e du total, le 1er mai.",
                 f"Au XIXe s. la ville comptait 2{NNBSP}000 habitants."]),
    "initials": ("fr", "Le prix revient à J. M. G. Le Clézio, qui a lu J.-M. Le Pen.",
                 ["Le prix revient à J. M. G. Le Clézio, qui a lu J.-M. Le Pen."]),
    "omission_ellipsis": ("en", "I mean . . . I didn’t mean it. \"Bohr [...] used the analogy.\"",
                          ["I mean . . . I didn’t mean it.", "\"Bohr [...] used the analogy.\""]),
    "list_marker": ("en", "1. The first item. 2. The second item.", ["1. The first item.", "2. The second item."]),
    "opening_marks_after_break": ("fr", "Il est parti. « Oui, dit-il. »", ["Il est parti.", "« Oui, dit-il. »"]),
    "lower_case_sentence_start": ("en", "Keep a heat lamp. as far as i know, it is fine. Is it direct? if not, walk.",
                                  ["Keep a heat lamp.", "as far as i know, it is fine.", "Is it direct?",
                                   "if not, walk."]),
    "url_ends_sentence": ("en", "See http://example.com/a.html Then go home.",
                          ["See http://example.com/a.html", "Then go home."]),
    "separator_line": ("en", "It is a helpful technique ---------- If you consider it. Fin.",
                       ["It is a helpful technique ----------", "If you consider it.", "Fin."]),
    "url_after_stop": ("en", "Read what officials say... http://www.example.com/news Thanks.",
                       ["Read what officials say...", "http://www.example.com/news", "Thanks."]),
    "mark_run_then_lower_case": ("en", "And bridges??? i find that hard. Fin.",
                                 ["And bridges???", "i find that hard.", "Fin."]),
    "ellipsis_then_capital": ("en", "They stopped the treatments.... Remember the old shoes.",
                              ["They stopped the treatments....", "Remember the old shoes."]),
    "spaced_semicolon_then_capital": ("fr", "Elle aime la paix ; Nous aussi. Fin.",
                                      ["Elle aime la paix ;", "Nous aussi.", "Fin."]),
    "starter_after_unpunctuated_end": ("en", "Thanks for the help Please call me. Bye.",
                                       ["Thanks for the help", "Please call me.", "Bye."]),
    "emoticon_ends_sentence": ("en", "Thanks for the tip :) The rest was easy. Bye.",
                               ["Thanks for the tip :)", "The rest was easy.", "Bye."]),
    "numbered_item_after_stop": ("en", "I think we have to reference it. 2. The attachment is missing.",
                                 ["I think we have to reference it.", "2. The attachment is missing."]),
}

# Rules whose example Punkt with our parameters already gets right: they guard it.
GUARDS = {
    "french_spaced_question_exclamation": "Punkt ends at ? and ! after a no-break space too",
    "numbers": "Punkt proposes no boundary without a space after the stop",
}


def _texts(text, lang):
    return [s.text for s in segment_text(text, lang)]


@contextmanager
def without(name):
    saved = list(rules.RULES)
    rules.RULES[:] = [r for r in saved if r.name != name]
    boundaries.rules_of.cache_clear()
    try:
        yield
    finally:
        rules.RULES[:] = saved
        boundaries.rules_of.cache_clear()


def test_every_rule_has_a_case():
    assert {r.name for r in rules.RULES} == set(CASES)


def test_every_rule_is_documented_with_an_example():
    for r in rules.RULES:
        assert "``" in r.doc, r.name


@pytest.mark.parametrize("name", sorted(CASES))
def test_rule_example(name):
    lang, text, expected = CASES[name]
    assert _texts(text, lang) == expected


@pytest.mark.parametrize("name", sorted(set(CASES) - set(GUARDS)))
def test_rule_is_needed(name):
    lang, text, expected = CASES[name]
    with without(name):
        assert _texts(text, lang) != expected


@pytest.mark.parametrize("lang, text", [
    ("fr", "Veltrane Inc. a été immatriculée. Fin."),  # an abbreviation of either language
    ("en", "We had fruit, etc. and then we left. Fin."),
    ("en", "Yahoo! in the accounting department. Fin."),  # a name ending in "!"
    ("fr", "Vraiment? demanda-t-il. Fin."),  # a French incise after "?"
    ("en", "It is e.g. this one. Fin."),
    ("en", "He said it is \"criminal.\" she said. Fin."),
    ("en", "See e.g. http://example.com for more. Fin."),  # no URL sentence after an abbreviation
    ("fr", "Vraiment ?! demanda-t-il. Fin."),  # an incise after a run of marks
])
def test_lower_case_start_only_after_a_plain_word(lang, text):
    assert _texts(text, lang)[0] == text.removesuffix(" Fin.")


def test_two_dots_then_capital_end_a_sentence():
    text = "He may be your Prince charming.. Edit: I was wrong."
    assert _texts(text, "en") == ["He may be your Prince charming..", "Edit: I was wrong."]
    with without("ellipsis_then_capital"):
        assert len(_texts(text, "en")) == 1


@pytest.mark.parametrize("lang, text", [
    ("fr", "Ce fut une union mal assortie ; M. Weston aurait dû y trouver le bonheur. Fin."),  # a name
    ("fr", "Et puis, du reste, Mabel, c’est Mabel ; Alice c’est Alice ! Fin."),
    ("en", "A Tempest, a Shipwreck, an Earthquake, and What Else Befell Dr. Pangloss. Fin."),  # a title
])
def test_no_cut_before_a_name_or_inside_a_title(lang, text):
    assert _texts(text, lang)[0] == text.removesuffix(" Fin.")


def test_a_greeting_is_followed_by_a_name():
    assert _texts("Please call me at noon Hi Mary, I need your help. Fin.", "en")[:2] == [
        "Please call me at noon", "Hi Mary, I need your help."]


def test_url_followed_by_lower_case_goes_on():
    assert _texts("Check out http://www.example.com lots of food there. Fin.", "en")[0] == (
        "Check out http://www.example.com lots of food there.")


def test_english_semicolon_and_spaced_ellipsis_end_nothing():
    assert len(_texts("Next is a pool for those who are trained; Then a family pool. Fin.", "en")) == 2
    assert _texts("the thing is . . . I didn’t mean it. Fin.", "en")[0] == "the thing is . . . I didn’t mean it."


def test_straight_quote_after_a_space_opens_or_closes_by_count():
    assert _texts('Il est à 0.8647. " J’ai senti le vent.', "fr") == ["Il est à 0.8647.", '" J’ai senti le vent.']
    assert _texts('" Qu’ils le fassent savoir. " Elle se remarie.', "fr") == [
        '" Qu’ils le fassent savoir. "', "Elle se remarie."]


def test_runs_of_marks_stay_together():
    assert _texts("You are in business!!! Fin.", "en") == ["You are in business!!!", "Fin."]


def test_a_run_of_ten_to_sixteen_stops_moves_no_boundary():
    """Punkt's view of a line keeps its length: a run of 9–16 stops once grew it and shifted
    every later boundary (``now. & I`` was cut after ``I``)."""
    text = "Please HELP!!!!!!!!!!!! If you can? I know it is late. And what food has pieces. Fin."
    assert _texts(text, "en") == ["Please HELP!!!!!!!!!!!!", "If you can?", "I know it is late.",
                                  "And what food has pieces.", "Fin."]


def test_an_ellipsis_may_open_a_sentence_after_a_stop():
    assert _texts("It goes on to this day. ...a drop in the birth rate. Fin.", "en") == [
        "It goes on to this day.", "...a drop in the birth rate.", "Fin."]


def test_a_capitalised_word_then_a_lower_case_start():
    assert _texts("Hope you enjoyed your weekend in Houston. looks fine to me. Fin.", "en")[:2] == [
        "Hope you enjoyed your weekend in Houston.", "looks fine to me."]


def test_etc_behind_a_bracket_ends_the_sentence():
    assert _texts("(Cubains, Sud-Africains, etc.) C’est ici.", "fr") == ["(Cubains, Sud-Africains, etc.)", "C’est ici."]


def test_ellipsis_then_lower_case_stays_inside():
    assert _texts("Il hésita… puis partit. Elle resta.", "fr") == ["Il hésita… puis partit.", "Elle resta."]


def test_inc_then_lower_case_continues():
    text = f"Q{NBSP}: Veltrane Inc. a été immatriculée en 2019."
    assert _texts(text, "fr") == [text]


def test_guillemets_after_stop():
    assert _texts(f"Elle dit «{NBSP}Non.{NBSP}» Puis elle part.", "fr") == [
        f"Elle dit «{NBSP}Non.{NBSP}»", "Puis elle part."]


def test_bullets_with_numbers():
    assert _texts("• 9. The first item • 10. The second item", "en") == ["• 9. The first item", "• 10. The second item"]


def test_question_mark_then_lower_case_continues():
    assert _texts("« Vraiment ? » demanda-t-il. Oui.", "fr") == ["« Vraiment ? » demanda-t-il.", "Oui."]


def test_closing_bracket_after_stop():
    assert _texts("(Voir plus bas.) Ensuite, on compare.", "fr") == ["(Voir plus bas.)", "Ensuite, on compare."]


def test_cjk_inline_does_not_split():
    text = "L’équipe DeepSeek (深度求索 en chinois) incarne l’excellence. Elle est jeune."
    assert _texts(text, "fr") == ["L’équipe DeepSeek (深度求索 en chinois) incarne l’excellence.", "Elle est jeune."]


def test_superscript_footnote():
    assert _texts("It rose in 1999.¹ Then it fell.", "en") == ["It rose in 1999.¹", "Then it fell."]


def test_us_question():
    assert _texts("Q: How do you compete with the salaries offered in the U.S.? Okafor: We do.", "en") == [
        "Q: How do you compete with the salaries offered in the U.S.?", "Okafor: We do."]


_FOREIGN_ABBREVIATIONS = [
    ("fr", "Il a rencontré Mr. Smith hier soir."),
    ("fr", "Elle a vu Mrs. Jones et Prof. Brown à Londres."),
    ("en", "We met Mme. Leroy at the station."),
    ("en", "We met Mlle. Leroy and Mgr. Dubois there."),
]


@pytest.mark.parametrize("lang, text", _FOREIGN_ABBREVIATIONS)
def test_the_other_languages_abbreviations(lang, text):
    assert _texts(text, lang) == [text]


def _clear_punkt_caches():
    from align.segment import punkt, punkt_spans, rules_real

    for f in (punkt.parameters, punkt.tokenizer, punkt.candidates, punkt_spans.span_finder,
              rules_real._abbreviations):
        f.cache_clear()


def test_the_other_languages_abbreviations_are_needed(monkeypatch):
    """Without data/abbrev_{other}_in_{lang}.txt, each example above is cut after each abbreviation."""
    from align.segment import punkt

    monkeypatch.setattr(punkt, "abbreviations", lambda lang: punkt.load_list(f"abbrev_{lang}.txt"))
    _clear_punkt_caches()
    try:
        for lang, text in _FOREIGN_ABBREVIATIONS:
            assert len(_texts(text, lang)) == 1 + text.count(". "), text
    finally:
        monkeypatch.undo()
        _clear_punkt_caches()
