"""The QA checks a French reviewer expects beside the term checks, translate-toolkit style.

One-line ``passes()``/``fails()`` per check; document-level checks (spacing, apostrophes,
place names) get the rest of the document through ``context``.
"""

from __future__ import annotations

from align.model import TranslationUnit
from align.terms import check_document
from align.terms.settings import CheckSettings, IgnoreRule, from_mapping
from tests.test_terms_checks import fails, found, passes

NB, NN = "\u00a0", "\u202f"
SPACED = [("Q: Why?", f"Q{NB}: Pourquoi{NN}?"), ("Yes!", f"Oui{NN}!"), ("He said: no.", f"Il a dit{NB}: non."),
          ("A «word».", f"Un «{NB}mot{NB}»."), ("Well; fine.", f"Bon{NN}; d’accord."), ("Who?", f"Qui{NN}?")]


# French typography ---------------------------------------------------------------------

def test_spacing_follows_the_document():
    fails("fr_spacing", "Are you leaving?", "Partez-vous ?", context=SPACED)
    passes("fr_spacing", "Are you leaving?", f"Partez-vous{NN}?", context=SPACED)
    fails("fr_spacing", "Paperwork", "de la « paperasse »", context=SPACED)
    fails("fr_spacing", "Are you leaving?", f"Partez-vous{NB}?", context=SPACED)  # the document uses U+202F
    # a text spaced with ordinary spaces throughout is consistent: only a glued mark is a fault
    plain = [("Why?", "Pourquoi ?"), ("Yes!", "Oui !"), ("So:", "Donc :")]
    passes("fr_spacing", "Are you leaving?", "Partez-vous ?", context=plain)
    fails("fr_spacing", "Are you leaving?", "Partez-vous?", context=plain)


def test_spacing_ignores_times_urls_and_smileys():
    for target in ("à 10:30 précises", "voir https://example.org/a?b=c", "merci ;)", f"quoi{NN}?!"):
        passes("fr_spacing", "x", target, context=SPACED)


def test_english_quotes_in_french():
    fails("fr_quotes", 'He said "no".', "Il a dit “non”.")
    fails("fr_quotes", 'He said "no".', 'Il a dit "non".')
    passes("fr_quotes", 'He said "no".', "Il a dit « non ».")
    passes("fr_quotes", "Nested", "« Il a dit “non” hier »")  # second-level quotes inside « »
    passes("fr_quotes", "5 inches", "un écran de 5\"")


def test_mixed_apostrophes():
    ctx = [("a", "l’arbre"), ("b", "c’est"), ("c", "d’accord")]
    fails("mixed_apostrophes", "It is", "c'est", context=ctx)
    passes("mixed_apostrophes", "It is", "c’est", context=ctx)


# words and spaces -----------------------------------------------------------------------

def test_repeated_words():
    fails("repeated_word", "The cat.", "Le le chat dort sur le tapis.")
    passes("repeated_word", "We met.", "Nous nous sommes rencontrés.")
    passes("repeated_word", "It is very very old.", "C’est très très vieux.")


def test_double_space():
    fails("double_space", "The cat sleeps.", "Le chat  dort.")
    passes("double_space", "The cat sleeps.", "Le chat dort.")
    passes("double_space", "Name:  Paul", "Nom :  Paul")  # the source is laid out that way


def test_edge_whitespace():
    fails("edge_whitespace", " Hello", "Bonjour")
    fails("edge_whitespace", "Hello", "Bonjour ")
    passes("edge_whitespace", " Hello ", " Bonjour ")


def test_identical_to_source():
    fails("identical", "Thank you very much.", "Thank you very much.")
    for text in ("GPU", "Veltrane", "Silicon Valley", "2019", "https://example.org", "COVID-19"):
        passes("identical", text, text)


# codes ----------------------------------------------------------------------------------

def test_urls_and_emails():
    fails("url_changed", "See https://example.org/help.", "Voir https://example.fr/aide.")
    passes("url_changed", "See https://example.org/help.", "Voir https://example.org/help.")
    fails("email_changed", "Write to help@example.org.", "Écrivez à aide@example.org.")
    passes("email_changed", "Write to help@example.org.", "Écrivez à help@example.org.")


def test_codes():
    fails("code_changed", "The A320 and the H1N1 virus.", "L’A321 et le virus H1N1.")
    passes("code_changed", "COVID-19 and SARS-CoV-2.", "La COVID-19 et le SRAS-CoV-2.")  # a localised acronym part
    passes("code_changed", "In the 1930s, on the 2nd, 5km away.", "Dans les années 1930, le 2, à 5 km.")
    passes("code_changed", "a 30-day supply, COVID-19-induced", "30 jours de stock, due à la COVID-19")
    passes("code_changed", "the WIV1 virus", "le virus WIV1-CoV")  # kept inside a longer code


