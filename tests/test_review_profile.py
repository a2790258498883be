"""Rules from the review land in the project profile (align.toml) that the next run reads."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from align.cli import main
from align.review.log import Rule
from align.review.profile import present, sync
from align.review.session import Session
from align.settings import parse_profile
from tests.conftest import PARALLEL
from tests.review_helpers import fresh_copy, run_sample

HAND = """# our team's profile
source_lang = "en"   # the originals
target_lang = "fr"

[checks]
# agreed at the kick-off
ignore = [{ term = "Corvid", check = "name_not_kept" }]
"""


def test_sync_keeps_comments_and_hand_rules(tmp_path):
    path = tmp_path / "align.toml"
    path.write_text(HAND)
    added = sync(path, [Rule("name_not_kept", "Candide"), Rule("name_not_kept", "Corvid"), Rule("untranslated")],
                 set())
    text = path.read_text()
    assert "# agreed at the kick-off" in text and "# the originals" in text
    settings = parse_profile(text, str(path))
    assert set(settings.checks.ignore_rules) == {("Corvid", "name_not_kept"), ("Candide", "name_not_kept")}
    assert "untranslated" in settings.checks.disabled
    assert added == {("name_not_kept", "Candide"), ("untranslated", "")}  # Corvid was there by hand
    again = sync(path, [Rule("name_not_kept", "Corvid")], added)          # both review rules undone
    assert again == set()
    assert present(path) == {("name_not_kept", "Corvid")}
    assert "# agreed at the kick-off" in path.read_text()


def test_a_broken_profile_is_reported_not_overwritten(tmp_path):
    path = tmp_path / "align.toml"
    path.write_text("[checks\n")
    with pytest.raises(Exception, match="not valid TOML"):
        sync(path, [Rule("name_not_kept", "Candide")], set())
    assert path.read_text() == "[checks\n"


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    return run_sample(tmp_path_factory.mktemp("run"))


def test_a_rule_from_the_review_silences_the_next_run(template, tmp_path):
    folder = fresh_copy(template, tmp_path / "run")
    session = Session(folder)
    finding = next(f for f in session.run.findings if f.check == "name_not_kept")
    session.do({"kind": "rule", "check": finding.check, "term": finding.term, "note": "a brand name"})
    profile = folder / "align.toml"
    assert (finding.check, finding.term) in present(profile)
    saved = json.loads((folder / "review.json").read_text())
    assert saved["profile"]["added"] == [{"check": finding.check, "term": finding.term}]
    rerun = tmp_path / "rerun"
    r = CliRunner().invoke(main, ["run", str(PARALLEL / "interview.en.txt"), str(PARALLEL / "interview.fr.txt"),
                                  "--glossary", str(PARALLEL / "glossary.tsv"), "--profile", str(profile),
                                  "-o", str(rerun), "-q"])
    assert r.exit_code == 0, r.output
    checks = [(f["check"], f["term"]) for f in json.loads((rerun / "findings.json").read_text())["findings"]]
    assert (finding.check, finding.term) not in checks
    assert len(checks) == len(session.run.findings) - 1
    session.undo()
    assert (finding.check, finding.term) not in present(profile)


def test_reopening_catches_up_a_profile_left_behind(template, tmp_path):
    folder = fresh_copy(template, tmp_path / "run")
    session = Session(folder)
    session.do({"kind": "rule", "check": "untranslated", "term": ""})
    (folder / "align.toml").unlink()  # as if killed between review.json and the profile
    reopened = Session(folder)
    assert ("untranslated", "") in present(folder / "align.toml") and not reopened.profile_error


def test_english_left_on_purpose_goes_to_intentional_english(template, tmp_path):
    folder = fresh_copy(template, tmp_path / "run")
    session = Session(folder)
    row = next(r for r in session.review.rows if r.reason.startswith("untranslated"))
    passage = session.run.target[row.tgt[0]]
    session.do({"kind": "intentional", "at": {"side": "target", "index": row.tgt[0]}, "on": True})
    settings = parse_profile((folder / "align.toml").read_text(), str(folder / "align.toml"))
    assert passage in settings.checks.intentional_english
    session.undo()
    assert ("", passage) not in present(folder / "align.toml")
