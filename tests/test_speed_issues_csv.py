"""Speed, issues.csv: the rows are written without a pandas frame, the same text.

Round 3 of issue 14 writes ``issues.csv`` from the findings' fields directly when its
columns are plain (strings, floats for ``confidence``); the old way (``findings_frame`` and
``itertuples``) is the oracle, on generated hostile findings (quotes, commas, CR/LF,
control characters, NaN and infinities, unknown checks) and on the sample, with and
without Excel's BOM; odd values (an int confidence, a non-str field, a subclass) still
go through the frame.
"""

from __future__ import annotations

import io
import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from align.formats.glossary import parse_glossary
from align.model import Finding
from align.pipeline import run_pair
from align.report import outputs
from align.report.outputs import bundle_of
from align.report.tables import findings_frame

PARALLEL = Path(__file__).resolve().parents[1] / "parallel"
TEXT = st.text(max_size=12) | st.sampled_from(['"', ",", "\r\n", "\n", "\x00", "\ufeff", "é«»", "a,b\"c", ""])
FINDINGS = st.builds(Finding, TEXT, st.sampled_from(["omission", "number_changed", "nope", ""]) | TEXT, TEXT, TEXT,
                     TEXT, TEXT, TEXT, TEXT, TEXT, TEXT, unit_type=TEXT, group=TEXT,
                     confidence=st.floats() | st.sampled_from([math.nan, math.inf, -0.0, 1.0, 0.1234]))


def old_issues(findings, bom: bool) -> str:
    fh = io.StringIO()
    outputs._frame_csv(fh, findings_frame(findings), bom)
    return fh.getvalue()


def new_issues(findings, bom: bool) -> str:
    fh = io.StringIO()
    outputs._issues(fh, outputs.Bundle((), "en", "fr", findings=tuple(findings), bom=bom))
    return fh.getvalue()


@settings(max_examples=200, deadline=None)
@given(st.lists(FINDINGS, max_size=8), st.booleans())
def test_hostile_findings_are_written_as_before(findings, bom):
    assert outputs._issue_rows(findings) is not None
    assert new_issues(findings, bom) == old_issues(findings, bom)


class _Sub(Finding):
    __slots__ = ()


@pytest.mark.parametrize("odd", [
    Finding("a", "omission", "error", "", "", "", "b1", "s", "t", confidence=1),
    Finding("a", "omission", "error", 3, "", "", "b1", "s", "t"),
    Finding("a", "omission", "error", None, "", "", "b1", "s", "t"),
    _Sub("a", "omission", "error", "", "", "", "b1", "s", "t", confidence=0.5),
])
def test_odd_findings_go_through_the_frame(odd):
    findings = [Finding("x", "omission", "warning", "", "", "", "b2", "s", "t", confidence=0.25), odd]
    assert outputs._issue_rows(findings) is None
    assert new_issues(findings, False) == old_issues(findings, False)


def test_the_sample_issues_are_written_as_before():
    glossary = parse_glossary((PARALLEL / "glossary.tsv").read_text(encoding="utf-8"), "glossary.tsv")
    result = run_pair((PARALLEL / "interview.en.txt").read_text(encoding="utf-8"),
                      (PARALLEL / "interview.fr.txt").read_text(encoding="utf-8"), glossary=glossary,
                      name="interview.fr.txt")
    b = bundle_of(result, "en", "fr")
    assert len(b.findings) > 3
    for bom in (False, True):
        assert new_issues(b.findings, bom) == old_issues(b.findings, bom)
    assert new_issues((), False) == old_issues((), False)
