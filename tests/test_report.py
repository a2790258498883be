"""``align terms`` and ``align run`` reports: files, columns, escaping, --ignore, input kinds."""

from __future__ import annotations

import csv
import json
import re

import pytest
from click.testing import CliRunner

from align.cli import main
from align.formats import tmx
from align.model import Finding, TermEntry, TermStats, TranslationUnit
from align.report.html import render_html
from align.report.json import report_data

HEADER = "bead\ttype\tscore\tsource\ttarget\n"
ROWS = [
    ("b0001", "The startup employs 140 people.", "La start-up emploie 140 personnes."),
    ("b0002", "A startup that sells too early.", "Une jeune pousse qui se vend trop tôt."),
    ("b0003", "We run 1,200 GPUs.", "Nous exploitons 1\u202f100 GPU."),
]


def run(*args):
    return CliRunner().invoke(main, list(map(str, args)))


@pytest.fixture
def alignment(tmp_path):
    p = tmp_path / "alignment.tsv"
    p.write_text(HEADER + "".join(f"{b}\t1-1\t0.9\t{s}\t{t}\n" for b, s, t in ROWS), encoding="utf-8")
    g = tmp_path / "glossary.tsv"
    g.write_text("startup\tstart-up\t\nGPU\tGPU\tinvariable\n", encoding="utf-8")
    return p, g