def test_placeholders_and_tags():
    fails("placeholder_changed", "Hello {0}, you have %s messages.", "Bonjour, vous avez %s messages.")
    fails("placeholder_changed", "Click <b>here</b>.", "Cliquez ici.")
    fails("placeholder_changed", "Click here.", "Cliquez <b>ici</b>.")  # added
    passes("placeholder_changed", "Hello {name}, %1$s <b>new</b>", "Bonjour {name}, %1$s <b>nouveau</b>")
    passes("placeholder_changed", "About 35% of $40 million", "Environ 35 % de 40 millions de dollars")


# numbers --------------------------------------------------------------------------------

def test_roman_numerals():
    passes("number_changed", "Chapter IV", "Chapitre IV")
    passes("number_changed", "Chapter IV", "Chapitre 4")
    passes("number_changed", "in the 20th century", "au XXe siècle")
    fails("number_changed", "in the 20th century", "au XIXe siècle")
    fails("number_changed", "Louis XIV", "Louis XV")
    passes("number_changed", "I think so.", "Je le pense.")  # the pronoun is not a numeral


def test_spelled_out_numbers():
    passes("number_changed", "twenty-five people", "25 personnes")
    passes("number_changed", "25 people", "vingt-cinq personnes")
    passes("number_changed", "ninety-seven", "quatre-vingt-dix-sept")
    fails("number_changed", "two engineers", "trois ingénieurs")
    passes("number_changed", "one day", "un beau jour")
    passes("number_changed", "over one hundred children", "plus d’une centaine d’enfants")


def test_french_number_conventions():
    fails("number_format", "3.5 times cheaper", "3.5 fois moins cher")
    fails("number_format", "1,200 GPUs", "1,200 GPU")
    passes("number_format", "3.5 times cheaper", "3,5 fois moins cher")
    passes("number_format", "1,200 GPUs", f"1{NN}200 GPU")
    passes("number_changed", "3.5 times cheaper", "3.5 fois moins cher")  # one fact: the format, not the value


# names ----------------------------------------------------------------------------------

def test_a_place_written_two_ways():
    ctx = [(f"In Beijing {i}.", f"À Pékin {i}.") for i in range(4)]
    fails("name_two_ways", "Beijing again.", "Encore Beijing.", context=ctx)
    passes("name_two_ways", "Beijing again.", "Encore Pékin.", context=ctx)
    passes("name_two_ways", "London and Moscow.", "Londres et Moscou.")
    ctx = [(f"In England {i}.", f"En Angleterre {i}.") for i in range(2)]
    passes("name_two_ways", "Public Health England", "l’agence Public Health England", context=ctx)


def test_an_acronym_rendered_in_french_is_kept():
    ctx = [("AI is here.", "L’IA est là."), ("More AI.", "Plus d’IA.")]
    passes("name_not_kept", "AI changes everything.", "L’intelligence artificielle change tout.", context=ctx)
    passes("name_not_kept", "AI changes everything.", "L’IA change tout.", context=ctx)


# completeness ---------------------------------------------------------------------------

def test_omission_is_a_source_without_translation():
    fails("omission", "It paid the salaries.", "")
    passes("omission", "It paid the salaries.", "Cela payait les salaires.")


def test_length_mismatch():
    ctx = [(f"This is sentence number {w} of the text, long enough to count.",
            f"Ceci est la phrase numéro {w} du texte, assez longue pour compter.") for w in "abcdefgh"]
    fails("length_mismatch", "The company was founded in Lyon by three engineers who were tired of waiting.",
          "Fondée à Lyon.", context=ctx)
    passes("length_mismatch", "The company was founded in Lyon by three engineers who were tired of waiting.",
           "L’entreprise a été fondée à Lyon par trois ingénieurs las d’attendre.", context=ctx)


# one fact, one finding; the project's settings -------------------------------------------

def test_an_untranslated_paragraph_is_one_finding():
    units = [TranslationUnit("", "Veltranne is the model you can actually read.", "t1")] + [
        TranslationUnit("", f"Veltrane est là {i}.", f"t{i + 2}") for i in range(4)]
    report = check_document(units, discover_terms=False)
    assert [f.check for f in report.findings if f.bead == "t1"] == ["untranslated"]


def test_settings_switch_checks_off_and_change_severity():
    units = [TranslationUnit("The cat.", "Le le chat dort sur le tapis.", "b1")]
    assert check_document(units, settings=CheckSettings(disabled=frozenset({"repeated_word"}))).findings == ()
    sev = check_document(units, settings=CheckSettings(severities=(("repeated_word", "error"),))).findings
    assert [(f.check, f.severity) for f in sev] == [("repeated_word", "error")]


