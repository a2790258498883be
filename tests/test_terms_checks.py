"""Each check with French examples: one-line passes()/fails() helpers (translate-toolkit style)."""

from __future__ import annotations

import pytest

from align.model import TermEntry, TranslationUnit
from align.terms import CHECKS, check_document

LLM = TermEntry("large language model", ("grand modèle de langage",))
STARTUP = TermEntry("startup", ("start-up",), forbidden=("jeune pousse",))
VELTRANE = TermEntry("Veltrane", ("Veltrane",), "company name, never translated")
UNIVERSITY = TermEntry("University", ("université",))
WHO = TermEntry("WHO", ("OMS",))
TRAINING_DATA = TermEntry("training data", ("données d’entraînement",))


def found(check, source, target, glossary=(), context=()):
    """Findings of ``check`` on the pair (bead b1), with optional context pairs around it."""
    units = [TranslationUnit(s, t, f"c{k}") for k, (s, t) in enumerate(context)]
    units.append(TranslationUnit(source, target, "b1"))
    report = check_document(units, glossary, only={check}, discover_terms=False)
    return [f for f in report.findings if f.bead == "b1"]


def passes(check, source, target, glossary=(), context=()):
    assert not found(check, source, target, glossary, context), (check, source, target)


def fails(check, source, target, glossary=(), context=()):
    assert found(check, source, target, glossary, context), (check, source, target)


# term_missing ---------------------------------------------------------------------------

def test_missing_rendering_is_an_error():
    fails("term_missing", "It trains a large language model.", "Il entraîne un modèle de langage de grande taille.",
          [LLM])


def test_inflection_lifts_the_failure():
    passes("term_missing", "They train large language models.", "Ils entraînent de grands modèles de langage.", [LLM])


def test_case_accents_and_elision():
    passes("term_missing", "The University is old.", "L'Université est ancienne.", [UNIVERSITY])
    passes("term_missing", "The University is old.", "L’UNIVERSITE est ancienne.", [UNIVERSITY])
    passes("term_missing", "We need training data.", "Il faut des données d'entraînement.", [TRAINING_DATA])


def test_hyphen_space_and_joined_variants():
    for target in ("la start-up grandit", "la start up grandit", "la startup grandit", "les start-ups grandissent"):
        passes("term_missing", "The startup grows.", target, [STARTUP])


def test_content_words_with_another_preposition():
    entry = TermEntry("difficulty breathing", ("difficultés à respirer",))
    passes("term_missing", "any difficulty breathing?", "des difficultés pour respirer ?", [entry])


def test_source_side_needs_the_term_itself():
    # "who" is not the acronym WHO: acronyms are case-sensitive, so there is nothing to check.
    passes("term_missing", "Those who came.", "Ceux qui sont venus.", [WHO])
    fails("term_missing", "The WHO said so.", "L'organisation l'a dit.", [WHO])


def test_longest_match_wins():
    model = TermEntry("model", ("modèle",))
    lm = TermEntry("language model", ("modèle de langue",))
    hits = found("term_missing", "A language model.", "Un modèle de langage.", [model, lm])
    assert [f.term for f in hits] == ["language model"]


def test_morphology_never_creates_a_failure():
    # the source says "modelling" (not the term "model"): no occurrence, so no finding.
    passes("term_missing", "Modelling is hard.", "La modélisation est difficile.", [TermEntry("model", ("modèle",))])


# term_forbidden, term_dnt_changed -------------------------------------------------------

def test_forbidden_variant():
    fails("term_forbidden", "A startup that sells.", "Une jeune pousse qui se vend.", [STARTUP])
    fails("term_forbidden", "Startups that sell.", "Des jeunes pousses qui se vendent.", [STARTUP])
    passes("term_forbidden", "A startup that sells.", "Une start-up qui se vend.", [STARTUP])