def _issues(out):
    with open(out / "issues.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_terms_writes_the_four_reports(alignment, tmp_path):
    tsv, glossary = alignment
    out = tmp_path / "out"
    r = run("terms", tsv, "--glossary", glossary, "-o", out)
    assert r.exit_code == 0, r.output
    assert sorted(p.name for p in out.iterdir()) == ["findings.json", "issues.csv", "report.html", "terms.csv"]
    issues = _issues(out)
    assert {"id", "check", "severity", "term", "found", "expected", "unit", "source", "target"} <= set(issues[0])
    assert "bead" not in issues[0]  # the unit column is named as in every other output
    assert {(i["check"], i["unit"]) for i in issues} >= {("term_missing", "b0002"), ("number_changed", "b0003")}
    with open(out / "terms.csv", encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["term"] == "startup"]
    # the words found, never "(other)"
    assert {(r["rendering"], r["count"]) for r in rows} == {("start-up", "1"), ("jeune pousse", "1")}
    data = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    assert data["scores"]["compliance"] < 1 and len(data["findings"]) == len(issues)


def test_ignore_persists_reviewer_decisions(alignment, tmp_path):
    tsv, glossary = alignment
    out = tmp_path / "out"
    run("terms", tsv, "--glossary", glossary, "-o", out)
    first = _issues(out)
    accepted = tmp_path / "accepted.json"
    accepted.write_text(json.dumps([first[0]["id"]]))
    r = run("terms", tsv, "--glossary", glossary, "-o", out, "--ignore", accepted)
    assert r.exit_code == 0 and "1 ignored" in r.output
    assert [i["id"] for i in _issues(out)] == [i["id"] for i in first[1:]]


def test_bad_ignore_file_is_one_line(alignment, tmp_path):
    tsv, _ = alignment
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    r = run("terms", tsv, "--ignore", bad, "-o", tmp_path / "o")
    assert r.exit_code == 1 and r.output.startswith("align: error: ") and len(r.output.strip().splitlines()) == 1
    assert not (tmp_path / "o").exists()


def test_empty_alignment_is_a_data_error(tmp_path):
    p = tmp_path / "alignment.tsv"
    p.write_text(HEADER, encoding="utf-8")
    r = run("terms", p, "-o", tmp_path / "o")
    assert r.exit_code == 1 and r.output.strip() == f"align: error: {p}: alignment has no translation unit"


def test_tmx_from_a_cat_tool(tmp_path):
    p = tmp_path / "cat.tmx"
    with open(p, "wb") as fh:
        units = [TranslationUnit(s, t, b) for b, s, t in ROWS]
        tmx.write_tmx(fh, units, tmx.TmxHeader(srclang="en-US", tgtlang="fr-FR"))
    r = run("terms", p, "-o", tmp_path / "out", "--no-discover")
    assert r.exit_code == 0, r.output
    assert ("number_changed", "b0003") in {(i["check"], i["unit"]) for i in _issues(tmp_path / "out")}


def test_plain_translation_gets_monolingual_checks(tmp_path):
    p = tmp_path / "fr.txt"
    p.write_text("Veltrane grandit vite.\nNous avons vu Veltrane hier.\nOù est Veltranne ?\n"
                 "This sentence was left in English by the translator.\n", encoding="utf-8")
    r = run("terms", p, "-o", tmp_path / "out")
    assert r.exit_code == 0 and "only monolingual checks" in r.output
    assert {i["check"] for i in _issues(tmp_path / "out")} == {"name_variant", "untranslated"}


def test_html_escapes_everything_and_loads_nothing():
    evil = "<script>alert(1)</script> & <img src=x onerror=alert(2)>"
    f = Finding("x-1", "term_missing", "error", evil, evil, evil, "b<1>", evil, evil, evil, (0, 8), (0, 8))
    t = TermStats(evil, 1, (), evil)
    page = render_html(report_data([t], [f], evil), [TranslationUnit(evil, evil, "b<1>")])
    assert "<script>alert" not in page and "<img" not in page
    assert page.count("<script>") == 1  # ours, inline
    assert not re.search(r"(src|href)=\"(https?:)?//", page)
    assert "<mark>&lt;script&gt;</mark>" in page


def test_run_flags_the_planted_inconsistencies(parallel, tmp_path):
    """parallel/README.md: large language model, startup, Veltranne, 1 200 → 1 100 GPU."""
    out = tmp_path / "out"
    r = run("run", parallel / "interview.en.txt", parallel / "interview.fr.txt", "--glossary",
            parallel / "glossary.tsv", "-o", out, "-q")
    assert r.exit_code == 0, r.output
    issues = _issues(out)

    def flagged(check, term, target_part):
        return any(i["check"] == check and i["term"] == term and target_part in i["target"] for i in issues)

    assert flagged("term_missing", "large language model", "modèle de langage de grande taille")
    assert flagged("term_missing", "startup", "Une jeune pousse")
    # one fact, one finding: the misspelt do-not-translate name is not also a name variant
    assert flagged("term_dnt_changed", "Veltrane", "Veltranne") and not flagged("name_variant", "Veltrane", "Veltranne")
    assert flagged("number_changed", "1,200", "1\u202f100 GPU")
    assert flagged("untranslated", "", "Corvid is the model you can actually read.")
    assert flagged("untranslated", "", "Focus beats funding.")
    assert any(i["check"] == "omission" and i["source"] == "It paid the salaries." for i in issues)
    for part in ("« paperasse »", "M. Dupont dirige", "Partez-vous pour l’Amérique"):
        assert flagged("fr_spacing", "« »" if "«" in part else ("?" if "?" in part or "Amérique" in part else ":"),
                       part), part
    assert (out / "report.html").read_text(encoding="utf-8").count('class="card') >= 10


def _many(n):
    """A repetitive text: the same two sources with varying translations, and one typo repeated."""
    units = []
    for i in range(n):
        units.append(TranslationUnit("Thank you very much for coming.", f"Merci beaucoup d’être venu {i % 7}.",
                                     f"b{i:05d}", 0.8, "1-1"))
        units.append(TranslationUnit("Are you leaving?", "Partez-vous ?", f"c{i:05d}", 0.7, "1-1"))
    units.append(TranslationUnit("Why?", "Pourquoi\u202f?", "d1"))
    units.append(TranslationUnit("Who?", "Qui\u202f?", "d2"))
    return units


def test_identical_findings_are_one_group_and_the_page_stays_small():
    from align.terms import check_document

    units = _many(400) + [TranslationUnit("So?", "Et alors\u202f?", f"e{i}") for i in range(500)]
    report = check_document(units, discover_terms=False)
    data = report_data(report.terms, report.findings)
    spacing = [g for g in data["groups"] if g["check"] == "fr_spacing"]
    assert len(spacing) == 1 and spacing[0]["count"] == 400 and len(spacing[0]["units"]) == 400
    assert {f["group"] for f in data["findings"] if f["check"] == "fr_spacing"} == {spacing[0]["id"]}
    shared = [g for g in data["groups"] if g["check"] == "source_inconsistent"]
    assert shared and all(g["shown"] for g in shared[:20])
    page = render_html(data, units)
    assert page.count('<tr class="seg"') < len(units) / 4  # only the units the page links to
    assert "+380 more" in page  # a group lists its first units and counts the rest


def test_report_speaks_the_reviewers_words():
    from align.terms import check_document

    units = [TranslationUnit("A startup.", "Une jeune pousse.", "b1"), TranslationUnit("It paid.", "", "s2", 0, "1-0")]
    report = check_document(units, discover_terms=False)
    page = render_html(report_data(report.terms, report.findings), units)
    assert "no glossary given" in page and "compliance <b>100.0%</b> of 0" not in page
    assert "Possible omission" in page and "It paid." in page and "no counterpart" in page
    assert "term_missing" not in re.sub(r'(data-check|value)="[^"]*"', "", page)  # ids only in attributes
    glossary = [TermEntry("startup", ("start-up",))]
    report = check_document(units, glossary, discover_terms=False)
    data = report_data(report.terms, report.findings)
    assert [r["text"] for t in data["terms"] for r in t["renderings"]] == ["jeune pousse"]
    page = render_html(data, units)
    assert "Term not translated as in the glossary" in page and "(other)" not in page
    assert "unit 1-1, confidence 1.00" in page


def test_findings_as_xlsx_and_the_profile_decides(parallel, tmp_path):
    """align.toml [checks] switches a check off, changes a severity, keeps a slogan in English."""
    import openpyxl

    profile = tmp_path / "align.toml"
    profile.write_text('[checks]\ndisable = ["fr_spacing"]\nseverity = { number_changed = "warning" }\n'
                       'ignore = [{ term = "Veltrane", check = "term_dnt_changed" }]\n'
                       'intentional_english = ["Focus beats funding."]\n', encoding="utf-8")
    out = tmp_path / "out"
    r = run("run", parallel / "interview.en.txt", parallel / "interview.fr.txt", "--glossary",
            parallel / "glossary.tsv", "--profile", profile, "-o", out, "-q", "--also", "issues-xlsx")
    assert r.exit_code == 0, r.output
    issues = _issues(out)
    checks = {i["check"] for i in issues}
    assert "fr_spacing" not in checks and "term_dnt_changed" not in checks
    assert {i["severity"] for i in issues if i["check"] == "number_changed"} == {"warning"}
    assert not any(i["target"] == "Focus beats funding." for i in issues)
    assert any(i["target"].startswith("Corvid is the model") for i in issues)  # not on the list
    book = openpyxl.load_workbook(out / "issues.xlsx")
    sheet = book["Findings"]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["check", "severity", "term"] and "status" in header and "confidence" in header
    assert sheet.max_row - 1 == len(issues)
    assert "Term not translated as in the glossary" in {row[0].value for row in sheet.iter_rows(min_row=2)}
