"""SRX 2.0 segmentation: parsing, rule order, cascading maps, Java regex conversion."""

import pytest
import regex

from align.config import SegmentConfig
from align.errors import DataError
from align.formats.srx import parse_srx
from align.segment import segment_text
from align.segment.javaregex import compile_rule, convert
from align.segment.srx import SrxSegmenter

SRX = b"""<?xml version="1.0" encoding="UTF-8"?>
<srx xmlns="http://www.lisa.org/srx20" version="2.0">
<header cascade="%s"/>
<body>
<languagerules>
  <languagerule languagerulename="French">
    <rule break="no"><beforebreak>\\b(?i)m\\.</beforebreak><afterbreak>\\s</afterbreak></rule>
  </languagerule>
  <languagerule languagerulename="Default">
    <rule break="no"><beforebreak>\\bDr\\.</beforebreak><afterbreak>\\s</afterbreak></rule>
    <rule break="yes"><beforebreak>[.?!]+</beforebreak><afterbreak>\\s</afterbreak></rule>
  </languagerule>
</languagerules>
<maprules>
  <languagemap languagepattern="FR.*" languagerulename="French"/>
  <languagemap languagepattern=".*" languagerulename="Default"/>
</maprules>
</body>
</srx>"""


def _texts(text, lang, srx, srx_lang=None):
    return [s.text for s in segment_text(text, lang, SegmentConfig(lang=lang, srx_lang=srx_lang), srx=srx)]


def test_break_and_exception_rules_in_order():
    rules = parse_srx(SRX % b"yes")
    assert _texts("Le Dr. Martin et M. Dupont sont là. Ils partent ! Bien.", "fr", rules) == [
        "Le Dr. Martin et M. Dupont sont là.", "Ils partent !", "Bien."]


def test_cascade_no_uses_first_matching_map_only():
    rules = parse_srx(SRX % b"no")
    assert rules.rules_for("fr") == rules.languages[0][1]
    assert _texts("Un. Deux.", "fr", rules) == ["Un. Deux."]  # the French rules break nowhere
    assert _texts("Un. Deux.", "en", rules) == ["Un.", "Deux."]


def test_no_language_map():
    with pytest.raises(DataError, match="languagemap"):
        parse_srx(b"<srx version='2.0'><body/></srx>")


def test_srx_lang_picks_the_rules():
    rules = parse_srx(SRX % b"yes")
    assert _texts("Voir M. Dupont. Fin.", "fr", rules, srx_lang="en") == ["Voir M.", "Dupont.", "Fin."]


def test_case_insensitive_inline_flag_is_scoped():
    assert convert(r"\b(?i)m\.") == r"\b(?i:m\.)"
    assert convert(r"(a(?i)b)c") == r"(a(?i:b))c"
    assert regex.match(convert(r"x(?i)y"), "xY") and not regex.match(convert(r"(x(?i)y)z"), "xyZ")


def test_java_classes():
    assert regex.fullmatch(convert(r"\h\p{Punct}"), "\u202f!")
    assert regex.fullmatch(convert(r"[\h\v]+"), " \n\u00a0")
    assert regex.fullmatch(convert(r"(?U)\p{Lu}"), "É")
    pattern = compile_rule(r"[\p{L}&&[^rwn]]\.", r"\s")
    assert pattern.match("a. ", 2) and not pattern.match("r. ", 2)


def test_unsafe_xml_is_refused():
    evil = b"""<?xml version="1.0"?><!DOCTYPE srx [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<srx version="2.0"><body><maprules><languagemap languagepattern=".*" languagerulename="D">&x;</languagemap>
</maprules></body></srx>"""
    rules = parse_srx(evil)
    assert "root:" not in repr(rules)


def test_not_srx():
    with pytest.raises(DataError, match="not an SRX file"):
        parse_srx(b"<tmx/>")
    with pytest.raises(DataError, match="well-formed"):
        parse_srx(b"<srx")


def test_no_rules_for_language():
    rules = parse_srx(SRX.replace(b'languagepattern=".*"', b'languagepattern="DE"') % b"yes")
    with pytest.raises(DataError, match="no rules for language"):
        SrxSegmenter(rules, "en")


@pytest.mark.parametrize("name", ["omegat_defaultRules.srx", "languagetool_segment.srx"])
def test_real_rule_files(shared, name):
    rules = parse_srx((shared / "srx" / name).read_bytes())
    for lang in ("en", "fr"):
        seg = SrxSegmenter(rules, lang)
        assert len(seg.compiled) == len(seg.rules)  # every rule converted
    fr = _texts("M. Dupont est arrivé. Il a vu Mme Martin, etc. Pourquoi ? Parce que.", "fr", rules)
    assert fr == ["M. Dupont est arrivé.", "Il a vu Mme Martin, etc.", "Pourquoi ?", "Parce que."]
    en = _texts("Mr. Smith arrived. Why? Because.", "en", rules)
    assert en == ["Mr. Smith arrived.", "Why?", "Because."]


