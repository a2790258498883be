"""The front door: one ``RunSettings``, its signature, the profile, and one composition for every command."""

from __future__ import annotations

import csv
import os
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from align.cli import main
from align.config import AlignConfig, CheckConfig, RunSettings, SegmentConfig
from align.errors import UsageError
from align.formats.writers import BOM, WRITERS, Bundle, get_writer, write_to
from align.langcodes import candidates
from align.model import TranslationUnit
from align.settings import override, parse_profile
from align.signature import PROP

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def run(*args: object, **kwargs: object):
    return CliRunner().invoke(main, list(map(str, args)), **kwargs)


def findings(folder: Path) -> list[tuple[str, str, str, str]]:
    with open(folder / "issues.csv", encoding="utf-8-sig", newline="") as fh:
        return sorted((r["check"], r["term"], r["found"], r["expected"]) for r in csv.DictReader(fh))


# --- settings and signature --------------------------------------------------------------

def test_signature_changes_with_every_setting_that_changes_a_number():
    base = RunSettings()
    changed = [
        replace(base, source_lang="en-US"), replace(base, target_lang="fr-CA"),
        replace(base, align=AlignConfig(min_score=0.5)), replace(base, align=AlignConfig(similarity_weight=5.0)),
        replace(base, segment=SegmentConfig(wrapped=True)), replace(base, segment=SegmentConfig(srx="/x/rules.srx")),
        replace(base, glossary="g.tsv"), replace(base, glossary="g.tsv", glossary_digest="abcd"),
        replace(base, checks=CheckConfig(disabled=frozenset({"name_variant"}))),
        replace(base, checks=CheckConfig(ignore_rules=(("Candide", ""),))),
        replace(base, checks=CheckConfig(discover=False)),
    ]
    sigs = {s.signature() for s in changed}
    assert len(sigs) == len(changed) and base.signature() not in sigs
    assert RunSettings().signature() == base.signature()  # stable
    assert base.signature().startswith("align:") and len(base.signature()) < 160
    assert replace(base, profile="a/align.toml").signature() == base.signature()  # where it came from is no number


def test_profile_is_read_and_command_line_overrides_it(tmp_path):
    (tmp_path / "g.tsv").write_text("startup\tjeune pousse\n", encoding="utf-8")
    text = """
source_lang = "EN-us"
target_lang = "fr-FR"
glossary = "g.tsv"
min_score = 0.25
wrapped = true
[checks]
disable = ["name_variant"]
severity = { term_missing = "warning" }
ignore = [{ term = "Candide", check = "name_not_kept" }, "0123abcd"]
[align]
max_bead = 3
"""
    s = parse_profile(text, str(tmp_path / "align.toml"))
    assert (s.source_lang, s.target_lang, s.min_score, s.segment.wrapped) == ("en-US", "fr-FR", 0.25, True)
    assert s.glossary == str(tmp_path / "g.tsv") and s.align.max_bead == 3
    assert s.checks.disabled == {"name_variant"} and s.checks.severity("term_missing", "error") == "warning"
    assert s.checks.ignore_rules == (("Candide", "name_not_kept"),) and s.checks.ignore_ids == {"0123abcd"}
    o = override(s, target_lang="fr-CA", min_score=0.0)
    assert (o.target_lang, o.min_score, o.source_lang, o.glossary) == ("fr-CA", 0.0, "en-US", s.glossary)


@pytest.mark.parametrize(("text", "named"), [
    ("min_scor = 0.5", "min_scor"), ("[checks]\ndisabel = []", "disabel"), ("[align]\nmax_beads = 2", "max_beads"),
    ("min_score = 2", "min_score"), ("target_lang = 'fr_FR'", "fr-FR"), ("[checks]\nseverity = {x = 'loud'}", "loud"),
])
def test_profile_typos_are_refused_with_the_key_named(text, named):
    with pytest.raises(UsageError) as err:
        parse_profile(text, "align.toml")
    assert named in err.value.one_line()


def test_profile_in_the_current_folder_is_used_by_run(tmp_path, parallel, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "align.toml").write_text(
        f'glossary = "{parallel / "glossary.tsv"}"\n[checks]\ndisable = ["untranslated"]\n', encoding="utf-8")
    r = run("run", parallel / "interview.en.txt", parallel / "interview.fr.txt", "-o", "out", "-q")
    assert r.exit_code == 0, r.output
    found = findings(tmp_path / "out")
    assert found and not any(c == "untranslated" for c, *_ in found)
    assert any(c == "term_missing" for c, *_ in found)  # the profile's glossary was read
    (tmp_path / "align.toml").write_text('[checks]\ndisable = ["no_such_check"]\n', encoding="utf-8")
    r = run("run", parallel / "interview.en.txt", parallel / "interview.fr.txt", "-o", "out2", "-q")
    assert r.exit_code == 2 and "no_such_check" in r.output and len(r.output.strip().splitlines()) == 1