def test_do_not_translate():
    hits = found("term_dnt_changed", "Where do you see Veltrane?", "Où voyez-vous Veltranne ?", [VELTRANE])
    assert hits and hits[0].found == "Veltranne"
    passes("term_dnt_changed", "Where do you see Veltrane?", "Où voyez-vous Veltrane ?", [VELTRANE])
    fails("term_dnt_changed", "Veltrane grows.", "L’entreprise grandit.", [VELTRANE])


# term_inconsistent ----------------------------------------------------------------------

def test_minority_rendering_of_a_glossary_term():
    entry = TermEntry("startup", ("start-up", "jeune entreprise"))
    context = [("The startup grows.", "La start-up grandit."), ("A startup hires.", "Une start-up embauche.")]
    fails("term_inconsistent", "The startup sells.", "La jeune entreprise vend.", [entry], context)
    passes("term_inconsistent", "The startup sells.", "La start-up vend.", [entry], context)


def test_discovered_term_rendered_two_ways():
    pairs = [("The cluster is in Grenoble.", "Le cluster est à Grenoble."),
             ("Our cluster runs all night.", "Notre cluster tourne toute la nuit."),
             ("The cluster is cooled by water.", "Le cluster est refroidi à l'eau."),
             ("This cluster was expensive.", "Ce supercalculateur a coûté cher."),
             ("A cluster needs power.", "Un supercalculateur consomme de l'énergie.")]
    # filler: a pair is only significant against chance in a text where the term is not everywhere
    filler = [(f"We met on day {i} and spoke at length.", f"Nous nous sommes vus le jour {i} et avons parlé.")
              for i in range(80)]
    units = [TranslationUnit(s, t, f"b{k}") for k, (s, t) in enumerate(pairs + filler)]
    report = check_document(units, (), only={"term_inconsistent"})
    assert {f.bead for f in report.findings if f.term == "cluster"} == {"b3", "b4"}


# numbers ---------------------------------------------------------------------------------

@pytest.mark.parametrize("source, target", [
    ("1,000.5 people", "1 000,5 personnes"),
    ("1,200 GPUs", "1\u202f200 GPU"),
    ("50% of them", "50\u00a0% d’entre eux"),
    ("$40 million", "40 millions de dollars"),
    ("30 billion parameters", "30 milliards de paramètres"),
    ("3.5 times cheaper", "3,5 fois moins cher"),
    ("10 countries", "dix pays"),
    ("in the 1930s", "dans les années 30"),
])
def test_numbers_equal_in_both_locales(source, target):
    passes("number_changed", source, target)


def test_number_changed():
    fails("number_changed", "We run 1,200 GPUs.", "Nous exploitons 1\u202f100 GPU.")
    fails("number_changed", "frames 1a and 1b", "cadres 8a et 1b")


# names -----------------------------------------------------------------------------------

GRENOBLE = [("Grenoble is cold.", "Grenoble est froide."), ("Near Grenoble.", "Près de Grenoble.")]


def test_name_not_kept():
    fails("name_not_kept", "We live in Grenoble now.", "Nous vivons dans les Alpes.", context=GRENOBLE)
    passes("name_not_kept", "We live in Grenoble now.", "Nous vivons à Grenoble.", context=GRENOBLE)


def test_legitimate_localisation_of_acronyms():
    passes("name_not_kept", "Ask the WHO and the EU about AI.", "Demandez à l’OMS et à l’UE ce qu’est l’IA.")
    passes("name_not_kept", "Our NLP tools.", "Nos outils de TAL.")


def test_translated_capitalised_words_are_not_names():
    passes("name_not_kept", "See you on Monday.", "À lundi.")


def test_name_variant():
    context = [("Veltrane grows.", "Veltrane grandit."), ("We met Veltrane.", "Nous avons vu Veltrane.")]
    fails("name_variant", "Where is Veltrane?", "Où est Veltranne ?", context=context)
    passes("name_variant", "Where is Veltrane?", "Où est Veltrane ?", context=context)


