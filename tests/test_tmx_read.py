"""The TMX reader on files other tools write: versions, namespaces, encodings, languages, markup."""

import io

import pytest

from align.errors import DataError, UsageError
from align.formats.tmx import TmxHeader, read_pairs, read_tmx, read_tmx_langs, tmx_frame, write_tmx
from align.io import read_text
from align.model import TranslationUnit
from align.pipeline import run_pair
from align.report.outputs import write_outputs

TMX14 = """<?xml version="1.0" encoding="{enc}"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t"
 adminlang="en" srclang="en-US" datatype="plaintext"/><body>
<tu tuid="1"><tuv xml:lang="en-US"><seg>Hello world.</seg></tuv>
<tuv xml:lang="fr-FR"><seg>Bonjour le monde.</seg></tuv></tu>
<tu tuid="2"><tuv xml:lang="en-US"><seg>Café × 𝄞</seg></tuv><tuv xml:lang="fr-FR"><seg>Café « 𝄞 »</seg></tuv></tu>
</body></tmx>"""
EXPECTED = [("Hello world.", "Bonjour le monde."), ("Café × 𝄞", "Café « 𝄞 »")]


def _read(data: bytes, *langs):
    return [(u.source, u.target) for u in read_tmx(io.BytesIO(data), *langs)]


@pytest.mark.parametrize("encoding, bom", [
    ("UTF-8", b""), ("UTF-8", b"\xef\xbb\xbf"), ("UTF-16", b""), ("UTF-16-LE", b"\xff\xfe"),
    ("UTF-16-BE", b"\xfe\xff"),
])
def test_encodings_with_and_without_bom(encoding, bom):
    declared = "UTF-16" if encoding.startswith("UTF-16") else encoding
    data = bom + TMX14.format(enc=declared).encode(encoding)
    assert _read(data) == EXPECTED


def test_reads_from_a_path(tmp_path):
    path = tmp_path / "m.tmx"
    path.write_text(TMX14.format(enc="UTF-8"), encoding="utf-8")
    assert [(u.source, u.target) for u in read_tmx(path)] == EXPECTED
    assert list(read_pairs(str(path))) == EXPECTED


def test_missing_file_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="no such file"):
        list(read_tmx(tmp_path / "absent.tmx"))


def test_namespaced_file():
    data = b"""<tmx xmlns="http://www.lisa.org/tmx14" version="1.4"><header srclang="en"/><body>
    <tu><tuv xml:lang="en"><seg>Yes</seg></tuv><tuv xml:lang="fr"><seg>Oui</seg></tuv></tu></body></tmx>"""
    assert _read(data) == [("Yes", "Oui")]


def test_reads_tmx11_lang_attribute_and_language_variants():
    data = b"""<tmx version="1.1"><header srclang="EN-us"/><body>
    <tu><tuv lang="en-US"><seg>Hi <ph>x</ph>there</seg></tuv><tuv lang="FR-fr"><seg>Salut</seg></tuv></tu>
    </body></tmx>"""
    units = list(read_tmx(io.BytesIO(data), "en", "fr"))
    assert [(u.source, u.target, u.inline_markup) for u in units] == [("Hi there", "Salut", True)]


MULTI = b"""<tmx version="1.4"><header srclang="*all*"/><body>
<tu><tuv xml:lang="de"><seg>Ja</seg></tuv><tuv xml:lang="en-GB"><seg>Yes</seg></tuv>
<tuv xml:lang="fr"><seg>Oui</seg></tuv></tu>
<tu><tuv xml:lang="EN-gb"><seg>No</seg></tuv><tuv xml:lang="FR"><seg>Non</seg></tuv></tu>
<tu><tuv xml:lang="en-US"><seg>Color</seg></tuv><tuv xml:lang="fr"><seg>Couleur</seg></tuv></tu>
</body></tmx>"""


def test_any_language_pair_can_be_chosen():
    assert _read(MULTI, "en", "fr") == [("Yes", "Oui"), ("No", "Non"), ("Color", "Couleur")]
    assert _read(MULTI, "en-GB", "fr") == [("Yes", "Oui"), ("No", "Non")]
    assert _read(MULTI, "fr", "de") == [("Oui", "Ja")]
    assert _read(MULTI, "de", "EN") == [("Ja", "Yes")]


def test_default_pair_is_the_first_met_and_tags_are_reported():
    rows = [(u.source, s, t) for u, s, t in read_tmx_langs(io.BytesIO(MULTI))]
    assert rows == [("Ja", "de", "en-GB")]


