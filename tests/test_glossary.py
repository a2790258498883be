"""Glossary formats: OmegaT TSV, CSV with header, TBX v2 and v3 (read safely)."""

from __future__ import annotations

import pytest

from align.errors import DataError
from align.formats.glossary import parse_glossary

TBX2 = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX" xml:lang="en"><text><body>
 <termEntry id="c1">
  <langSet xml:lang="en"><tig><term>startup</term></tig><tig><term>start-up company</term></tig></langSet>
  <langSet xml:lang="fr-FR">
   <tig><term>start-up</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
   <tig><term>jeune pousse</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig>
  </langSet>
 </termEntry>
 <termEntry id="c2">
  <descrip type="definition">Company name. Do not translate.</descrip>
  <langSet xml:lang="en"><ntig><termGrp><term>Veltrane</term></termGrp></ntig></langSet>
 </termEntry>
 <termEntry id="c3"><langSet xml:lang="de"><tig><term>Modell</term></tig></langSet></termEntry>
</body></text></martif>"""

TBX3 = """<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2"><text><body>
 <conceptEntry id="c1">
  <langSec xml:lang="en"><termSec><term>AI</term>
   <termNote type="x-caseSensitive">true</termNote></termSec></langSec>
  <langSec xml:lang="fr"><termSec><term>IA</term></termSec>
   <termSec><term>I.A.</term><termNote type="administrativeStatus">supersededTerm-admn-sts</termNote></termSec>
  </langSec>
 </conceptEntry>
</body></text></tbx>"""


def test_omegat_tsv(parallel):
    entries = parse_glossary((parallel / "glossary.tsv").read_text(encoding="utf-8"))
    by = {e.source: e for e in entries}
    assert len(entries) == 15
    assert by["large language model"].targets == ("grand modèle de langage",)
    assert by["large language model"].note == "plural: grands modèles de langage"
    assert by["Veltrane"].do_not_translate and not by["startup"].do_not_translate


def test_csv_columns_mapped_by_name():
    text = ("Notes,French,English,Forbidden,DNT,Case sensitive\n"
            "a note,start-up|jeune entreprise,startup|start-up company,jeune pousse,,\n"
            ",,Corvid,,yes,yes\n")
    a, b = parse_glossary(text)
    assert a.source == "startup" and a.source_synonyms == ("start-up company",)
    assert a.targets == ("start-up", "jeune entreprise") and a.forbidden == ("jeune pousse",)
    assert a.note == "a note"
    assert b.do_not_translate and b.case_sensitive and b.targets == ("Corvid",)


def test_csv_with_language_codes_as_headers():
    (e,) = parse_glossary("en;fr\ninference;inférence\n")
    assert (e.source, e.targets) == ("inference", ("inférence",))


def test_tbx_v2():
    entries = parse_glossary(TBX2)
    assert [e.source for e in entries] == ["startup", "Veltrane"]
    startup, veltrane = entries
    assert startup.targets == ("start-up",) and startup.forbidden == ("jeune pousse",)
    assert startup.source_synonyms == ("start-up company",)
    assert veltrane.do_not_translate and veltrane.targets == ("Veltrane",)


def test_tbx_v3_namespaced():
    (ai,) = parse_glossary(TBX3)
    assert ai.targets == ("IA",) and ai.forbidden == ("I.A.",) and ai.case_sensitive


def test_tbx_entities_are_not_expanded():
    evil = ('<?xml version="1.0"?><!DOCTYPE martif [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            '<martif><text><body><termEntry><langSet xml:lang="en"><tig><term>a&x;</term></tig></langSet>'
            '<langSet xml:lang="fr"><tig><term>b</term></tig></langSet></termEntry></body></text></martif>')
    entries = parse_glossary(evil)
    assert "root:" not in entries[0].source


@pytest.mark.parametrize("text, message", [
    ("", "empty"),
    ("source,target\nstartup,\n", "needs a source term and a target term"),
    ("<martif><text><body><termEntry>", "not well-formed TBX"),
    ('<martif><text><body><termEntry><langSet xml:lang="en"><tig><term>model</term></tig></langSet>'
     '<langSet xml:lang="de"><tig><term>Modell</term></tig></langSet></termEntry></body></text></martif>',
     "no en→fr entry"),
])
def test_bad_glossaries_are_one_line_data_errors(text, message):
    with pytest.raises(DataError, match=message):
        parse_glossary(text, "g.csv")
