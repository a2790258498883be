"""Speed, writers: the faster output writers write exactly the bytes the old ones wrote.

Issue 15 makes ``align run``'s writers faster (the TMX ``<tu>`` as text rather than lxml
elements, TSV rows joined a chunk at a time, JSON with indentation without the standard
library's pure-Python encoder, the report's dicts without ``dataclasses.asdict``'s deep
copies, the report data built once for ``findings.json`` and ``report.html``). The old
implementations are kept here as oracles; the new ones must give the same text on generated
hostile values (XML-special and control characters, odd Unicode, CRLF, long lines) and on
the sample corpus.
"""

from __future__ import annotations

import io
import json
import math
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from align.formats import tmx_write, tsv
from align.formats.glossary import parse_glossary
from align.formats.tmx_write import TmxHeader, WriteSummary, clean_xml_text, write_tmx
from align.model import Finding, Rendering, TermStats, TranslationUnit, Unaligned
from align.pipeline import run_pair
from align.report import json as report_json
from align.report.outputs import RUN_OUTPUTS, bundle_of, write_set
from align.report.plain import as_plain
from align.review.source import alignment_data

# Characters writers must escape or drop, control characters, line and paragraph
# separators, CRLF, non-BMP and combining characters, and plain words.
HOSTILE = st.sampled_from(list("<>&\"'\t\n\r\x00\x01\x0b\x0c\x1f\x7f\x85\u2028\u2029\ufeff\ufffd\ufffe\uffff"
                               "\u00a0\u202féÉœ好😀\u0301]]>;#=/ ab.")) | st.sampled_from(["\r\n", "]]>", "&amp;"])
TEXT = st.lists(HOSTILE, max_size=40).map("".join) | st.text(max_size=40) | st.text(
    st.characters(exclude_categories=("Cs",)), max_size=40)
PARALLEL = Path(__file__).resolve().parents[1] / "parallel"
LONG = st.integers(1, 3).map(lambda k: "x<&> " * (2_000 * k) + "\r\n" + "é" * 5_000)


# ---------------------------------------------------------------- the old TMX writer


def old_write_tmx(fh, units, header, *, merge_duplicates=False, drop_untranslated=True) -> WriteSummary:
    """``write_tmx`` before issue 15: one lxml element per unit, streamed by ``xmlfile``."""
    src, tgt = tmx_write.check_header(header)
    summary = WriteSummary()
    gate = tmx_write._Gate(src, tgt, merge_duplicates, drop_untranslated, summary)
    with etree.xmlfile(fh, encoding="UTF-8") as xf:
        xf.write_declaration()
        xf.write_doctype(tmx_write.DOCTYPE)
        with xf.element("tmx", version="1.4"):
            xf.write("\n", tmx_write._header_element(header, src), pretty_print=True)
            with xf.element("body"):
                xf.write("\n")
                for chunk in tmx_write._chunks(units, tmx_write.CHUNK):
                    for unit, untranslated in zip(chunk, gate.untranslated(chunk), strict=True):
                        tu = _old_element(gate, unit, untranslated)
                        if tu is not None:
                            xf.write(tu, pretty_print=True)
                            summary.written += 1
            xf.write("\n")
    return summary


def _old_element(gate, u, untranslated=False):
    source, n1 = clean_xml_text(u.source)
    target, n2 = clean_xml_text(u.target)
    gate.summary.illegal_chars_removed += n1 + n2
    if not source.strip() or not target.strip():
        gate.summary.skipped_empty += 1
        return None
    if untranslated:
        gate.summary.untranslated_skipped += 1
        gate.summary.untranslated.append(u.tuid or source[:60])
        return None
    if gate.merge and gate._duplicate(source, target):
        gate.summary.duplicates_merged += 1
        return None
    tu = etree.Element("tu", tuid=clean_xml_text(u.tuid)[0]) if u.tuid else etree.Element("tu")
    n = tmx_write._prop(tu, "x-score", f"{u.score:.4f}") + tmx_write._prop(tu, "x-bead", u.bead)
    if u.document:
        n += tmx_write._prop(tu, "x-document", u.document)
    for key, value in u.props:
        n += tmx_write._prop(tu, key, value)
    gate.summary.illegal_chars_removed += n
    for lang, text in ((gate.src, source), (gate.tgt, target)):
        tuv = etree.SubElement(tu, "tuv", {tmx_write.XML_LANG: lang})
        etree.SubElement(tuv, "seg").text = text
    return tu