def test_inline_markup_is_reduced_to_text_with_a_flag():
    data = b"""<tmx version="1.4"><header srclang="en"/><body><tu>
    <tuv xml:lang="en"><seg>Click <bpt i="1">&lt;b&gt;</bpt>Save<ept i="1">&lt;/b&gt;</ept> now<ph>{1}</ph>.
    See <hi type="x">the <hi>manual</hi></hi><it pos="begin">&lt;i&gt;</it> <ut>&lt;br/&gt;</ut>ok
    <ph>&lt;img alt="<sub>A picture</sub>"&gt;</ph>!</seg></tuv>
    <tuv xml:lang="fr"><seg>Cliquez<!-- a comment --> sur Enregistrer.</seg></tuv></tu></body></tmx>"""
    (unit,) = read_tmx(io.BytesIO(data))
    assert unit.source == "Click Save now.\n    See the manual ok\n    !"
    assert unit.target == "Cliquez sur Enregistrer."
    assert unit.inline_markup


def test_one_sided_and_empty_units_are_not_yielded():
    data = b"""<tmx version="1.4"><header srclang="en"/><body>
    <tu><tuv xml:lang="en"><seg>Alone</seg></tuv></tu>
    <tu><tuv xml:lang="en"><seg>Empty</seg></tuv><tuv xml:lang="fr"><seg/></tuv></tu>
    <tu><tuv xml:lang="en"><seg>Both</seg></tuv><tuv xml:lang="fr"><seg>Les deux</seg></tuv></tu>
    </body></tmx>"""
    assert _read(data) == [("Both", "Les deux")]


def test_foreign_props_are_kept_and_bad_scores_tolerated():
    data = b"""<tmx version="1.4"><header srclang="en"/><body><tu tuid="7">
    <prop type="x-score">high</prop><prop type="x-client">ACME</prop>
    <tuv xml:lang="en"><seg>A</seg></tuv><tuv xml:lang="fr"><seg>B</seg></tuv></tu></body></tmx>"""
    (unit,) = read_tmx(io.BytesIO(data))
    assert (unit.tuid, unit.score, unit.props) == ("7", 1.0, (("x-client", "ACME"),))


def test_not_a_tmx_is_a_data_error():
    with pytest.raises(DataError, match="not a TMX"):
        list(read_tmx(io.BytesIO(b"<xliff version='1.2'><file/></xliff>")))


def test_dataframe_api():
    buf = io.BytesIO()
    units = [TranslationUnit("One.", "Un.", "b1", 0.5, "1-1", "d"), TranslationUnit("Two.", "Deux.", "b2")]
    write_tmx(buf, units, TmxHeader())
    frame = tmx_frame(io.BytesIO(buf.getvalue()))
    assert list(frame["source"]) == ["One.", "Two."] and list(frame["target"]) == ["Un.", "Deux."]
    assert list(frame.columns) == ["unit", "type", "score", "document", "source", "target", "inline_markup"]
    assert frame["score"].tolist() == [0.5, 1.0]


def test_translate_toolkit_reads_our_tmx():
    """A second, independent TMX implementation (translate-toolkit) sees our units exactly."""
    tt_tmx = pytest.importorskip("translate.storage.tmx", reason="translate-toolkit not installed (test extra)")
    units = [TranslationUnit(" a < b & c ]]> ", "l’été « 𝄞 »", "b1"), TranslationUnit("Two\ttabs.", "Deux\r.", "b2")]
    buf = io.BytesIO()
    write_tmx(buf, units, TmxHeader(srclang="en-US", tgtlang="fr-FR"), drop_untranslated=False)
    store = tt_tmx.tmxfile.parsestring(buf.getvalue())
    got = [(u.source, u.target) for u in store.units]
    assert got == [(u.source, u.target) for u in units]
    assert store.getsourcelanguage() == "en-US"


def test_translate_toolkit_reads_the_sample_tmx(tmp_path, parallel):
    """The TMX ``align run`` writes from parallel/, read by translate-toolkit and by us: same pairs."""
    tt_tmx = pytest.importorskip("translate.storage.tmx", reason="translate-toolkit not installed (test extra)")
    result = run_pair(read_text(parallel / "interview.en.txt"), read_text(parallel / "interview.fr.txt"))
    path = write_outputs(result, tmp_path, TmxHeader())["alignment.tmx"]
    store = tt_tmx.tmxfile.parsefile(str(path))
    ours = [(u.source, u.target) for u in read_tmx(path)]
    assert ours and [(u.source, u.target) for u in store.units] == ours
