"""A sentence whose function words already say it is in the document's language keeps it.

Lingua was asked about every sentence of a French file, and on a short one it can be
sure and wrong: ``qudie Adieu mes pieds !`` (a made-up word, then French) was read as
English with confidence over ``MIN_SWITCH``, so the pipeline set it aside as English left
untranslated. The function-word gate (``langid.clearly_in``) settles such sentences first,
and only the others go to the detector (nine French sentences in ten are settled).
"""

from __future__ import annotations

import pytest

from align.segment import langid

lingua = pytest.importorskip("lingua")


def test_french_with_an_odd_word_stays_french_in_a_french_file():
    texts = ["qudie Adieu mes pieds !", "qudie Lequel est-ce ?", "qudie La Duchesse !"]
    assert langid.detect_many(texts, prior="fr") == ["fr", "fr", "fr"]


def test_english_left_in_a_french_file_is_still_found():
    texts = ["Le chat dort sur le tapis.", "Focus beats funding.", "This is the best thing we have ever built."]
    assert langid.detect_many(texts, prior="fr") == ["fr", "en", "en"]


def test_the_gate_only_settles_the_documents_own_language(monkeypatch):
    asked: list[str] = []
    real = langid._detect_each

    def spy(texts, candidates, prior):
        asked.extend(texts)
        return real(texts, candidates, prior)

    monkeypatch.setattr(langid, "_detect_each", spy)
    texts = ["Il est parti de la maison avec le chien.", "He left the house with the dog.", "2019"]
    assert langid.detect_many(texts, prior="fr") == ["fr", "en", "other"]
    assert asked == texts[1:]  # French settled; the English sentence and the number were asked
    asked.clear()
    langid.detect_many(texts)  # no document language: nothing is settled
    assert asked == texts


def test_without_a_function_word_list_every_sentence_is_asked():
    assert langid._clearly_prior(["Der Hund schläft."], ("de", "fr"), "de") == [False]