def _both(units, header=None, **kw):
    header = header or TmxHeader(creationdate="20260101T000000Z")
    old, new = io.BytesIO(), io.BytesIO()
    old_summary = old_write_tmx(old, list(units), header, **kw)
    new_summary = write_tmx(new, list(units), header, **kw)
    return old.getvalue(), new.getvalue(), old_summary, new_summary


UNITS = st.builds(
    TranslationUnit, TEXT, TEXT, tuid=TEXT, score=st.floats(allow_nan=True) | st.floats(0, 1), bead=TEXT,
    document=TEXT, props=st.lists(st.tuples(TEXT, TEXT), max_size=2).map(tuple),
    target_lang=st.sampled_from(["", "en", "fr", "de"]))


@settings(max_examples=400, deadline=None)
@given(st.lists(UNITS, max_size=6), st.booleans(), st.booleans(),
       st.lists(st.tuples(TEXT, TEXT), max_size=2).map(tuple))
def test_tmx_writer_writes_the_old_bytes_on_hostile_units(units, merge, drop, props):
    header = TmxHeader(creationdate="20260101T000000Z", props=props)
    old, new, s_old, s_new = _both(units, header, merge_duplicates=merge, drop_untranslated=drop)
    assert new == old
    assert s_new == s_old


@settings(max_examples=10, deadline=None)
@given(LONG, LONG)
def test_tmx_writer_writes_the_old_bytes_on_very_long_lines(source, target):
    old, new, s_old, s_new = _both([TranslationUnit(source, target, "b0001", 0.5, "1-1", "doc\r\n<&>")])
    assert new == old and s_new == s_old


def test_tmx_writer_writes_the_old_bytes_over_several_chunks():
    units = [TranslationUnit(f"Source {i} <&>", f"Cible {i} « » \r\n", f"b{i:05d}", i / 7, "1-1", "d.txt")
             for i in range(2 * tmx_write.CHUNK + 5)] + [TranslationUnit("", "x")]
    old, new, s_old, s_new = _both(units, merge_duplicates=True)
    assert new == old and s_new == s_old and s_new.written == 2 * tmx_write.CHUNK + 5


def test_tmx_writer_gives_the_same_error_as_before():
    """A bad header is refused before anything is written, as before."""
    for header in (TmxHeader(srclang="fr", tgtlang="fr"), TmxHeader(creationdate="yesterday")):
        errors = []
        for write in (old_write_tmx, write_tmx):
            with pytest.raises(Exception) as exc:
                write(io.BytesIO(), [TranslationUnit("a", "b")], header)
            errors.append((type(exc.value), str(exc.value)))
        assert errors[0] == errors[1]


# ---------------------------------------------------------------- JSON


def old_dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


class Text(str):
    """A str subclass: the fast encoder hands such values to the standard library."""


SCALARS = (TEXT | st.integers() | st.integers(-(2**70), 2**70) | st.floats() | st.booleans() | st.none()
           | st.sampled_from([math.nan, math.inf, -math.inf, -0.0, 1e300, 5e-324]))
KEYS = TEXT | st.sampled_from(["", "id", "src", "\u2028", "<&>"])
VALUES = st.recursive(
    SCALARS,
    lambda inner: (st.lists(inner, max_size=5) | st.lists(inner, max_size=4).map(tuple)
                   | st.dictionaries(KEYS, inner, max_size=5) | st.lists(TEXT, max_size=5)
                   | st.lists(st.integers() | st.booleans(), max_size=4)),
    max_leaves=30)
