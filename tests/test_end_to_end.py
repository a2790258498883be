"""``align run`` on the sample corpus, scored against its text gold."""

import csv

import pytest
from click.testing import CliRunner

from align import evaluate as ev
from align.cli import main
from align.formats.tmx import read_tmx
from align.segment import segment_text


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory):
    from tests.conftest import PARALLEL

    out = tmp_path_factory.mktemp("out")
    r = CliRunner().invoke(main, [
        "run", str(PARALLEL / "interview.en.txt"), str(PARALLEL / "interview.fr.txt"),
        "--glossary", str(PARALLEL / "glossary.tsv"), "-o", str(out), "-q",
    ])
    assert r.exit_code == 0, r.output
    return out


def _units(run_dir):
    return list(read_tmx(str(run_dir / "alignment.tmx")))


def test_all_outputs_written(run_dir):
    names = sorted(p.name for p in run_dir.iterdir())
    assert names == ["alignment.json", "alignment.tmx", "alignment.tsv", "findings.json", "issues.csv", "report.html",
                     "terms.csv", "unaligned.tsv"]


def test_links_match_the_gold(run_dir, parallel):
    gold = ev.read_text_gold((parallel / "interview.gold.tsv").read_text())
    pred = ev.links_from_units([(u.source, u.target) for u in _units(run_dir)], gold)
    precision, recall, _ = ev.link_scores(gold, pred)
    assert precision == 1.0 and recall == 1.0, (precision, recall, sorted(gold ^ pred))


def test_untranslated_english_never_becomes_a_french_segment(run_dir, parallel):
    readme = (parallel / "README.md").read_text()
    planted = ["Corvid is the model you can actually read.", "Focus beats funding.",
               "Amara Okafor stands in front of the Grenoble cluster, May 2024."]
    assert all(p in readme and p in (parallel / "interview.fr.txt").read_text() for p in planted)
    for u in _units(run_dir):
        assert not any(p in u.target for p in planted)


def test_every_sentence_is_in_one_unit_or_unaligned(run_dir, parallel):
    with open(run_dir / "unaligned.tsv", encoding="utf-8") as fh:
        unaligned = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    units = _units(run_dir)
    for side, name, lang in (("source", "interview.en.txt", "en"), ("target", "interview.fr.txt", "fr")):
        sentences = [s.text for s in segment_text((parallel / name).read_text(), lang)]
        left = [r["sentence"] for r in unaligned if r["side"] == side]
        segs = " \n ".join(u.source if side == "source" else u.target for u in units)
        for s in sentences:
            in_units = segs.count(s) > 0
            assert in_units != (s in left) or sentences.count(s) > 1, s
        assert len(left) + sum(1 for s in sentences if s in segs) >= len(sentences)


def test_planted_term_inconsistencies_are_flagged(run_dir):
    with open(run_dir / "issues.csv", encoding="utf-8") as fh:
        terms = {r["term"] for r in csv.DictReader(fh)}
    assert {"large language model", "startup"} <= terms


def test_the_dropped_sentence_stays_unaligned(run_dir):
    with open(run_dir / "unaligned.tsv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert any(r["side"] == "source" and r["sentence"] == "It paid the salaries." for r in rows)
    assert not any("It paid the salaries." in u.source for u in _units(run_dir))


def test_whole_article_keeps_paragraphs_and_reports_copied_sentences(parallel):
    """The full English article against the French: paragraph n translates paragraph n.

    No bead may join sentences of two different paragraphs, the dropped sentence stays
    1-0, and the three English sentences copied as is into the French are unaligned on
    both sides with a reason saying so (never glued onto a neighbour's bead).
    """
    from align.pipeline import run_pair

    r = run_pair((parallel / "interview.full.en.txt").read_text(), (parallel / "interview.fr.txt").read_text())
    src, tgt = r.source.sentences, r.target.sentences
    for b in r.alignment.pairs:
        assert {src[i].paragraph for i in b.src} == {tgt[j].paragraph for j in b.tgt}, b
    left = {(u.side, u.text): u.reason for u in r.unaligned}
    assert left[("source", "It paid the salaries.")] == "no counterpart found"
    for copied in ("Corvid is the model you can actually read.", "Focus beats funding.",
                   "Amara Okafor stands in front of the Grenoble cluster, May 2024."):
        assert left[("source", copied)].startswith("left untranslated: copied as is")
        assert left[("target", copied)].startswith("untranslated:")
    assert len(r.unaligned) == 7
