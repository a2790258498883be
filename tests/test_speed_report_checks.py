"""Speed, findings.json: each check's line is counted in one pass, the same numbers.

Round 3 of issue 14 counts findings, groups and groups shown per check with ``Counter``
(one pass over each list) where ``report_data`` summed over all the findings once per
check; the old expressions are the oracle, on generated findings of known and unknown
checks, and on groups whose ``shown`` is not a plain bool (which keep the old sums).
"""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st

from align.model import Finding
from align.report import json as report_json
from align.terms.groups import group_findings
from align.terms.registry import CHECKS


def old_checks(findings, groups):
    return [{"id": c.id, "title": c.title, "description": c.description, "family": c.family,
             "severity": next((f.severity for f in findings if f.check == c.id), c.severity),
             "count": sum(f.check == c.id for f in findings),
             "groups": sum(g.check == c.id for g in groups),
             "shown": sum(g.check == c.id and g.shown for g in groups)} for c in CHECKS.values()]


IDS = st.sampled_from([*CHECKS, "unknown", ""])
FINDINGS = st.builds(Finding, st.text(max_size=4), IDS, st.sampled_from(["error", "warning", "info"]),
                     st.sampled_from(["a", "b", ""]), st.sampled_from(["x", ""]), st.sampled_from(["y", ""]),
                     st.sampled_from(["b1", "b2", "b3"]), st.just("s"), st.just("t"))


@settings(max_examples=200, deadline=None)
@given(st.lists(FINDINGS, max_size=40), st.integers(0, 3))
def test_check_lines_are_counted_as_before(findings, shown_per_check):
    groups = group_findings(findings, list(CHECKS), shown_per_check)
    assert report_json._checks(findings, groups) == old_checks(findings, groups)
    data = report_json.report_data((), findings, "d", 0, shown_per_check)
    assert data["checks"] == old_checks(findings, groups)


@dataclass
class OddGroup:
    check: str
    shown: object


def test_odd_groups_keep_the_old_sums():
    groups = [OddGroup("omission", 2), OddGroup("omission", 0), OddGroup("omission", True)]
    assert report_json._checks([], groups) == old_checks([], groups)
    assert report_json._checks([], groups)[[c["id"] for c in old_checks([], groups)].index("omission")]["shown"] == 3
