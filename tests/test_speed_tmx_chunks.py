"""Speed, TMX: a chunk with no character XML forbids is written in one go, the same bytes.

Round 3 of issue 14 checks each chunk of units once (one UTF-8 encoding of its strings, a
few C-level scans of the bytes) instead of running ``clean_xml_text``'s regular expression
over every text, escapes texts only in chunks that hold ``&``, ``<``, ``>`` or CR, and judges
each distinct ``target_lang`` once. The oracles: the lxml element writer of issue 15
(``tests/test_speed_writers.old_write_tmx``), and the unit-by-unit path the writer keeps for
chunks that fail the check (``clean_chunk`` switched off), compared on generated hostile
units (XML-forbidden characters, lone surrogates, CR, NUL, U+FFFE, escapes, empty and
one-sided units, untranslated targets, duplicates, odd scores and props) in chunks where
most units are clean, and on the sample.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from align.formats import tmx_write
from align.formats.tmx_write import TmxHeader, write_tmx
from align.model import TranslationUnit
from align.pipeline import run_pair
from tests.test_speed_writers import old_write_tmx

PARALLEL = Path(__file__).resolve().parents[1] / "parallel"
HEADER = TmxHeader(creationdate="20260101T000000Z", props=(("x-k", "v"),))

ODD = st.sampled_from(["\x00", "\x01", "\x0b", "\x1f", "\ud800", "\udfff", "\ufffe", "\uffff", "&", "<", ">", "\r",
                       "\r\n", '"', "\t", "\n", " ", "", "]]>", "é", "😀", "\u2028", "\x7f", "\x85"])
TEXT = st.lists(ODD | st.sampled_from(["le chat", "the cat", "x"]), max_size=6).map("".join)
CLEAN = st.sampled_from(["The cat.", "Le chat « noir ».", "l’été", "a", "Ça va ?", "x" * 300])
UNITS = st.builds(
    TranslationUnit, CLEAN | TEXT, CLEAN | TEXT, tuid=st.sampled_from(["", "b0001", "t<&>\"\t"]) | TEXT,
    score=st.floats(allow_nan=True) | st.floats(0, 1) | st.integers(0, 1), bead=st.sampled_from(["1-1", "2-1"]) | TEXT,
    document=st.sampled_from(["", "fr.txt"]) | TEXT, props=st.lists(st.tuples(TEXT, TEXT), max_size=2).map(tuple),
    target_lang=st.sampled_from(["", "en", "fr", "EN-us", "en_GB"]))
CLEAN_UNITS = st.builds(TranslationUnit, CLEAN, CLEAN, tuid=st.sampled_from(["b0001", "t0002", ""]),
                        score=st.floats(0, 1), bead=st.sampled_from(["1-1", "2-1"]), document=st.just("fr.txt"),
                        target_lang=st.sampled_from(["", "en", "fr"]))


def _three(units, monkeypatch, **kw):
    """The bytes and summaries of the lxml oracle, the unit-by-unit path and the writer."""
    out = []
    for write in (old_write_tmx, "unit by unit", write_tmx):
        fh = io.BytesIO()
        if write == "unit by unit":
            with monkeypatch.context() as m:
                m.setattr(tmx_write._Gate, "clean_chunk", lambda self, chunk, flags: None)
                summary = write_tmx(fh, list(units), HEADER, **kw)
        else:
            summary = write(fh, list(units), HEADER, **kw)
        out.append((fh.getvalue(), summary))
    return out


@pytest.fixture(autouse=True)
def small_chunks(monkeypatch):
    monkeypatch.setattr(tmx_write, "CHUNK", 4)


@settings(max_examples=300, deadline=None)
@given(st.lists(CLEAN_UNITS | UNITS, max_size=14), st.booleans(), st.booleans())
def test_chunks_write_the_old_bytes(units, merge, drop):
    with pytest.MonkeyPatch.context() as monkeypatch:
        (old, s_old), (slow, s_slow), (new, s_new) = _three(units, monkeypatch, merge_duplicates=merge,
                                                            drop_untranslated=drop)
    assert new == slow == old
    assert s_new == s_slow == s_old


@settings(max_examples=100, deadline=None)
@given(st.lists(CLEAN_UNITS, min_size=1, max_size=12), st.booleans())
def test_clean_chunks_take_the_one_pass_path(units, merge):
    gate = tmx_write._Gate("en", "fr", merge, True, tmx_write.WriteSummary())
    assert gate.clean_chunk(units, gate.untranslated(units)) is not None
    with pytest.MonkeyPatch.context() as monkeypatch:
        (old, s_old), (slow, s_slow), (new, s_new) = _three(units, monkeypatch, merge_duplicates=merge)
    assert new == slow == old and s_new == s_slow == s_old


def test_non_text_values_fail_as_before(monkeypatch):
    for bad in (TranslationUnit("a", "b", tuid=None), TranslationUnit("a", "b", document=None),
                TranslationUnit("a", "b", props=(("k",),)), TranslationUnit("a", "b", score="x"),
                TranslationUnit(None, "b"), TranslationUnit("a", "b", target_lang=["en"])):
        results = []
        for patch in (False, True):
            with monkeypatch.context() as m:
                if patch:
                    m.setattr(tmx_write._Gate, "clean_chunk", lambda self, chunk, flags: None)
                fh = io.BytesIO()
                try:
                    summary = write_tmx(fh, [TranslationUnit("x", "y"), bad], HEADER)
                    results.append((fh.getvalue(), summary))
                except Exception as exc:  # the same error, whatever it is
                    results.append((type(exc), str(exc)))
        assert results[0] == results[1]


def test_the_sample_writes_the_old_bytes(monkeypatch):
    result = run_pair((PARALLEL / "interview.en.txt").read_text(encoding="utf-8"),
                      (PARALLEL / "interview.fr.txt").read_text(encoding="utf-8"), name="interview.fr.txt")
    units = [*result.units, TranslationUnit("a & b", "<c>", "b9", 0.5, document="d"),
             TranslationUnit("x\x0by", "z", "b10")]
    monkeypatch.setattr(tmx_write, "CHUNK", 1024)
    (old, s_old), (slow, s_slow), (new, s_new) = _three(units, monkeypatch)
    assert new == slow == old and s_new == s_slow == s_old and s_new.written > 10


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["", "en", "fr", "EN-us", "en_GB", "En", "fr-CA", "-", "_en"]) | st.text(max_size=4),
                max_size=10), st.sampled_from(["en", "fr", "en-US"]), st.sampled_from(["fr", "en", "de"]),
       st.booleans())
def test_untranslated_labels_are_judged_as_before(langs, src, tgt, drop):
    """Each distinct label judged once: the old expression, unit by unit, is the oracle."""
    units = [TranslationUnit("a", "b", target_lang=lang) for lang in langs]
    gate = tmx_write._Gate(src, tgt, False, drop, tmx_write.WriteSummary())
    s = tmx_write.base(src)
    old = ([False] * len(units) if not drop or s == tmx_write.base(tgt)
           else [bool(u.target_lang) and tmx_write.base(u.target_lang) == s for u in units])
    assert gate.untranslated(units) == old