def test_name_variant_tie_is_decided_by_the_source():
    context = [("We met Veltrane.", "Nous avons vu Veltrane.")]
    fails("name_variant", "Where is Veltrane?", "Où est Veltranne ?", context=context)


def test_name_variant_on_a_translation_alone():
    units = [TranslationUnit("", t, f"t{k}") for k, t in
             enumerate(["Veltrane grandit.", "Nous avons vu Veltrane.", "Où est Veltranne ?"])]
    report = check_document(units)
    assert [f.bead for f in report.findings if f.check == "name_variant"] == ["t2"]


# untranslated, repeated segments ---------------------------------------------------------

def test_untranslated():
    fails("untranslated", "Corvid is the model you can read.", "Corvid is the model you can actually read.")
    passes("untranslated", "Corvid is the model you can read.", "Corvid est le modèle que l’on peut lire.")


def test_untranslated_short_lines_and_lines_of_names():
    fails("untranslated", "A strong team.", "Strong team.")
    # Names and tags carry no language: the document's language wins unless the detector is sure.
    passes("untranslated", "Veltrane #AI #Innovation #France", "Veltrane #IA #Innovation #France")


def test_same_source_different_targets():
    context = [("Thank you.", "Merci beaucoup."), ("Thank you.", "Merci beaucoup.")]
    fails("source_inconsistent", "Thank you.", "Je vous remercie.", context=context)
    passes("source_inconsistent", "Thank you.", "Merci beaucoup.", context=context)


def test_repeated_segment_message_says_how_different_the_renderings_are():
    from align.terms.checks_segments import how_different

    assert how_different("Merci beaucoup !", "Merci beaucoup.").endswith("minor variant")
    assert how_different("Je vous remercie.", "Merci beaucoup.").endswith("different translation")
    targets = ("Merci beaucoup.", "Merci beaucoup.", "Merci beaucoups.")
    units = [TranslationUnit("Thank you.", t, f"b{k}") for k, t in enumerate(targets, 1)]
    [finding] = [f for f in check_document(units).findings if f.check == "source_inconsistent"]
    assert finding.bead == "b3" and "minor variant" in finding.message


def test_different_sources_same_target():
    context = [("The model is open.", "Le modèle est ouvert à tous.")]
    fails("target_shared", "The code is open.", "Le modèle est ouvert à tous.", context=context)
    passes("target_shared", "The code is open.", "Le code est ouvert à tous.", context=context)


# registry ----------------------------------------------------------------------------------

def test_every_check_has_a_title_a_severity_and_a_test():
    import pathlib

    here = pathlib.Path(__file__).parent
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(here.glob("test_terms*.py")))
    for c in CHECKS.values():
        assert c.title and c.severity in ("error", "warning") and "``" not in c.title
        assert f'fails("{c.id}"' in text or f'only={{"{c.id}"}}' in text or f'== "{c.id}"' in text, c.id


def test_finding_ids_are_stable_and_survive_renumbering():
    a = found("term_missing", "A large language model.", "Un modèle de langage de grande taille.", [LLM])
    b = found("term_missing", "A large language model.", "Un modèle de langage de grande taille.", [LLM],
              context=[("Hello.", "Bonjour.")])
    assert a[0].id == b[0].id and a[0].id.startswith("term_missing-")


def test_ignore_drops_accepted_findings():
    units = [TranslationUnit("A large language model.", "Un modèle de langage de grande taille.", "b1")]
    first = check_document(units, [LLM], discover_terms=False)
    again = check_document(units, [LLM], discover_terms=False, ignore={f.id for f in first.findings})
    assert first.findings and not again.findings and again.ignored == len(first.findings)


def test_a_relational_adjective_renders_its_noun():
    flu = TermEntry("influenza", ("grippe",))
    passes("term_missing", "the influenza season", "la saison grippale", [flu])
    fails("term_missing", "the influenza season", "la saison des pluies", [flu])
