"""Outputs a translator opens: XLSX, an edited spreadsheet back to TMX, and the small defects' tests."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner
from lxml import etree

from align.cli import main
from align.formats.tmx import read_tmx

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def run(*args: object, **kw: object):
    return CliRunner().invoke(main, list(map(str, args)), **kw)


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory):
    from pathlib import Path

    parallel = Path(__file__).resolve().parents[1] / "parallel"
    out = tmp_path_factory.mktemp("run")
    r = run("run", parallel / "interview.en.txt", parallel / "interview.fr.txt", "-o", out, "-q", "--also", "xlsx",
            "--glossary", parallel / "glossary.tsv", "--source-lang", "en-US", "--target-lang", "fr-FR")
    assert r.exit_code == 0, r.output
    return out


def test_xlsx_has_the_units_findings_frozen_header_filters_and_review_columns(run_dir):
    from openpyxl import load_workbook

    book = load_workbook(run_dir / "alignment.xlsx")
    assert {"units", "findings", "unaligned", "settings"} <= set(book.sheetnames)
    units = book["units"]
    header = [c.value for c in units[1]]
    assert header == ["unit", "type", "score", "status", "comment", "source", "target"]
    assert units.freeze_panes == "A2" and units.auto_filter.ref
    assert units.max_row - 1 == len(list(read_tmx(run_dir / "alignment.tmx")))
    findings = [c.value for c in book["findings"][1]]
    assert {"check", "title", "term", "found", "status", "comment"} <= set(findings)
    assert book["findings"].freeze_panes == "A2"
    settings = {r[0]: r[1] for r in book["settings"].iter_rows(min_row=2, values_only=True)}
    assert settings["target language"] == "fr-FR" and settings["signature"].startswith("align:")


def test_an_edited_xlsx_becomes_a_dtd_valid_tmx_again(run_dir, tmp_path, shared):
    from openpyxl import load_workbook

    book = load_workbook(run_dir / "alignment.xlsx")
    sheet = book["units"]
    col = {c.value: k for k, c in enumerate(sheet[1], 1)}
    first, second = sheet.cell(2, col["target"]).value, sheet.cell(3, col["source"]).value
    sheet.cell(2, col["target"]).value = first + " (corrigé)"
    sheet.cell(2, col["status"]).value = "ok"
    sheet.cell(2, col["comment"]).value = "relu"
    sheet.cell(3, col["status"]).value = "rejected"
    book.save(tmp_path / "edited.xlsx")
    r = run("tmx", "convert", tmp_path / "edited.xlsx", "--to", "tmx", "-o", tmp_path / "back.tmx")
    assert r.exit_code == 0, r.output
    assert "1 rows marked rejected" in r.output
    data = (tmp_path / "back.tmx").read_bytes()
    dtd = etree.DTD(str(shared / "tmx" / "tmx14.dtd"))
    root = etree.fromstring(data)
    assert dtd.validate(root), dtd.error_log.filter_from_errors()
    assert root.find("header").get("srclang") == "en-US"
    assert {t.get(XML_LANG) for t in root.iter("tuv")} == {"en-US", "fr-FR"}
    back = list(read_tmx(tmp_path / "back.tmx"))
    assert back[0].target == first + " (corrigé)" and ("x-comment", "relu") in back[0].props
    assert second not in {u.source for u in back}
    assert len(back) == sheet.max_row - 2


def test_an_edited_tsv_becomes_a_tmx_and_rejected_rows_stay_out(run_dir, tmp_path):
    lines = (run_dir / "alignment.tsv").read_text(encoding="utf-8").splitlines()
    edited = [lines[0] + "\tstatus\tcomment", lines[1] + "\tdelete\t", lines[2] + "\tok\tfine", *lines[3:]]
    (tmp_path / "edited.tsv").write_text("\n".join(edited) + "\n", encoding="utf-8")
    r = run("tmx", "convert", tmp_path / "edited.tsv", "--to", "tmx", "-o", tmp_path / "e.tmx",
            "--source-lang", "en-GB", "--target-lang", "fr-CA")
    assert r.exit_code == 0, r.output
    back = list(read_tmx(tmp_path / "e.tmx"))
    assert len(back) == len(lines) - 2 and ("x-status", "ok") in back[0].props
    assert etree.parse(str(tmp_path / "e.tmx")).getroot().find("header").get("srclang") == "en-GB"


def test_terms_writes_the_findings_as_xlsx_too(run_dir, tmp_path, parallel):
    r = run("terms", run_dir / "alignment.tmx", "-o", tmp_path, "-q", "--also", "xlsx",
            "--glossary", parallel / "glossary.tsv", "--target-lang", "fr-FR", "--source-lang", "en-US")
    assert r.exit_code == 0, r.output
    from openpyxl import load_workbook

    assert "findings" in load_workbook(tmp_path / "alignment.xlsx").sheetnames


def test_evaluate_reads_the_gold_tsv_of_parallel(run_dir, parallel):
    r = run("evaluate", parallel / "interview.gold.tsv", run_dir / "alignment.tsv")
    assert r.exit_code == 0, r.output
    assert r.output.splitlines() == ["document\tlink_p\tlink_r\tlink_f1", "ALL\t1.000\t1.000\t1.000"]
    r = run("evaluate", parallel / "interview.gold.tsv", run_dir / "alignment.tmx")
    assert r.output.splitlines()[-1] == "ALL\t1.000\t1.000\t1.000"


def test_evaluate_quiet_prints_only_the_overall_row(tmp_path):
    (tmp_path / "g").write_text("[0]:[0]\n[1]:[1]\n")
    (tmp_path / "p").write_text("[0]:[0]\n[1]:[]\n[]:[1]\n")
    loud = run("evaluate", tmp_path / "g", tmp_path / "p", tmp_path / "g", tmp_path / "g")
    quiet = run("evaluate", tmp_path / "g", tmp_path / "p", tmp_path / "g", tmp_path / "g", "-q")
    assert len(loud.output.splitlines()) == 4
    assert quiet.output.splitlines() == [loud.output.splitlines()[-1]]


def test_pair_help_promises_only_what_it_writes():
    out = run("pair", "--help").output
    assert "unaligned.tsv" not in out and "links" in out


def test_missing_srx_exits_2_in_segment_too(tmp_path, parallel):
    r = run("segment", parallel / "interview.fr.txt", "--srx", tmp_path / "none.srx")
    assert r.exit_code == 2 and r.output.strip() == f"align: error: {tmp_path / 'none.srx'}: no such SRX file"


def test_help_in_a_translators_words():
    top = run("--help").output
    assert "..." not in top.split("Commands:")[1]  # whole first sentences, not cut
    for cmd in ("segment", "split", "pair", "run", "demo", "evaluate", "terms", "batch", "tmx"):
        assert "bead" not in run(cmd, "--help").output.lower(), cmd
    help_run = " ".join(run("run", "--help").output.split())
    assert all(w in help_run for w in (".docx", ".odt", ".md", ".html", "fragments", "passages"))
    assert "XLIFF" in run("terms", "--help").output


def test_click_usage_errors_are_one_line_exit_2(tmp_path):
    for args in (("run", "a", "b", "--target-lang", "fr_FR"), ("run", "--nope"), ("nocommand",),
                 ("tmx", "convert", "a", "--to", "docx", "-o", "b")):
        r = run(*args)
        assert r.exit_code == 2, args
        assert len(r.output.strip().splitlines()) == 1 and r.output.startswith("align: error: "), r.output
    assert "fr-FR" in run("run", "a", "b", "--target-lang", "fr_FR").output


def test_column_names_mean_the_same_in_every_output(run_dir, tmp_path):
    tsv = (run_dir / "alignment.tsv").read_text(encoding="utf-8").splitlines()[0].split("\t")
    assert run("tmx", "convert", run_dir / "alignment.tmx", "--to", "csv", "-o", tmp_path / "a.csv").exit_code == 0
    csv_header = (tmp_path / "a.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    assert tsv[:3] == csv_header[:3] == ["unit", "type", "score"]
    first = (tmp_path / "a.csv").read_text(encoding="utf-8").splitlines()[1].split(",")
    assert re.fullmatch(r"b\d{4}", first[0]) and re.fullmatch(r"\d-\d", first[1])
