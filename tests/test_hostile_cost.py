"""Hostile input, cost: nothing the pipeline does may grow faster than its input.

Behaviour, not timings: each test checks the property that keeps a cost linear (a value
built once, a sample of bounded size), and ``scripts/bench_scaling.py`` shows the times.
"""

from __future__ import annotations

from click.testing import CliRunner

from align.cli import main
from align.model import Document, Sentence
from align.pipeline import run_pair
from align.segment import langid


def _doc(n: int) -> Document:
    return Document(tuple(Sentence(f"Sentence {i}.", 0, 0) for i in range(n)), "en")


def test_document_texts_are_built_once():
    """``Document.texts`` was a property rebuilt for every unit (beads x sentences)."""
    doc = _doc(1000)
    assert doc.texts is doc.texts
    assert doc.texts == tuple(f"Sentence {i}." for i in range(1000))


def test_document_texts_do_not_change_equality():
    assert _doc(3) == _doc(3)
    assert "texts" not in repr(_doc(1))


def test_units_never_rebuild_the_sentence_list(monkeypatch):
    """A counting probe: ``run_pair`` reads each side's texts without rebuilding them per unit."""
    calls = []
    original = Document.__post_init__

    def counting(self):
        calls.append(len(self.sentences))
        original(self)

    monkeypatch.setattr(Document, "__post_init__", counting)
    en = "\n".join(f"Line number {i} says hello to the world." for i in range(60))
    fr = "\n".join(f"La ligne numéro {i} dit bonjour au monde." for i in range(60))
    result = run_pair(en, fr)
    assert len(result.units) >= 50
    assert len(calls) <= 4  # one per document, whatever the number of units


class _Recorder:
    """A stand-in for Lingua that records how much text it was given."""

    def __init__(self) -> None:
        self.longest = 0

    def detect_languages_in_parallel_of(self, texts):
        self.longest = max([self.longest, *map(len, texts)])
        return [None for _ in texts]

    def compute_language_confidence_values_in_parallel(self, texts):
        self.longest = max([self.longest, *map(len, texts)])
        return [[] for _ in texts]

    def compute_language_confidence_values(self, text):
        self.longest = max(self.longest, len(text))
        return []


def test_language_detection_reads_a_bounded_sample(monkeypatch):
    """A 48 MB one-line target took 6.3 GB: Lingua was given the whole sentence."""
    recorder = _Recorder()
    monkeypatch.setattr(langid, "_lingua", lambda _c: recorder)
    # English in a French file: not settled by its French function words, so Lingua is asked.
    huge = "the cat sleeps on the mat " * 200_000  # 5.2 MB, one sentence
    langid.detect_many([huge, "The cat sleeps."], prior="fr")
    assert 0 < recorder.longest <= langid.MAX_EVIDENCE


def test_a_huge_sentence_is_still_labelled_by_its_language():
    huge = "Le chat dort sur le tapis de la maison et nous sommes contents. " * 50_000
    assert langid.detect_many([huge], prior="fr") == ["fr"]


def test_one_short_french_sentence_keeps_its_units(tmp_path):
    """``Le chat dort.`` was labelled English (Lingua 0.53): the pair got 0 units."""
    (tmp_path / "en.txt").write_text("The cat is asleep.\n", encoding="utf-8")
    (tmp_path / "fr.txt").write_text("Le chat dort.\n", encoding="utf-8")
    r = CliRunner().invoke(main, ["run", str(tmp_path / "en.txt"), str(tmp_path / "fr.txt"),
                                  "-o", str(tmp_path / "out"), "-q"])
    assert r.exit_code == 0, r.output
    rows = (tmp_path / "out" / "alignment.tsv").read_text(encoding="utf-8").splitlines()
    assert any("Le chat dort." in row and "The cat is asleep." in row for row in rows)


def test_english_left_in_a_french_file_is_still_found():
    """The document prior must not hide real untranslated English (the tool's main check)."""
    found = langid.detect_many(["Le chat dort.", "Thanks for your patience with us.", "Focus beats funding."],
                               prior="fr")
    assert found == ["fr", "en", "en"]