# --- regional codes through the commands ---------------------------------------------------

def test_run_takes_regional_codes_and_the_tmx_carries_them(tmp_path, parallel):
    r = run("run", parallel / "interview.en.txt", parallel / "interview.fr.txt", "-o", tmp_path / "a",
            "--source-lang", "EN-us", "--target-lang", "fr-FR", "--glossary", parallel / "glossary.tsv", "-q")
    assert r.exit_code == 0, r.output
    root = etree.parse(str(tmp_path / "a" / "alignment.tmx")).getroot()
    header = root.find("header")
    assert header.get("srclang") == "en-US"
    assert {t.get(XML_LANG) for t in root.iter("tuv")} == {"en-US", "fr-FR"}
    sig = header.find(f"prop[@type='{PROP}']").text
    assert "lang:en-US>fr-FR" in sig and "gloss:glossary.tsv#" in sig
    plain = run("run", parallel / "interview.en.txt", parallel / "interview.fr.txt", "-o", tmp_path / "b",
                "--glossary", parallel / "glossary.tsv", "-q")
    assert plain.exit_code == 0
    assert findings(tmp_path / "a") == findings(tmp_path / "b")  # a region changes no finding
    assert '"signature": "align:' in (tmp_path / "a" / "findings.json").read_text(encoding="utf-8")


def test_terms_takes_regional_codes_on_a_memory_and_a_plain_text(tmp_path, parallel):
    out = tmp_path / "run"
    assert run("run", parallel / "interview.en.txt", parallel / "interview.fr.txt", "-o", out, "-q",
               "--source-lang", "en-US", "--target-lang", "fr-FR").exit_code == 0
    r = run("terms", out / "alignment.tmx", "--source-lang", "en-US", "--target-lang", "fr-FR",
            "--glossary", parallel / "glossary.tsv", "-o", tmp_path / "t", "-q")
    assert r.exit_code == 0, r.output
    assert any(c == "term_missing" for c, *_ in findings(tmp_path / "t"))
    r = run("terms", parallel / "interview.fr.txt", "--target-lang", "fr-CA", "-o", tmp_path / "p", "-q")
    assert r.exit_code == 0, r.output
    assert any(c == "untranslated" for c, *_ in findings(tmp_path / "p"))
    r = run("terms", out / "alignment.tmx", "--target-lang", "fr_FR", "-o", tmp_path / "x")
    assert r.exit_code == 2 and "fr-FR" in r.output


def test_detection_candidates_come_from_the_job_languages():
    assert candidates("en-US", "fr-CA") == ("en", "fr")
    assert candidates("fr", "en-GB") == ("fr", "en")


# --- batch and run: one composition ---------------------------------------------------------

TBX = """<?xml version="1.0"?><martif type="TBX"><text><body><termEntry id="c1">
<langSet xml:lang="en"><tig><term>startup</term></tig></langSet>
<langSet xml:lang="fr"><tig><term>jeune pousse</term></tig></langSet>
</termEntry></body></text></martif>"""


def test_batch_and_run_give_the_same_findings_for_the_same_pair(tmp_path, parallel):
    """The drift the issue names: batch read a TBX/TSV glossary without the languages (reversed)."""
    src, tgt = parallel / "interview.fr.txt", parallel / "interview.en.txt"
    glossary = tmp_path / "g.tbx"
    glossary.write_text(TBX, encoding="utf-8")
    common = ("--source-lang", "fr", "--target-lang", "en", "--glossary", glossary, "-q")
    r = run("run", src, tgt, "-o", tmp_path / "run", *common)
    assert r.exit_code == 0, r.output
    (tmp_path / "pairs.csv").write_text(f"id,source,target\np,{src},{tgt}\n", encoding="utf-8")
    b = run("batch", tmp_path / "pairs.csv", "-o", tmp_path / "batch", "--workers", "1", *common)
    assert b.exit_code == 0, b.output
    from_run, from_batch = findings(tmp_path / "run"), findings(tmp_path / "batch" / "p")
    assert from_run == from_batch
    terms = [(tmp_path / d / "terms.csv").read_text(encoding="utf-8") for d in ("run", "batch/p")]
    assert terms[0] == terms[1] and "\njeune pousse,glossary,startup," in terms[0]  # fr → en, not reversed
    sig = [etree.parse(str(p)).getroot().find(f"header/prop[@type='{PROP}']").text
           for p in (tmp_path / "run" / "alignment.tmx", tmp_path / "batch" / "p" / "alignment.tmx")]
    assert sig[0] == sig[1]


