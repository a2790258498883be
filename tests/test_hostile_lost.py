"""Hostile input that used to lose work or write outputs that lie (issue 14, "work lost").

Each test builds its input in ``tmp_path`` and failed before its fix.
"""

from __future__ import annotations

import csv
import io
import math

import pytest
from click.testing import CliRunner

from align import pipeline
from align.batch.combine import TableConcat
from align.cli import main
from align.errors import DataError
from align.formats.glossary import parse_glossary
from align.formats.tmx import read_tmx
from align.model import MAX_UNIT_CHARS, TranslationUnit
from align.pipeline import REASON_TOO_LONG, run_pair
from align.terms import check_pairs
from align.terms.match import compile_pattern, find
from align.terms.text import tokenize

LONG = "x" * 140_000  # over the csv module's default field limit (131,072)


def run(*args, input=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input)


# 1. The csv field limit ------------------------------------------------------------------

def test_batch_combine_copies_a_table_with_a_huge_cell(tmp_path):
    table = tmp_path / "issues.csv"
    with open(table, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([["id", "target"], ["f1", LONG]])
    out = io.StringIO()
    TableConcat(out, ("id", "target")).add("p1", table)
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows[-1][0] == "p1" and len(rows[-1][-1]) == len(LONG)


def test_glossary_with_a_huge_cell(tmp_path):
    entries = parse_glossary(f"source\ttarget\tnote\nstartup\tjeune pousse\t{LONG}\n")
    assert entries[0].source == "startup" and len(entries[0].note) == len(LONG)


TBX_BODY = """<martif type="TBX" xml:lang="en"><text><body>
<termEntry><langSet xml:lang="en"><tig><term>startup</term></tig></langSet>
<langSet xml:lang="fr"><tig><term>jeune pousse</term></tig></langSet></termEntry>
</body></text></martif>"""


@pytest.mark.parametrize("prolog", [
    '<!DOCTYPE martif [\n' + "".join(f'<!ENTITY e{i} "entity number {i}">\n' for i in range(80)) + ']>\n',
    "<!-- " + "a long comment " * 350 + "-->\n",
], ids=["long-dtd", "5kB-comment"])
def test_tbx_with_a_long_prolog_is_read_as_tbx(prolog):
    text = '<?xml version="1.0" encoding="UTF-8"?>\n' + prolog + TBX_BODY
    assert len(text.split("<martif")[0]) > 2000
    entries = parse_glossary(text)
    assert [(e.source, e.target) for e in entries] == [("startup", "jeune pousse")]


# 2. A sentence too long for a TMX segment ------------------------------------------------

@pytest.fixture
def small_limit(monkeypatch):
    """The limit scaled down (1,000,000 characters take minutes through the term checks)."""
    monkeypatch.setattr(pipeline, "MAX_UNIT_CHARS", 5_000)
    return 5_000


def test_the_unit_limit_keeps_every_segment_under_libxml2s_limit():
    """4 bytes per character at most in UTF-8: a side of MAX_UNIT_CHARS stays under 10 MB."""
    assert MAX_UNIT_CHARS * 4 < 10_000_000


def test_a_sentence_too_long_for_a_unit_goes_to_unaligned_and_the_tmx_reads_back(tmp_path, small_limit):
    huge = "mot " * (small_limit // 4 + 10)
    en = tmp_path / "en.txt"
    fr = tmp_path / "fr.txt"
    en.write_text(f"The cat is asleep on the sofa.\n{'word ' * (small_limit // 5 + 10)}\n", encoding="utf-8")
    fr.write_text(f"Le chat dort sur le canapé.\n{huge}\n", encoding="utf-8")
    r = run("run", en, fr, "-o", tmp_path / "out", "-q")
    assert r.exit_code == 0, r.output
    units = list(read_tmx(tmp_path / "out" / "alignment.tmx", "en", "fr"))
    assert units and all(len(u.target) <= small_limit for u in units)
    unaligned = (tmp_path / "out" / "unaligned.tsv").read_text(encoding="utf-8")
    assert REASON_TOO_LONG.format(limit=small_limit) in unaligned
    assert huge.strip() in unaligned  # nothing lost: the sentence is there, with its reason


def test_run_pair_keeps_every_sentence_when_one_is_too_long(small_limit):
    huge = "word " * (small_limit // 5 + 10)
    result = run_pair(f"One short line.\n{huge}\n", "Une ligne courte.\nUne autre ligne.\n")
    assert all(len(u.source) <= small_limit for u in result.units)
    assert any(u.reason.startswith("too long") for u in result.unaligned)
    n_unit_src = sum(len(b.src) for b in result.unit_beads)
    assert n_unit_src + sum(u.side == "source" for u in result.unaligned) == len(result.source.sentences)


def test_reading_a_foreign_tmx_over_the_limit_says_why():
    seg = "a" * 10_500_000
    data = (f'<?xml version="1.0"?><tmx version="1.4"><header srclang="en"/><body><tu>'
            f'<tuv xml:lang="en"><seg>{seg}</seg></tuv><tuv xml:lang="fr"><seg>b</seg></tuv></tu></body></tmx>')
    with pytest.raises(DataError) as err:
        list(read_tmx(io.BytesIO(data.encode()), "en", "fr"))
    assert "10 MB" in err.value.one_line()


# 4. Glossary terms are literal strings ---------------------------------------------------

def test_terms_starting_with_hash_are_entries_not_comments():
    entries = parse_glossary("# our glossary, 2024\n#MeToo\t#MeToo\n#1 priority\tpriorité nº 1\n")
    assert [e.source for e in entries] == ["#MeToo", "#1 priority"]


def _matches(term: str, text: str) -> bool:
    return bool(find(compile_pattern(term, "en"), tokenize(text, "en"), text, "form"))


@pytest.mark.parametrize(("term", "text", "expected"), [
    ("(a)", "A cat sat on the mat.", False),
    ("(a)", "See clause (a) above.", True),
    ("C++", "C is an old language.", False),
    ("C++", "We write C++ every day.", True),
    ("C#", "C is an old language.", False),
    ("#MeToo", "The MeToo movement.", False),
    ("#MeToo", "The #MeToo movement.", True),
    ("R&D", "R and D", False),
    ("U.S.", "the U.S. army", True),
    ("start-up", "une start up", True),
])
def test_terms_match_with_their_punctuation(term, text, expected):
    assert _matches(term, text) is expected


def test_a_parenthesised_letter_raises_no_finding_on_the_article():
    glossary = parse_glossary("(a)\t(a)\n")
    _terms, findings = check_pairs([TranslationUnit("A cat sat.", "Un chat.", "b0001")], glossary)
    assert findings == ()


@pytest.mark.parametrize("term", [".*", "[", "^$"])
def test_a_term_with_no_letter_is_refused_with_one_line(term):
    with pytest.raises(DataError) as err:
        parse_glossary(f"startup\tjeune pousse\n{term}\t{term}\n")
    assert "no letter or digit" in err.value.one_line() and "row 2" in err.value.one_line()


# 7. Option values that wrote lies ----------------------------------------------------------

def test_min_score_nan_is_refused(tmp_path):
    (tmp_path / "en.txt").write_text("The cat is asleep.\n", encoding="utf-8")
    (tmp_path / "fr.txt").write_text("Le chat dort.\n", encoding="utf-8")
    r = run("run", tmp_path / "en.txt", tmp_path / "fr.txt", "-o", tmp_path / "out", "--min-score", "nan")
    assert r.exit_code == 2
    assert not (tmp_path / "out").exists()
    assert math.isnan(float("nan"))


# 5. Offsets index FILE as given ----------------------------------------------------------

@pytest.mark.parametrize(("data", "encoding"), [
    (b"Le chat dort. Il fait beau.\r\nThe cat is asleep.\r\nFin du texte.\r\n", "utf-8"),
    ("\ufeffLe chat dort. Il fait beau.\r\nThe cat is asleep.\n".encode(), "utf-8"),
    (b"Le chat dort.\rIl fait beau.\r", "utf-8"),
], ids=["crlf", "bom+crlf", "cr"])
@pytest.mark.parametrize("command", ["segment", "split"])
def test_offsets_point_into_the_file_as_given(tmp_path, data, encoding, command):
    path = tmp_path / "mixed.txt"
    path.write_bytes(data)
    out = tmp_path / "out.txt"
    args = ["segment", path, "--lang", "auto", "--offsets", "-o", out] if command == "segment" \
        else ["split", path, "--fr", out, "--en", tmp_path / "en.txt"]
    r = run(*args)
    assert r.exit_code == 0, r.output
    with open(path, encoding=encoding, newline="") as fh:
        original = fh.read()
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines
    for line in lines:
        start, end, *rest = line.split("\t")
        assert original[int(start):int(end)] == rest[-1]


def test_the_iconv_hint_runs_as_written(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Le café est prêt.\n".encode("latin-1"))
    r = run("segment", path)
    assert r.exit_code == 1
    assert f"iconv -f ISO-8859-1 -t UTF-8 {path} > converted.txt" in r.output


def test_utf16_with_an_unpaired_surrogate_is_not_called_utf8(tmp_path):
    path = tmp_path / "u16.txt"
    path.write_bytes(b"\xff\xfe" + "Le chat".encode("utf-16-le") + b"\x00\xd8" + " dort.".encode("utf-16-le"))
    r = run("segment", path)
    assert r.exit_code == 1
    assert "not valid UTF-16" in r.output and "UTF-8" not in r.output
