"""The TMX writer: header, units, escaping, what is left out and why, DTD validity, round trip."""

import io
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from align.errors import DataError, UsageError
from align.formats.tmx import XML_LANG, TmxHeader, clean_xml_text, read_tmx, write_tmx
from align.model import TranslationUnit


def _write(units, merge=False, **header):
    """Units labelled as ``align`` labels a memory from elsewhere (the writer itself detects nothing)."""
    from align.pipeline import label_targets

    buf = io.BytesIO()
    h = TmxHeader(**header)
    summary = write_tmx(buf, label_targets(units, h.srclang, h.tgtlang), h, merge_duplicates=merge)
    return buf.getvalue(), summary


def _pairs(data, *langs):
    return [(u.source, u.target) for u in read_tmx(io.BytesIO(data), *langs)]


def _dtd_valid(shared, data: bytes) -> None:
    dtd = etree.DTD(str(shared / "tmx" / "tmx14.dtd"))
    assert dtd.validate(etree.fromstring(data)), dtd.error_log.filter_from_errors()


def test_round_trip_keeps_text_exactly():
    units = [TranslationUnit(" a < b & c ]]> ", "l’été « 𝄞 »", "b0001", 0.5, "2-1", "doc")]
    data, summary = _write(units)
    assert summary.written == 1
    back = list(read_tmx(io.BytesIO(data)))
    assert back == units


def test_round_trip_keeps_carriage_returns_tabs_and_edge_spaces():
    units = [TranslationUnit("a\r\nb\rc ", " x\ty\n", "b1")]
    buf = io.BytesIO()
    write_tmx(buf, units, TmxHeader(), drop_untranslated=False)
    assert _pairs(buf.getvalue()) == [("a\r\nb\rc ", " x\ty\n")]


def test_header_has_the_seven_required_attributes_and_a_tmx_date():
    data, _ = _write([TranslationUnit("Hello.", "Bonjour.")])
    root = etree.fromstring(data)
    assert root.tag == "tmx" and root.get("version") == "1.4"
    header = root.find("header")
    for attr in ("creationtool", "creationtoolversion", "segtype", "o-tmf", "adminlang", "srclang", "datatype"):
        assert header.get(attr), attr
    assert (header.get("creationtool"), header.get("segtype"), header.get("datatype")) == \
        ("align", "sentence", "plaintext")
    assert re.fullmatch(r"\d{8}T\d{6}Z", header.get("creationdate"))


def test_tu_carries_tuid_score_bead_document_and_lang_tags():
    data, _ = _write([TranslationUnit("A. B.", "AB.", "b0007", 0.87654, "2-1", "chap1.txt")],
                     srclang="en-us", tgtlang="FR-fr")
    tu = etree.fromstring(data).find("body/tu")
    assert tu.get("tuid") == "b0007"
    props = {p.get("type"): p.text for p in tu.findall("prop")}
    assert props == {"x-score": "0.8765", "x-bead": "2-1", "x-document": "chap1.txt"}
    assert [t.get(XML_LANG) for t in tu.findall("tuv")] == ["en-US", "fr-FR"]


def test_no_whitespace_is_added_inside_seg():
    data, _ = _write([TranslationUnit("  two  spaces ", "\tdeux")])
    segs = etree.fromstring(data).findall(".//seg")
    assert [s.text for s in segs] == ["  two  spaces ", "\tdeux"]
    assert b"<seg>  two  spaces </seg>" in data


def test_markup_like_text_is_escaped_not_interpreted():
    buf = io.BytesIO()
    write_tmx(buf, [TranslationUnit("<b>bold</b> & ]]>", "<i>gras</i> et ]]>")], TmxHeader(),
              drop_untranslated=False)
    data = buf.getvalue()
    assert b"<b>" not in data and b"&lt;b&gt;" in data
    assert _pairs(data) == [("<b>bold</b> & ]]>", "<i>gras</i> et ]]>")]


def test_illegal_characters_are_removed_and_counted():
    data, summary = _write([TranslationUnit("a\x00b\x1f", "c\x0bd\ufffe")])
    assert summary.illegal_chars_removed == 4
    assert _pairs(data) == [("ab", "cd")]


def test_empty_and_one_sided_units_are_skipped():
    data, summary = _write([TranslationUnit("", "x"), TranslationUnit("x", "  "), TranslationUnit("a", "b"),
                            TranslationUnit("\x00", "y")])
    assert (summary.written, summary.skipped_empty) == (1, 3)
    assert b"<seg></seg>" not in data and b"<seg/>" not in data


def test_untranslated_target_is_left_out_and_reported():
    units = [TranslationUnit("Corvid is the model you can actually read.",
                             "Corvid is the model you can actually read.", "b1"),
             TranslationUnit("The model is open.", "Le modèle est ouvert.", "b2")]
    data, summary = _write(units)
    assert _pairs(data) == [("The model is open.", "Le modèle est ouvert.")]
    assert (summary.untranslated_skipped, summary.untranslated) == (1, ["b1"])
    assert any("1 untranslated" in line for line in summary.lines())


def test_short_targets_are_not_judged_untranslated():
    """Two words are too little evidence: « I x » (English « I ») must not drop a unit."""
    assert _write([TranslationUnit("Me and x", "I x")])[1].written == 1
    assert _write([TranslationUnit("Me and you", "I and you")])[1].written == 0