def test_batch_fingerprint_is_the_signature(tmp_path):
    from align.batch import BatchSettings, PairJob

    job = PairJob("p", "/a.txt", "/b.txt")
    one = BatchSettings(str(tmp_path), RunSettings())
    two = BatchSettings(str(tmp_path), RunSettings(align=AlignConfig(min_score=0.3)))
    assert one.fingerprint(job)["signature"] == RunSettings().signature()
    assert one.fingerprint(job) != two.fingerprint(job)


# --- writers -------------------------------------------------------------------------------

UNITS = (TranslationUnit("The summer.", "L’été.", "b0001", 0.9, "1-1"),)


def test_every_output_is_registered_once_and_chosen_by_name():
    import align.report.outputs  # noqa: F401  (registers the reports)

    assert {"tmx", "tsv", "csv", "moses", "links", "unaligned", "terms", "issues", "json", "html"} <= set(WRITERS)
    with pytest.raises(UsageError, match="unknown output format 'docx'"):
        get_writer("docx")


def test_csv_for_excel_starts_with_a_bom(tmp_path):
    write_to("csv", tmp_path / "a.csv", Bundle(UNITS, bom=True))
    write_to("csv", tmp_path / "b.csv", Bundle(UNITS))
    assert (tmp_path / "a.csv").read_text(encoding="utf-8").startswith(BOM)
    assert not (tmp_path / "b.csv").read_text(encoding="utf-8").startswith(BOM)
    assert "L’été." in (tmp_path / "a.csv").read_text(encoding="utf-8-sig")


def test_run_bom_option_makes_the_tables_excel_friendly(tmp_path, parallel):
    r = run("run", parallel / "interview.en.txt", parallel / "interview.fr.txt", "-o", tmp_path, "--bom", "-q",
            "--also", "csv")
    assert r.exit_code == 0, r.output
    for name in ("terms.csv", "issues.csv", "alignment.csv"):
        assert (tmp_path / name).read_bytes().startswith(BOM.encode("utf-8")), name


def test_outputs_honour_the_umask(tmp_path):
    old = os.umask(0o022)
    try:
        write_to("tsv", tmp_path / "a.tsv", Bundle(UNITS))
        write_to("tmx", tmp_path / "a.tmx", Bundle(UNITS))
    finally:
        os.umask(old)
    for name in ("a.tsv", "a.tmx"):
        assert (tmp_path / name).stat().st_mode & 0o777 == 0o644, name


def test_missing_srx_file_exits_2_like_every_missing_file(tmp_path, parallel):
    r = run("run", parallel / "interview.en.txt", parallel / "interview.fr.txt", "-o", tmp_path,
            "--srx", tmp_path / "none.srx")
    assert r.exit_code == 2 and r.output.strip() == f"align: error: {tmp_path / 'none.srx'}: no such SRX file"


def test_swapped_source_and_target_get_a_warning(tmp_path, parallel):
    r = run("run", parallel / "interview.fr.txt", parallel / "interview.en.txt", "-o", tmp_path, "-q")
    assert r.exit_code == 0
    assert "wrong order" in r.output
    ok = run("run", parallel / "interview.en.txt", parallel / "interview.fr.txt", "-o", tmp_path, "-q")
    assert "wrong order" not in ok.output


def test_regional_codes_in_batch_pair_and_segment(tmp_path, parallel):
    src, tgt = parallel / "interview.en.txt", parallel / "interview.fr.txt"
    (tmp_path / "pairs.csv").write_text(f"id,source,target\np,{src},{tgt}\n", encoding="utf-8")
    b = run("batch", tmp_path / "pairs.csv", "-o", tmp_path / "b", "--workers", "1", "-q",
            "--source-lang", "EN-us", "--target-lang", "fr-CA")
    assert b.exit_code == 0, b.output
    for tmx in (tmp_path / "b" / "p" / "alignment.tmx", tmp_path / "b" / "combined.tmx"):
        assert {t.get(XML_LANG) for t in etree.parse(str(tmx)).getroot().iter("tuv")} == {"en-US", "fr-CA"}, tmx
    (tmp_path / "s.txt").write_text("One apple.\nTwo pears.\n", encoding="utf-8")
    (tmp_path / "t.txt").write_text("Une pomme.\nDeux poires.\n", encoding="utf-8")
    p = run("pair", tmp_path / "s.txt", tmp_path / "t.txt", "--format", "tmx", "-o", tmp_path / "p.tmx", "-q",
            "--source-lang", "en-GB", "--target-lang", "FR-fr")
    assert p.exit_code == 0, p.output
    assert {t.get(XML_LANG) for t in etree.parse(str(tmp_path / "p.tmx")).getroot().iter("tuv")} == {"en-GB", "fr-FR"}
    s = run("segment", tmp_path / "t.txt", "--lang", "fr-CA")
    assert s.exit_code == 0 and s.output.splitlines() == ["Une pomme.", "Deux poires."]
