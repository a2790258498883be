"""Sentence language (align.segment.langid)."""

from align.model import Sentence
from align.segment import segment_text
from align.segment.langid import by_language, detect, detect_by_function_words, detect_many, evidence, label


def test_untranslated_english_in_the_sample_is_found(parallel):
    text = (parallel / "interview.fr.txt").read_text(encoding="utf-8")
    labelled = label(segment_text(text, "fr"), prior="fr")
    english = [s.text for s in labelled if s.lang == "en"]
    assert english == ["Corvid is the model you can actually read.", "Focus beats funding.",
                       "Amara Okafor stands in front of the Grenoble cluster, May 2024."]


def test_english_original_is_all_english(parallel):
    text = (parallel / "interview.full.en.txt").read_text(encoding="utf-8")
    labelled = label(segment_text(text, "en"), prior="en")
    assert [s.text for s in labelled if s.lang != "en"] == []


def test_short_sentences():
    assert detect("Focus beats funding.") == "en"
    assert detect("Strong team.") == "en"
    assert detect("Très surpris.") == "fr"
    assert detect("La Silicon Valley est sous le choc.") == "fr"
    assert detect("Qui est DeepSeek ?") == "fr"


def test_other():
    assert detect("好的。我们开始吧。") == "other"
    assert detect("2019") == "other"
    assert detect("") == "other"


def test_names_only_take_the_document_language():
    assert detect("DeepSeek #IA #Innovation #Chine", prior="fr") == "fr"


def test_evidence_drops_label_and_names():
    assert evidence("An Yong : Qui est DeepSeek ?") == "Qui est ?"


def test_detect_many_matches_detect():
    texts = ["Focus beats funding.", "Très surpris.", "2019"]
    assert detect_many(texts) == [detect(t) for t in texts]


def test_function_word_fallback():
    assert detect_by_function_words("This is the model you can actually read.") == "en"
    assert detect_by_function_words("C’est le modèle que l’on peut vraiment lire.") == "fr"


def test_by_language_keeps_order():
    sents = (Sentence("a", 0, 1, lang="fr"), Sentence("b", 2, 3, lang="en"), Sentence("c", 4, 5, lang="fr"))
    groups = by_language(sents)
    assert [s.text for s in groups["fr"]] == ["a", "c"] and [s.text for s in groups["en"]] == ["b"]


def test_tico19_french_segments_are_french(shared):
    import re

    sgm = (shared / "terms" / "tico19-en-fr" / "dev.en-fr.fr.sgm").read_text(encoding="utf-8")
    segs = [re.sub(r"<[^>]+>", "", m) for m in re.findall(r"<seg[^>]*>(.*?)</seg>", sgm)][:300]
    found = detect_many(segs)
    assert sum(lang == "fr" for lang in found) / len(segs) > 0.98


def test_function_word_gate_only_says_clearly_french():
    from align.segment.langid import clearly_in

    assert clearly_in("Le modèle est ouvert à tous les clients.", "fr", "en")
    assert not clearly_in("The model is open to all customers.", "fr", "en")
    assert not clearly_in("Focus beats funding.", "fr", "en")
    assert not clearly_in("Veltrane Corvid GPU", "fr", "en")
