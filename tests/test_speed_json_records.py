"""Speed, JSON: lists of records are written column by column, with the standard library's text.

Round 3 of issue 14 writes a list of dicts with the same keys (the 100,000 units of
``alignment.json``, the findings of ``findings.json``) a column at a time: each key's
values encoded by one C-level ``map`` (flat lists of ints through one ``repr``), each record
one ``%`` of a template. The oracles: ``json.dumps(..., ensure_ascii=False, indent=1)``, and
the item-by-item encoder it replaced (``RECORDS`` set out of reach), on generated hostile
records (control characters, separators, surrogates, ``%`` and quotes in keys, NaN and
infinities, bools among ints, big ints, empty lists, tuples, nested values, str
subclasses, records whose keys differ).
"""

from __future__ import annotations

import contextlib
import json
import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from align.formats.glossary import parse_glossary
from align.pipeline import run_pair
from align.report import json as report_json
from align.report.outputs import bundle_of
from align.review.source import alignment_data

PARALLEL = Path(__file__).resolve().parents[1] / "parallel"


def stdlib(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def item_by_item(data, monkeypatch) -> str:
    with monkeypatch.context() as m:
        m.setattr(report_json, "RECORDS", 10**9)
        return report_json.dumps(data)


class Text(str):
    """A str subclass: the fast encoder leaves such values to the standard library."""


HOSTILE = st.text(max_size=12) | st.sampled_from(
    ["", "%s", "%", '"', "\\", "\x00", "\x1f", "\u2028", "\ud800", "é«»", "😀", "a\r\nb", "]], [", "], ["])
INTS = st.integers(-5, 5) | st.integers(-(2**70), 2**70)
FLOATS = st.floats() | st.sampled_from([math.nan, math.inf, -math.inf, -0.0, 0.1, 1e300, 5e-324])
SCALAR = HOSTILE | INTS | FLOATS | st.booleans() | st.none()
FLAT = (st.lists(INTS, max_size=4) | st.lists(INTS, max_size=4).map(tuple) | st.lists(HOSTILE, max_size=4)
        | st.lists(INTS | st.booleans(), max_size=3) | st.lists(SCALAR, max_size=3))
NESTED = st.recursive(SCALAR | FLAT, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(HOSTILE, inner,
                                                                                                  max_size=3),
                      max_leaves=8)
# One strategy per column: a column of one type (each fast path) or of anything.
COLUMN = st.sampled_from([HOSTILE, INTS, FLOATS, st.booleans() | st.none(), st.lists(INTS, max_size=4),
                          st.lists(INTS, max_size=4).map(tuple), st.lists(HOSTILE, max_size=4), FLAT, NESTED,
                          HOSTILE.map(Text), st.just([]), st.just(())])
KEYS = st.lists(HOSTILE | st.sampled_from(["src", "tgt", "score", "%d", "%(x)s"]), min_size=1, max_size=5,
                unique=True)


@st.composite
def records(draw):
    keys = draw(KEYS)
    columns = [draw(COLUMN) for _ in keys]
    n = draw(st.integers(report_json.RECORDS - 1, report_json.RECORDS + 20))
    return [{k: draw(c) for k, c in zip(keys, columns, strict=True)} for _ in range(n)]


@settings(max_examples=300, deadline=None)
@given(records(), st.integers(0, 3))
def test_records_are_written_as_the_standard_library_writes_them(rows, depth):
    if len(rows) >= report_json.RECORDS:
        with contextlib.suppress(report_json._Unusual):
            assert report_json._records(rows, 0, [])  # the column path, not item by item
    data = rows
    for _ in range(depth):
        data = {"units": data, "n": 1}
    assert report_json.dumps(data) == stdlib(data)


@settings(max_examples=100, deadline=None)
@given(records(), st.data())
def test_odd_records_are_written_as_before(rows, data):
    """Records with one key more, less, renamed or reordered, a non-str key, a value that is
    not JSON, a subclassed dict or list, a cycle: the text (or the error) is the old one."""
    k = data.draw(st.integers(0, len(rows) - 1))
    odd = [dict(r) for r in rows]
    change = data.draw(st.sampled_from(["more", "less", "reorder", "intkey", "strsub", "object", "dictsub",
                                        "cycle"]))
    if change == "more":
        odd[k]["extra"] = 1
    elif change == "less":
        odd[k].popitem()
    elif change == "reorder":
        odd[k] = dict(reversed(list(odd[k].items())))
    elif change == "intkey":
        odd[k][1] = 2
    elif change == "strsub":
        odd[k] = {Text(key): v for key, v in odd[k].items()}
    elif change == "object":
        odd[k][next(iter(odd[k]))] = object()
    elif change == "dictsub":
        odd[k] = type("D", (dict,), {})(odd[k])
    else:
        odd[k][next(iter(odd[k]))] = odd
    try:
        expected = stdlib(odd)
    except (TypeError, ValueError) as exc:
        with pytest.raises(type(exc)) as got:
            report_json.dumps(odd)
        assert str(got.value) == str(exc)
    else:
        assert report_json.dumps(odd) == expected


def test_records_match_the_item_by_item_encoder(monkeypatch):
    rows = [{"src": [i, i + 1][: i % 3], "tgt": (i,), "score": i / 7, "tuid": f"t{i}%s", "n": i, "ok": i % 2 == 0,
             "none": None, "words": ["a", f"«{i}»"][: i % 3], "deep": {"x": [i]}} for i in range(200)]
    rows[5]["score"] = math.nan
    rows[7]["score"] = -math.inf
    for data in (rows, {"a": {"units": rows}}, [rows, rows]):
        assert report_json.dumps(data) == item_by_item(data, monkeypatch) == stdlib(data)


@pytest.fixture(scope="module")
def sample_result():
    glossary = parse_glossary((PARALLEL / "glossary.tsv").read_text(encoding="utf-8"), "glossary.tsv")
    return run_pair((PARALLEL / "interview.en.txt").read_text(encoding="utf-8"),
                    (PARALLEL / "interview.fr.txt").read_text(encoding="utf-8"), glossary=glossary,
                    name="interview.fr.txt")


def test_the_sample_reports_are_the_standard_librarys_text(sample_result, monkeypatch):
    b = bundle_of(sample_result, "en", "fr")
    for data in (alignment_data(sample_result, "en", "fr", b.name),
                 report_json.report_data(b.terms, b.findings, b.name, b.ignored)):
        assert report_json.dumps(data) == stdlib(data) == item_by_item(data, monkeypatch)
