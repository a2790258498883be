"""Hostile input behind ``internal error`` or a wrong exit status (issue 14, "crashes" and
"messages"): batch ids, manifests, language tags, SRX rules, scores, sniffing."""

from __future__ import annotations

import io

import pytest
from click.testing import CliRunner

from align.cli import main
from align.formats.tmx import read_tmx
from align.langcodes import check_tag

EN = "The cat is asleep. The dog is barking.\n"
FR = "Le chat dort. Le chien aboie.\n"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def pair(tmp_path):
    (tmp_path / "en.txt").write_text(EN, encoding="utf-8")
    (tmp_path / "fr.txt").write_text(FR, encoding="utf-8")
    return tmp_path


def _one_line(r, status):
    err = r.stderr.strip()
    assert r.exit_code == status, err
    assert len(err.splitlines()) == 1 and err.startswith("align: error: "), err
    assert "internal error" not in err and "Traceback" not in err
    return err


@pytest.mark.parametrize(("rows", "says"), [
    ("id,source,target\n.,en.txt,fr.txt\n", "cannot name an output folder"),
    ("id,source,target\n" + "a" * 300 + ",en.txt,fr.txt\n", "too long for a folder name"),
    ("id,source,target\na,en.txt,fr.txt\na/alignment.tmx,en.txt,fr.txt\n", "inside the folder of pair 'a'"),
    ("id,source,target,glossary\np1,en.txt,fr.txt,missing.tsv\n", "missing.tsv: no such file"),
    ("", "lists no pair"),
], ids=["dot", "300-characters", "nested", "missing-glossary", "empty"])
def test_bad_manifests_are_refused_before_running(pair, rows, says):
    (pair / "m.csv").write_text(rows, encoding="utf-8")
    err = _one_line(run("batch", pair / "m.csv", "-o", pair / "out", "--workers", "1"), 2)
    assert says in err
    assert not (pair / "out").exists()


@pytest.mark.parametrize("tag", ["en-x-custom", "en-GB-x-house"])
def test_private_use_tags_are_valid(tag):
    assert check_tag(tag) == tag


@pytest.mark.parametrize(("source", "target"), [
    ("en-GB", "fr-CA"), ("en-US", "fr-419"), ("en", "fr-Latn-FR"), ("en", "fr-x-custom"),
])
def test_regional_and_script_tags_in_run(pair, source, target):
    r = run("run", pair / "en.txt", pair / "fr.txt", "--source-lang", source, "--target-lang", target,
            "-o", pair / "out", "-q")
    assert r.exit_code == 0, r.stderr
    units = list(read_tmx(pair / "out" / "alignment.tmx", source, target))
    assert units and f'xml:lang="{target}"' in (pair / "out" / "alignment.tmx").read_text(encoding="utf-8")


@pytest.mark.parametrize("target", ["fr-CA", "fr-419", "fr-Latn-FR"])
def test_regional_tags_in_terms(pair, target):
    r = run("terms", pair / "fr.txt", "--target-lang", target, "-o", pair / "out", "-q")
    assert r.exit_code == 0, r.stderr


def test_regional_tags_in_batch(pair):
    (pair / "m.csv").write_text("id,source,target\np1,en.txt,fr.txt\np2,en.txt,fr.txt\n", encoding="utf-8")
    r = run("batch", pair / "m.csv", "-o", pair / "out", "--workers", "1", "-q",
            "--source-lang", "en-US", "--target-lang", "fr-FR")
    assert r.exit_code == 0, r.stderr


def test_an_invalid_srx_rule_is_one_clear_line(pair):
    srx = pair / "bad.srx"
    srx.write_text('<?xml version="1.0"?><srx version="2.0" xmlns="http://www.lisa.org/srx20"><header '
                   'segmentsubflows="yes" cascade="yes"/><body><languagerules><languagerule languagerulename="fr">'
                   '<rule break="yes"><beforebreak>[</beforebreak><afterbreak>\\s</afterbreak></rule>'
                   '</languagerule></languagerules><maprules><languagemap languagepattern=".*" '
                   'languagerulename="fr"/></maprules></body></srx>', encoding="utf-8")
    err = _one_line(run("segment", pair / "fr.txt", "--lang", "fr", "--srx", srx), 1)
    assert "not a valid regular expression" in err and "'['" in err


def test_a_non_numeric_score_in_an_alignment_is_one_line(pair):
    (pair / "a.tsv").write_text("unit\ttype\tscore\tsource\ttarget\nb0001\t1-1\tabc\tThe cat.\tLe chat.\n",
                                encoding="utf-8")
    err = _one_line(run("terms", pair / "a.tsv", "-o", pair / "out"), 1)
    assert "'abc'" in err


def _tmx(prolog: str = "") -> str:
    return (f'<?xml version="1.0" encoding="UTF-16"?>{prolog}<tmx version="1.4"><header srclang="en" '
            'datatype="plaintext" segtype="sentence" adminlang="en" creationtool="t" creationtoolversion="1" '
            'o-tmf="t"/><body><tu><tuv xml:lang="en"><seg>The cat is asleep.</seg></tuv><tuv xml:lang="fr">'
            '<seg>Le chat dort.</seg></tuv></tu></body></tmx>')


@pytest.mark.parametrize(("encoding", "prolog"), [
    ("utf-16", ""), ("utf-8", "<!-- " + "padding " * 1200 + "-->"),
], ids=["utf-16", "9kB-before-tmx"])
def test_a_tmx_is_read_as_a_tmx_whatever_comes_first(pair, encoding, prolog):
    text = _tmx(prolog)
    if encoding == "utf-8":
        text = text.replace('encoding="UTF-16"', 'encoding="UTF-8"')
    (pair / "m.tmx").write_bytes(text.encode(encoding))
    r = run("terms", pair / "m.tmx", "-o", pair / "out", "-q")
    assert r.exit_code == 0, r.stderr
    assert list(read_tmx(io.BytesIO(text.encode(encoding)), "en", "fr"))
    report = (pair / "out" / "findings.json").read_text(encoding="utf-8")
    assert "untranslated" not in report.lower() or "Le chat dort" not in report