def test_all_languages_of_real_files_compile(shared):
    for name in ("omegat_defaultRules.srx", "languagetool_segment.srx"):
        rules = parse_srx((shared / "srx" / name).read_bytes())
        failed = [r for _, rs in rules.languages for r in rs if compile_rule(r.before, r.after) is None]
        assert failed == []


# --- the CAT tools' rules by name: --srx omegat | languagetool ---------------------------

_TINY_SRX = b"""<?xml version="1.0"?><srx version="2.0"><header segmentsubflows="yes" cascade="no"/><body>
<languagerules><languagerule languagerulename="Any"><rule break="yes"><beforebreak>;</beforebreak>
<afterbreak>\\s</afterbreak></rule></languagerule></languagerules>
<maprules><languagemap languagepattern=".*" languagerulename="Any"/></maprules></body></srx>"""


def _jar(path, member, data=_TINY_SRX):
    import zipfile

    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w") as jar:
        jar.writestr(member, data)


def test_omegat_shortcut_prefers_the_users_own_rules(tmp_path):
    from align.formats.srx_sources import find_srx

    (tmp_path / ".omegat").mkdir()
    (tmp_path / ".omegat" / "segmentation.srx").write_bytes(_TINY_SRX)
    where, data = find_srx("OmegaT", home=tmp_path)
    assert where == str(tmp_path / ".omegat" / "segmentation.srx") and data == _TINY_SRX


def test_languagetool_shortcut_reads_inside_its_jar(tmp_path):
    from align.formats.srx_sources import find_srx, languagetool_places

    if any(p.path.is_file() for p in languagetool_places(tmp_path)):
        pytest.skip("a LanguageTool is installed on this machine: it would be found first")
    jar = tmp_path / ".cache" / "language_tool_python" / "LanguageTool-6.4" / "libs" / "languagetool-core.jar"
    _jar(jar, "org/languagetool/resource/segment.srx")
    where, data = find_srx("languagetool", home=tmp_path)
    assert where.startswith(str(jar)) and data == _TINY_SRX
    rules = __import__("align.formats.srx_sources", fromlist=["load_srx"]).load_srx("languagetool", home=tmp_path)
    assert [s.text for s in segment_text("Un ; deux", "fr", srx=rules)] == ["Un ;", "deux"]


def test_absent_tool_is_one_line_naming_where_it_looked(tmp_path):
    from align.errors import UsageError
    from align.formats.srx_sources import find_srx, languagetool_places

    if any(p.path.is_file() for p in languagetool_places(tmp_path)):
        pytest.skip("a LanguageTool is installed on this machine")
    with pytest.raises(UsageError) as err:
        find_srx("languagetool", home=tmp_path)
    line = err.value.one_line()
    assert "\n" not in line and "looked in" in line and "languagetool-core.jar" in line and str(tmp_path) in line


def test_the_installed_omegat_rules_cut_after_us(tmp_path):
    """OmegaT's own rules (inside its jar) break after "U.S." where ours keep the sentence whole."""
    from align.formats.srx_sources import find_srx, load_srx, omegat_places

    jar = [p for p in omegat_places(tmp_path) if p.member and p.path.is_file()]
    if not jar:
        pytest.skip("OmegaT is not installed (apt-get install omegat)")
    where, _ = find_srx("omegat", home=tmp_path)
    assert where.endswith("defaultRules.srx")
    text = "How do you compete with the U.S. teams? We do."
    assert [s.text for s in segment_text(text, "en", srx=load_srx("omegat", home=tmp_path))] == [
        "How do you compete with the U.S.", "teams?", "We do."]
    assert len(segment_text(text, "en")) == 2


def test_profile_srx_omegat_cuts_both_sides_in_run(tmp_path):
    """``srx = "omegat"`` in align.toml: ``run`` cuts with OmegaT's rules (the signature says so,
    and the sample's "U.S." sentences become two source sentences each)."""
    from pathlib import Path

    from click.testing import CliRunner

    from align.cli import main
    from align.formats.srx_sources import omegat_places

    if not any(p.member and p.path.is_file() for p in omegat_places(tmp_path)):
        pytest.skip("OmegaT is not installed (apt-get install omegat)")
    parallel = Path(__file__).resolve().parents[1] / "parallel"
    profile = tmp_path / "align.toml"
    profile.write_text('srx = "omegat"\n', encoding="utf-8")
    outputs = {}
    for label, extra in (("srx", ["--profile", str(profile)]), ("rules", [])):
        r = CliRunner().invoke(main, ["run", str(parallel / "interview.en.txt"), str(parallel / "interview.fr.txt"),
                                      "-o", str(tmp_path / label), *extra])
        assert r.exit_code == 0, r.output
        outputs[label] = r.output
    assert "seg:srx=omegat" in outputs["srx"] and "seg:rules" in outputs["rules"]
    import re

    counts = {k: int(re.search(r"sentences: source (\d+)", v).group(1)) for k, v in outputs.items()}
    assert counts["srx"] > counts["rules"]  # OmegaT's rules break after "U.S." (twice in the sample)