ODD = st.recursive(
    SCALARS | TEXT.map(Text),
    lambda inner: (st.lists(inner, max_size=4)
                   | st.dictionaries(st.integers() | st.floats() | st.booleans() | st.none() | KEYS, inner,
                                     max_size=4)),
    max_leaves=15)


@settings(max_examples=600, deadline=None)
@given(VALUES)
def test_dumps_writes_the_standard_librarys_text(data):
    assert report_json.dumps(data) == old_dumps(data)


@settings(max_examples=300, deadline=None)
@given(ODD)
def test_dumps_falls_back_to_the_standard_library_on_odd_values(data):
    assert report_json.dumps(data) == old_dumps(data)


def test_dumps_fails_as_the_standard_library_does():
    loop: list = []
    loop.append(loop)
    for bad in ({"a": object()}, {(1, 2): 3}, loop):
        errors = []
        for dumps in (old_dumps, report_json.dumps):
            with pytest.raises((TypeError, ValueError)) as exc:
                dumps(bad)
            errors.append((type(exc.value), str(exc.value)))
        assert errors[0] == errors[1]


def test_dumps_on_deep_nesting():
    data: object = []
    for i in range(150):  # deeper than the precomputed indents
        data = [i, data] if i % 2 else {"k": data, "n": i}
    assert report_json.dumps(data) == old_dumps(data)


# ---------------------------------------------------------------- asdict


@dataclass
class Odd:
    """A dataclass with containers asdict copies (lists, dicts, nested dataclasses, namedtuple-free)."""

    items: list = field(default_factory=list)
    table: dict = field(default_factory=dict)
    inner: tuple = ()


FINDINGS = st.builds(Finding, TEXT, TEXT, TEXT, TEXT, TEXT, TEXT, TEXT, TEXT, TEXT, TEXT,
                     st.tuples(st.integers(), st.integers()), st.tuples(st.integers(), st.integers()),
                     TEXT, st.floats(), TEXT)
TERMS = st.builds(TermStats, TEXT, st.integers(0, 9),
                  st.lists(st.builds(Rendering, TEXT, st.integers(0, 9), st.lists(TEXT, max_size=3).map(tuple),
                                     st.booleans()), max_size=3).map(tuple),
                  TEXT, TEXT, st.integers(0, 9), st.integers(0, 9))


@settings(max_examples=300, deadline=None)
@given(FINDINGS, TERMS)
def test_as_plain_is_asdict(finding, term):
    for obj in (finding, term):
        plain = as_plain(obj)
        assert plain == asdict(obj) and list(plain) == list(asdict(obj))
        assert json.dumps(plain, ensure_ascii=False) == json.dumps(asdict(obj), ensure_ascii=False)


def test_as_plain_copies_what_asdict_copies():
    odd = Odd([1, [2]], {"a": [3]}, (Rendering("x", 1), [4]))
    plain = as_plain(odd)
    assert plain == asdict(odd)
    assert plain["items"] is not odd.items and plain["table"]["a"] is not odd.table["a"]
    with pytest.raises(TypeError):
        as_plain(Odd)


def old_report_data(terms, findings, name="", ignored=0, shown_per_check=report_json.SHOWN_PER_CHECK):
    """``report_data`` before issue 15 (``asdict`` for findings and terms)."""
    data = report_json.report_data(terms, findings, name, ignored, shown_per_check)
    data["findings"] = [asdict(f) for f in findings]
    data["terms"] = [{**asdict(t), "majority_share": round(t.majority_share, 4),
                      "consistency": round(t.consistency, 4), "compliance": round(t.compliance, 4)} for t in terms]
    return data


# ---------------------------------------------------------------- the sample corpus


@pytest.fixture(scope="module")
def sample_result():
    glossary = parse_glossary((PARALLEL / "glossary.tsv").read_text(encoding="utf-8"), "glossary.tsv")
    return run_pair((PARALLEL / "interview.en.txt").read_text(encoding="utf-8"),
                    (PARALLEL / "interview.fr.txt").read_text(encoding="utf-8"), glossary=glossary,
                    name="interview.fr.txt")


