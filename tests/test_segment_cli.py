"""``align segment`` and ``align split``, run in-process."""

from pathlib import Path

from click.testing import CliRunner

from align.cli import main

ROOT = Path(__file__).resolve().parents[1]
MIXED = ("Le modèle est ouvert à tous les chercheurs. Corvid is the model you can actually read.\nTitre\n\n"
         "Focus beats funding. Merci.\n")


def run(*args, input=None):
    return CliRunner().invoke(main, list(map(str, args)), input=input)


def test_segment_offsets(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(MIXED, encoding="utf-8")
    r = run("segment", p, "--lang", "fr", "--offsets")
    assert r.exit_code == 0
    for line in r.output.splitlines():
        start, end, text = line.split("\t", 2)
        assert MIXED[int(start):int(end)] == text


def test_segment_auto_labels_every_sentence(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(MIXED, encoding="utf-8")
    r = run("segment", p)
    assert r.output.splitlines() == [
        "fr\tLe modèle est ouvert à tous les chercheurs.", "en\tCorvid is the model you can actually read.",
        "fr\tTitre",
        "en\tFocus beats funding.", "fr\tMerci."]


def test_split_writes_two_files_in_order(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(MIXED, encoding="utf-8")
    r = run("split", p, "--fr", tmp_path / "fr.tsv", "--en", tmp_path / "en.tsv", "-q")
    assert r.exit_code == 0 and r.output == ""
    en = (tmp_path / "en.tsv").read_text(encoding="utf-8").splitlines()
    assert [line.split("\t", 2)[2] for line in en] == ["Corvid is the model you can actually read.",
                                                        "Focus beats funding."]
    starts = [int(line.split("\t")[0]) for line in en]
    assert starts == sorted(starts) and MIXED[starts[1]:].startswith("Focus")
    fr = (tmp_path / "fr.tsv").read_text(encoding="utf-8").splitlines()
    assert len(fr) == 3


def test_split_sample_finds_the_three_english_sentences(tmp_path, parallel):
    r = run("split", parallel / "interview.fr.txt", "--en", tmp_path / "en.txt", "--no-offsets")
    assert r.exit_code == 0 and "en 3" in r.output
    assert "Focus beats funding." in (tmp_path / "en.txt").read_text(encoding="utf-8").splitlines()


def test_split_needs_an_output(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(MIXED, encoding="utf-8")
    r = run("split", p)
    assert r.exit_code == 2
    assert r.output.strip() == "align: error: nothing to write: give --fr FILE and/or --en FILE (and --other FILE)"


def test_segment_with_srx(tmp_path):
    srx = tmp_path / "r.srx"
    srx.write_text("""<srx xmlns="http://www.lisa.org/srx20" version="2.0"><header cascade="yes"/><body>
<languagerules><languagerule languagerulename="D">
<rule break="yes"><beforebreak>\\.</beforebreak><afterbreak>\\s</afterbreak></rule>
</languagerule></languagerules>
<maprules><languagemap languagepattern=".*" languagerulename="D"/></maprules></body></srx>""")
    p = tmp_path / "a.txt"
    p.write_text("Voir M. Dupont. Fin.\n", encoding="utf-8")
    r = run("segment", p, "--lang", "fr", "--srx", srx)
    assert r.exit_code == 0 and r.output.splitlines() == ["Voir M.", "Dupont.", "Fin."]


def test_bad_srx_is_one_line_exit_1(tmp_path):
    srx = tmp_path / "r.srx"
    srx.write_text("<srx><unclosed>")
    p = tmp_path / "a.txt"
    p.write_text("Un. Deux.\n", encoding="utf-8")
    out = tmp_path / "out.txt"
    r = run("segment", p, "--srx", srx, "-o", out)
    assert r.exit_code == 1 and len(r.output.strip().splitlines()) == 1
    assert r.output.startswith("align: error: not a well-formed SRX file")
    assert not out.exists()
    r = run("segment", p, "--srx", tmp_path / "missing.srx")
    assert r.exit_code == 2 and "no such SRX file" in r.output  # a missing file is a usage error (issue 14)


def test_docs_show_both_commands():
    doc = (ROOT / "docs" / "segmentation.md").read_text(encoding="utf-8")
    for command in ("align segment", "align split", "--srx"):
        assert command in doc