def test_ignore_rules_by_term_and_check():
    units = [TranslationUnit("It is 1,200.", "C’est 1 100.", "b1")]
    rule = CheckSettings(ignore_rules=(IgnoreRule("1,200", "number_changed"),))
    report = check_document(units, settings=rule)
    assert not report.findings and report.ignored == 1
    other = CheckSettings(ignore_rules=(IgnoreRule("1,200", "name_not_kept"),))
    assert [f.check for f in check_document(units, settings=other).findings] == ["number_changed"]


def test_intentional_english_is_not_untranslated():
    units = [TranslationUnit("", "Focus beats funding, they say.", "t1"),
             TranslationUnit("", "Corvid is the model you can actually read.", "t2")]
    settings = CheckSettings(intentional_english=("Corvid is the model you can actually read",))
    checks = {f.bead for f in check_document(units, settings=settings).findings if f.check == "untranslated"}
    assert checks == {"t1"}


def test_settings_from_a_profile_are_validated():
    s = from_mapping({"disable": ["double_space"], "severity": {"fr_quotes": "error"},
                      "ignore": [{"term": "Corvid", "check": "name_not_kept"}, "term_missing-0123456789"],
                      "intentional_english": ["Focus beats funding."]}, ["double_space", "fr_quotes", "name_not_kept"])
    assert not s.enabled("double_space") and s.severity("fr_quotes", "warning") == "error"
    assert s.ignore_ids == {"term_missing-0123456789"} and s.english_on_purpose("FOCUS beats funding")
    import pytest

    from align.errors import DataError
    for bad in ({"disable": ["no_such_check"]}, {"severity": {"fr_quotes": "fatal"}}, {"colour": 1}):
        with pytest.raises(DataError):
            from_mapping(bad, ["fr_quotes"])


def test_findings_carry_the_unit_type_confidence_and_group():
    units = [TranslationUnit("The cat.", "Le le chat dort sur le tapis.", "b1", 0.42, "2-1"),
             TranslationUnit("The dog.", "Le le chien dort sur le tapis.", "b2", 0.9, "1-1")]
    fs = found("repeated_word", "x", "y", context=[]) + list(check_document(units).findings)
    assert {(f.bead, f.unit_type, f.confidence) for f in fs} == {("b1", "2-1", 0.42), ("b2", "1-1", 0.9)}
    assert len({f.group for f in fs}) == 1


# discovery proposes terms, not words --------------------------------------------------------

def test_termhood_on_both_sides():
    from align.terms.termhood import significant, source_termlike, target_termlike

    assert not target_termlike("monde", "AI", "acronym", "fr")
    assert target_termlike("IA", "AI", "acronym", "fr") and target_termlike("intelligence artificielle", "AI",
                                                                           "acronym", "fr")
    for word in ("money", "world", "first", "clinical", "confirmed", "March"):
        assert not source_termlike(word, "ngram", "en"), word
    assert source_termlike("large language model", "ngram", "en") and source_termlike("startup", "ngram", "en")
    assert not target_termlike("matériel", "money", "ngram", "fr")
    assert not target_termlike("États-Unis recommandent", "Disease Control and Prevention", "ngram", "fr")
    assert significant(2, 5, 2, 1000) and not significant(3, 5, 3, 5)


def test_no_discovered_pair_like_ai_monde():
    world = [(f"AI and the world, part {i}.", f"L’intelligence et le monde, partie {i}.") for i in range(6)]
    other = [(f"The world is large {i}.", f"Le monde est vaste {i}.") for i in range(6)]
    filler = [(f"We spoke on day {i}.", f"Nous avons parlé le jour {i}.") for i in range(60)]
    units = [TranslationUnit(s, t, f"b{k}") for k, (s, t) in enumerate(world + other + filler)]
    report = check_document(units, (), only={"term_inconsistent"})
    pairs = {(t.term, t.expected) for t in report.terms}
    assert not any(r == "monde" for _, r in pairs), pairs


def test_a_repeated_glossary_entry_is_not_always_do_not_translate():
    from align.model import TermEntry

    sars = TermEntry("SARS", ("SARS",))
    passes("term_dnt_changed", "SARS spread in 2003.", "Le SRAS s’est propagé en 2003.", [sars])  # the French form
    fails("term_dnt_changed", "SARS spread in 2003.", "Le SRAS s’est propagé en 2003.",
          [TermEntry("SARS", ("SARS",), do_not_translate=True)])  # the glossary says so explicitly
    infection = TermEntry("infection", ("infection",))
    passes("term_dnt_changed", "People with the infection.", "Les personnes infectées.", [infection])
    passes("term_missing", "Infection rates.", "Les taux d’infections.", [infection])