def test_sample_tmx_is_the_old_one(sample_result):
    units = sample_result.units
    old, new, s_old, s_new = _both(units)
    assert new == old and s_new == s_old and s_new.written > 10
    assert new.decode("utf-8").count("<tu ") == s_new.written


def test_sample_json_is_the_old_one(sample_result):
    r = sample_result
    assert r.findings and r.terms
    data = report_json.report_data(r.terms, r.findings, "interview.fr.txt", 2)
    assert report_json.dumps(data) == old_dumps(old_report_data(r.terms, r.findings, "interview.fr.txt", 2))
    review = alignment_data(r, "en", "fr", "interview.fr.txt")
    assert report_json.dumps(review) == old_dumps(review)


def test_sample_reports_are_the_same_with_the_data_built_once(sample_result, tmp_path):
    """``write_set`` builds the report data once for findings.json and report.html: the files
    are those each writer writes on its own."""
    bundle = bundle_of(sample_result, "en", "fr", "sig")
    for folder in ("together", *RUN_OUTPUTS):
        (tmp_path / folder).mkdir()
    write_set(tmp_path / "together", RUN_OUTPUTS, bundle)
    for name in RUN_OUTPUTS:
        write_set(tmp_path / name, [name], bundle)
    for path in (tmp_path / "together").iterdir():
        alone = (tmp_path / next(n for n in RUN_OUTPUTS if (tmp_path / n / path.name).exists()) / path.name)
        if path.suffix == ".tmx":
            continue  # its creation date is the second it was written
        assert path.read_bytes() == alone.read_bytes(), path.name


# ---------------------------------------------------------------- TSV


def _old_clean(text: str) -> str:
    return " ".join(text.replace("\t", " ").splitlines())


def old_write_alignment(fh, units) -> None:
    """``tsv.write_alignment`` before issue 15: one write per row, every field cleaned."""
    fh.write("\t".join(_old_clean(str(f)) for f in tsv.ALIGNMENT_COLUMNS) + "\n")
    for u in units:
        fh.write("\t".join(_old_clean(str(f)) for f in (u.tuid, u.bead, f"{u.score:.4f}", u.source, u.target)) + "\n")


def old_write_unaligned(fh, rows) -> None:
    fh.write("\t".join(_old_clean(str(f)) for f in tsv.UNALIGNED_COLUMNS) + "\n")
    for r in rows:
        fh.write("\t".join(_old_clean(str(f)) for f in (r.side, r.index, r.text, r.reason)) + "\n")


def _tsv_both(write_new, write_old, rows):
    old, new = io.StringIO(), io.StringIO()
    write_old(old, list(rows))
    write_new(new, iter(list(rows)))  # the new writer takes a one-pass iterator too
    return old.getvalue(), new.getvalue()


@settings(max_examples=400, deadline=None)
@given(st.lists(UNITS, max_size=8),
       st.lists(st.builds(Unaligned, st.sampled_from(["source", "target"]), st.integers(-5, 10**6), TEXT, TEXT),
                max_size=5))
def test_tsv_writers_write_the_old_text_on_hostile_rows(units, rows):
    old, new = _tsv_both(tsv.write_alignment, old_write_alignment, units)
    assert new == old
    old, new = _tsv_both(tsv.write_unaligned, old_write_unaligned, rows)
    assert new == old


def test_tsv_writer_over_several_chunks_and_long_lines(sample_result):
    units = [*sample_result.units] * (2 * tsv.CHUNK // max(1, len(sample_result.units)) + 1)
    units += [TranslationUnit("x\t<&>" * 5_000 + "\r\n", "é\u2028" * 5_000, "b1", 0.5)]
    old, new = _tsv_both(tsv.write_alignment, old_write_alignment, units)
    assert new == old and new.count("\n") == len(units) + 1
    old, new = _tsv_both(tsv.write_unaligned, old_write_unaligned, sample_result.unaligned)
    assert new == old