def test_confidence_is_reported():
    assert langid.confidence("Thanks for your patience with us.", "en") > 0.9
    assert langid.confidence("Le chat dort.", "en") < langid.MIN_SWITCH


def test_the_language_decision_is_reported_with_its_confidence(tmp_path):
    """Item 6: which sentences were judged to be in the source language, and how sure that was."""
    (tmp_path / "en.txt").write_text("The cat is asleep.\nThe dog is barking loudly.\n", encoding="utf-8")
    (tmp_path / "fr.txt").write_text("Le chat dort.\nThanks for your patience with us.\nLe chien aboie fort.\n",
                                     encoding="utf-8")
    r = CliRunner().invoke(main, ["run", str(tmp_path / "en.txt"), str(tmp_path / "fr.txt"),
                                  "-o", str(tmp_path / "out")])
    assert r.exit_code == 0, r.output
    sure = langid.confidence("Thanks for your patience with us.", "en")
    assert sure >= langid.MIN_SWITCH
    line = next(x for x in r.output.splitlines() if x.startswith("language:"))
    assert line == f"language: 1 target sentence in en, not fr (detector confidence {sure:.2f} to {sure:.2f}; " \
                   "the rest kept as fr)"
    unaligned = (tmp_path / "out" / "unaligned.tsv").read_text(encoding="utf-8")
    assert f"untranslated: en text in the fr file (language confidence {sure:.2f})" in unaligned
    findings = (tmp_path / "out" / "findings.json").read_text(encoding="utf-8")
    assert f"(language confidence {sure:.2f})" in findings


def test_no_language_line_when_every_sentence_keeps_its_documents_language(tmp_path):
    (tmp_path / "en.txt").write_text("The cat is asleep.\n", encoding="utf-8")
    (tmp_path / "fr.txt").write_text("Le chat dort.\n", encoding="utf-8")
    r = CliRunner().invoke(main, ["run", str(tmp_path / "en.txt"), str(tmp_path / "fr.txt"),
                                  "-o", str(tmp_path / "out")])
    assert r.exit_code == 0, r.output
    assert not any(x.startswith("language:") for x in r.output.splitlines())


def test_the_source_language_is_judged_on_a_bounded_sample(tmp_path):
    """Every source sentence was sent to the detector only to warn about swapped files."""
    from align.pipeline import segment_document

    text = "".join(f"The cat number {i} is asleep.\n" if i % 3 else f"Le chat numéro {i} dort ici.\n"
                   for i in range(40))
    full = segment_document(text, "en", sample=0)
    part = segment_document(text, "en", sample=7)
    judged = [i for i, s in enumerate(part.sentences) if s.lang]
    assert len(judged) == 7 and judged[0] == 0 and judged[-1] > 30  # spread over the document
    assert all(part.sentences[i] == full.sentences[i] for i in judged)  # the same decisions
    assert [s.text for s in part.sentences] == [s.text for s in full.sentences]


def test_a_sampled_source_still_warns_about_swapped_files(tmp_path):
    en = "".join(f"The weather is fine today in town number {i}.\n" for i in range(30))
    fr = "".join(f"Il fait beau aujourd’hui dans la ville numéro {i}.\n" for i in range(30))
    (tmp_path / "en.txt").write_text(en, encoding="utf-8")
    (tmp_path / "fr.txt").write_text(fr, encoding="utf-8")
    (tmp_path / "align.toml").write_text("[checks]\nsource_language_sample = 5\n", encoding="utf-8")
    r = CliRunner().invoke(main, ["run", str(tmp_path / "fr.txt"), str(tmp_path / "en.txt"), "-o",
                                  str(tmp_path / "out"), "--profile", str(tmp_path / "align.toml")])
    assert r.exit_code == 0, r.output
    assert "wrong order" in r.output
    assert "language: the source's judged on 5 of its 30 sentences" in r.output
