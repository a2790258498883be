import io

import pytest
from lxml import etree

from align.errors import DataError, UsageError
from align.formats.tmx import TmxHeader, read_tmx, write_tmx
from align.model import TranslationUnit


def _write(units, **header):
    buf = io.BytesIO()
    summary = write_tmx(buf, units, TmxHeader(**header))
    return buf.getvalue(), summary


def test_round_trip_keeps_text_exactly():
    units = [TranslationUnit(" a < b & c ]]> ", "l’été « 𝄞 »", "b0001", 0.5, "2-1", "doc")]
    data, summary = _write(units)
    assert summary.written == 1
    back = list(read_tmx(io.BytesIO(data)))
    assert back == units


def test_illegal_characters_are_removed_and_counted():
    data, summary = _write([TranslationUnit("a\x00b\x1f", "c\x0bd")])
    assert summary.illegal_chars_removed == 3
    assert [(u.source, u.target) for u in read_tmx(io.BytesIO(data))] == [("ab", "cd")]


def test_empty_and_one_sided_units_are_skipped():
    _, summary = _write([TranslationUnit("", "x"), TranslationUnit("x", "  "), TranslationUnit("a", "b")])
    assert (summary.written, summary.skipped_empty) == (1, 2)


def test_posix_locale_is_refused():
    with pytest.raises(UsageError, match="not BCP 47") as exc:
        _write([], tgtlang="fr_FR")
    assert exc.value.one_line() == "language code 'fr_FR' is not BCP 47 (use 'fr-FR')"


def test_validates_against_the_tmx14_dtd(shared):
    data, _ = _write([TranslationUnit("Hello.", "Bonjour.", "b1", 0.9, "1-1", "d")], srclang="en-US",
                     tgtlang="fr-FR")
    dtd = etree.DTD(str(shared / "tmx" / "tmx14.dtd"))
    assert dtd.validate(etree.fromstring(data)), dtd.error_log.filter_from_errors()


def test_reads_tmx11_lang_attribute_and_language_variants():
    data = b"""<tmx version="1.1"><header srclang="EN-us"/><body>
    <tu><tuv lang="en-US"><seg>Hi <ph>x</ph>there</seg></tuv><tuv lang="FR-fr"><seg>Salut</seg></tuv></tu>
    </body></tmx>"""
    units = list(read_tmx(io.BytesIO(data), "en", "fr"))
    assert [(u.source, u.target) for u in units] == [("Hi there", "Salut")]


def test_billion_laughs_is_not_expanded():
    bomb = b"""<?xml version="1.0"?>
<!DOCTYPE tmx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>
<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>&d;</seg></tuv>
<tuv xml:lang="fr"><seg>x</seg></tuv></tu></body></tmx>"""
    units = list(read_tmx(io.BytesIO(bomb)))
    assert all(len(u.source) < 100 for u in units)


def test_external_entity_is_not_fetched(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET")
    xxe = f"""<?xml version="1.0"?>
<!DOCTYPE tmx [<!ENTITY x SYSTEM "file://{secret}">]>
<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>&x;</seg></tuv>
<tuv xml:lang="fr"><seg>y</seg></tuv></tu></body></tmx>""".encode()
    units = list(read_tmx(io.BytesIO(xxe)))
    assert all("TOPSECRET" not in u.source for u in units)


def test_malformed_tmx_is_a_data_error():
    with pytest.raises(DataError, match="not well-formed"):
        list(read_tmx(io.BytesIO(b"<tmx><body><tu>")))