def test_untranslated_check_can_be_switched_off():
    buf = io.BytesIO()
    write_tmx(buf, [TranslationUnit("It is read.", "It is read.")], TmxHeader(),
              drop_untranslated=False)
    assert len(_pairs(buf.getvalue())) == 1


def test_duplicates_merged_only_when_asked():
    units = [TranslationUnit("Yes.", "Oui."), TranslationUnit("Yes.", "Oui."), TranslationUnit("Yes.", "Si.")]
    assert _write(units)[1].written == 3
    data, summary = _write(units, merge=True)
    assert (summary.written, summary.duplicates_merged) == (2, 1)
    assert _pairs(data) == [("Yes.", "Oui."), ("Yes.", "Si.")]


def test_posix_locale_is_refused():
    with pytest.raises(UsageError, match="not BCP 47") as exc:
        _write([], tgtlang="fr_FR")
    assert exc.value.one_line() == "language code 'fr_FR' is not BCP 47 (use 'fr-FR')"


@pytest.mark.parametrize("header", [{"srclang": "english"}, {"adminlang": "en_US"},
                                    {"creationdate": "2024-05-01"}, {"srclang": "fr", "tgtlang": "fr"}])
def test_bad_header_values_are_usage_errors(header):
    with pytest.raises(UsageError):
        _write([], **header)


@pytest.mark.parametrize("langs", [("en", "fr"), ("en-US", "fr-FR"), ("en-GB", "fr-CA")])
def test_validates_against_the_tmx14_dtd(shared, langs):
    units = [TranslationUnit("Hello.", "Bonjour.", "b1", 0.9, "1-1", "d", (("x-note", "n"),)),
             TranslationUnit("No tuid & no doc", "Sans identifiant ni document")]
    data, _ = _write(units, srclang=langs[0], tgtlang=langs[1], props=(("x-signature", "align 0.1"),))
    _dtd_valid(shared, data)


def test_empty_memory_is_still_dtd_valid(shared):
    _dtd_valid(shared, _write([])[0])


texts = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1).filter(
    lambda s: s.strip() and not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", s))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(texts, texts), max_size=5))
def test_round_trip_arbitrary_unicode(pairs):
    """Non-BMP, <, &, ]]>, CR, leading/trailing spaces: what goes in comes out."""
    units = [TranslationUnit(s, t, f"b{i}") for i, (s, t) in enumerate(pairs)]
    buf = io.BytesIO()
    write_tmx(buf, units, TmxHeader(), drop_untranslated=False)
    assert [(u.source, u.target) for u in read_tmx(io.BytesIO(buf.getvalue()))] == pairs


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.text(), st.text()), max_size=5))
def test_any_text_comes_back_minus_illegal_characters(pairs):
    """Control characters, lone surrogates, U+FFFE included: removed, counted, never a broken file."""
    buf = io.BytesIO()
    summary = write_tmx(buf, [TranslationUnit(s, t) for s, t in pairs], TmxHeader(), drop_untranslated=False)
    cleaned = [(clean_xml_text(s)[0], clean_xml_text(t)[0]) for s, t in pairs]
    kept = [(s, t) for s, t in cleaned if s.strip() and t.strip()]
    assert _pairs(buf.getvalue()) == kept
    assert summary.illegal_chars_removed == sum(clean_xml_text(s)[1] + clean_xml_text(t)[1] for s, t in pairs)
    assert summary.skipped_empty == len(pairs) - len(kept)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(texts, texts), min_size=1, max_size=3))
def test_round_trip_output_is_always_dtd_valid(shared, pairs):
    buf = io.BytesIO()
    write_tmx(buf, [TranslationUnit(s, t, "b", 1.0, "1-1", s) for s, t in pairs], TmxHeader(),
              drop_untranslated=False)
    _dtd_valid(shared, buf.getvalue())


def test_malformed_tmx_is_a_data_error():
    with pytest.raises(DataError, match="not well-formed"):
        list(read_tmx(io.BytesIO(b"<tmx><body><tu>")))


def test_the_sample_run_tmx_is_dtd_valid_and_clean(shared, parallel, tmp_path):
    """The file users take away from ``align run parallel/…``: DTD-valid and no problem found."""
    from align.formats.tmx import validate_tmx
    from align.io import read_text
    from align.pipeline import run_pair
    from align.report.outputs import write_outputs

    result = run_pair(read_text(parallel / "interview.en.txt"), read_text(parallel / "interview.fr.txt"))
    path = write_outputs(result, tmp_path, TmxHeader(srclang="en-US", tgtlang="fr-FR"))["alignment.tmx"]
    _dtd_valid(shared, path.read_bytes())
    assert validate_tmx(path) == []
    assert len(list(read_tmx(path))) == len(result.units) > 0


def test_converted_tmx_is_dtd_valid(shared, tmp_path):
    from align.formats.tmx import convert_tmx

    legacy = tmp_path / "legacy.tmx"
    legacy.write_bytes(b"""<tmx version="1.1"><header srclang="en_GB"/><body><tu><tuv lang="en_GB">
    <seg>Click <bpt i="1">&lt;b&gt;</bpt>Save<ept i="1">&lt;/b&gt;</ept>.</seg></tuv>
    <tuv lang="fr_FR"><seg>Cliquez sur Enregistrer.</seg></tuv></tu></body></tmx>""")
    convert_tmx(legacy, "tmx", tmp_path / "clean.tmx")
    _dtd_valid(shared, (tmp_path / "clean.tmx").read_bytes())
