"""Speed, alignment.json: written from the beads and units as columns, the same text.

Round 3 of issue 14 writes ``alignment.json`` without a dict per unit (``alignment_data``'s
100,000 dicts, taken apart again by the encoder); ``dumps(alignment_data(...))`` is the
oracle, on the sample and on generated hostile results (sentences with control characters,
separators, quotes and backslashes, odd tuids, NaN, infinite and int scores, bools and
big ints among the indices, empty documents, units and beads of different lengths).
"""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from align.model import Bead, Document, Sentence, TranslationUnit, Unaligned
from align.pipeline import run_pair
from align.report import json as report_json
from align.report import outputs
from align.report.outputs import alignment_text
from align.review.source import alignment_data

PARALLEL = Path(__file__).resolve().parents[1] / "parallel"
TEXT = st.text(max_size=10) | st.sampled_from(["", '"', "\\", "\\u0000", "\x00", "\u2028", "é«»", "%s", "\r\n"])
INDEX = st.integers(0, 10) | st.integers(-(2**70), 2**70) | st.booleans()
SCORE = st.floats() | st.integers(-3, 3) | st.sampled_from([math.nan, math.inf, -0.0, 0.123456789])


def old(result, document="d") -> str:
    return report_json.dumps(alignment_data(result, "en", "fr", document))


def _same(result, document="d") -> None:
    try:
        expected = old(result, document)
    except Exception as exc:  # the old way's error, whatever it is
        with pytest.raises(type(exc)) as got:
            alignment_text(result, "en", "fr", document)
        assert str(got.value) == str(exc)
        return
    assert alignment_text(result, "en", "fr", document) == expected


@pytest.fixture(scope="module")
def sample():
    return run_pair((PARALLEL / "interview.en.txt").read_text(encoding="utf-8"),
                    (PARALLEL / "interview.fr.txt").read_text(encoding="utf-8"), name="interview.fr.txt")


def test_the_sample_is_written_as_before(sample):
    assert len(sample.units) > 10
    assert outputs._alignment_columns(sample, "en", "fr", "d") is not None  # the column way, not the fallback
    _same(sample)
    _same(sample, "doc «é»\x00")


@settings(max_examples=200, deadline=None)
@given(st.data(), st.integers(0, 40))
def test_hostile_results_are_written_as_before(sample, data, n):
    sentences = data.draw(st.lists(TEXT, max_size=6))
    doc = Document(tuple(Sentence(t, 0, len(t)) for t in sentences), "fr")
    beads = tuple(Bead(tuple(data.draw(st.lists(INDEX, max_size=3))), tuple(data.draw(st.lists(INDEX, max_size=3))),
                       data.draw(SCORE)) for _ in range(n))
    units = tuple(TranslationUnit("s", "t", data.draw(TEXT)) for _ in range(n + data.draw(st.sampled_from([0, 0, 1]))))
    unaligned = tuple(Unaligned(data.draw(st.sampled_from(["source", "target"])), data.draw(INDEX), "x",
                                data.draw(TEXT)) for _ in range(data.draw(st.integers(0, 3))))
    result = replace(sample, source=doc, target=Document((), "fr"), unit_beads=beads, units=units,
                     unaligned=unaligned)
    _same(result, data.draw(TEXT))
