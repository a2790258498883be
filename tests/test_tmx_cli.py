"""``align tmx stats | check | convert``, in-process, with exact lines and exit codes."""

import csv
import io

import pytest
from click.testing import CliRunner

from align.cli import main
from align.formats.tmx import TmxHeader, read_pairs, write_tmx
from align.model import TranslationUnit

UNITS = [TranslationUnit("One apple.", "Une pomme.", "b1", 0.9),
         TranslationUnit("Two, \"quoted\"\nlines.", "Deux lignes,\t« citées ».", "b2", 0.8, "2-1"),
         TranslationUnit("One apple.", "Une pomme.", "b3")]


def run(*args, input=None):
    return CliRunner().invoke(main, list(map(str, args)), input=input)


@pytest.fixture
def memory(tmp_path):
    path = tmp_path / "m.tmx"
    with path.open("wb") as fh:
        write_tmx(fh, UNITS, TmxHeader(srclang="en-US", tgtlang="fr-FR"), drop_untranslated=False)
    return path


BAD = b"""<tmx version="1.4"><header srclang="en"/><body>
<tu tuid="1"><tuv xml:lang="en"><seg>Hello</seg></tuv><tuv xml:lang="fr_FR"><seg>Salut</seg></tuv></tu>
<tu tuid="2"><tuv xml:lang="en"><seg>Alone</seg></tuv><tuv xml:lang="fr"><seg> </seg></tuv></tu>
<tu tuid="3"><tuv lang="en"><seg>Old</seg></tuv><tuv xml:lang="fr"><seg>Vieux</seg></tuv></tu>
</body></tmx>"""


def test_stats(memory):
    r = run("tmx", "stats", memory)
    assert r.exit_code == 0, r.output
    lines = dict(line.split("\t", 1) for line in r.stdout.splitlines())
    assert (lines["units"], lines["duplicates"], lines["empty segments"]) == ("3", "1", "0")
    assert lines["languages"] == "en-US:3 fr-FR:3"
    assert lines["length en-US"] == "min 10 median 10 p90 20 max 20 mean 13.3"
    assert lines["problems"] == "0"


def test_stats_counts_empty_one_sided_and_problems(tmp_path):
    path = tmp_path / "bad.tmx"
    path.write_bytes(BAD)
    lines = dict(line.split("\t", 1) for line in run("tmx", "stats", path).stdout.splitlines())
    assert (lines["units"], lines["empty segments"], lines["one-sided units"]) == ("3", "1", "1")
    assert int(lines["problems"]) >= 4


def test_stats_reads_stdin(memory):
    r = run("tmx", "stats", "-", input=memory.read_bytes())
    assert "units\t3" in r.stdout


def test_check_clean_file(memory):
    r = run("tmx", "check", memory)
    assert r.exit_code == 0 and r.output.strip() == f"{memory}: OK, 3 units"


def test_check_lists_what_the_dtd_misses(tmp_path):
    path = tmp_path / "bad.tmx"
    path.write_bytes(BAD)
    r = run("tmx", "check", path)
    assert r.exit_code == 1
    out = r.stderr
    assert "language code 'fr_FR' is not BCP 47 (use 'fr-FR')" in out
    assert "empty <seg> (fr)" in out and "one-sided <tu>" in out
    assert "<tuv lang=...> is TMX 1.1" in out
    assert "header lacks required attribute(s): creationtool" in out
    assert out.strip().splitlines()[-1] == f"align: error: {path}: 5 problem(s) in 3 units"


def test_convert_moses(memory, tmp_path):
    r = run("tmx", "convert", memory, "--to", "moses", "-o", tmp_path / "corpus")
    assert r.exit_code == 0, r.output
    src = (tmp_path / "corpus.en-US").read_text(encoding="utf-8").split("\n")
    tgt = (tmp_path / "corpus.fr-FR").read_text(encoding="utf-8").split("\n")
    assert src == ["One apple.", 'Two, "quoted" lines.', "One apple.", ""]
    assert tgt == ["Une pomme.", "Deux lignes,\t« citées ».", "Une pomme.", ""]
    assert "1 line breaks inside segments replaced by a space" in r.stderr


def test_convert_csv_keeps_text_exactly(memory, tmp_path):
    out = tmp_path / "m.csv"
    assert run("tmx", "convert", memory, "--to", "csv", "-o", out).exit_code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert [(r["source"], r["target"]) for r in rows] == [(u.source, u.target) for u in UNITS]


def test_convert_tsv_to_stdout(memory):
    r = run("tmx", "convert", memory, "--to", "tsv", "-o", "-", "-q")
    assert r.stdout.splitlines()[0] == "unit\ttype\tscore\tsource\ttarget"
    assert r.stdout.splitlines()[2] == 'b2\t2-1\t0.8000\tTwo, "quoted" lines.\tDeux lignes, « citées ».'


def test_convert_tmx_repairs_codes_and_merges(tmp_path):
    path = tmp_path / "legacy.tmx"
    path.write_bytes(b"""<tmx version="1.1"><header srclang="en_GB"/><body>
    <tu><tuv lang="en_GB"><seg>Yes, it is.</seg></tuv><tuv lang="fr_FR"><seg>Oui, c'est le cas.</seg></tuv></tu>
    <tu><tuv lang="en_GB"><seg>Yes, it is.</seg></tuv><tuv lang="fr_FR"><seg>Oui, c'est le cas.</seg></tuv></tu>
    </body></tmx>""")
    out = tmp_path / "clean.tmx"
    r = run("tmx", "convert", path, "--to", "tmx", "-o", out, "--merge-duplicates")
    assert r.exit_code == 0, r.output
    assert "1 duplicates merged" in r.stderr
    assert run("tmx", "check", out).exit_code == 0
    assert list(read_pairs(out, "en-GB", "fr-FR")) == [("Yes, it is.", "Oui, c'est le cas.")]


def test_convert_selects_languages(memory, tmp_path):
    r = run("tmx", "convert", memory, "--to", "tsv", "-o", tmp_path / "x.tsv", "--target-lang", "de")
    assert r.exit_code == 1
    assert "no translation unit with both languages" in r.stderr
    assert not (tmp_path / "x.tsv").exists()


def test_convert_failure_leaves_no_partial_output(tmp_path):
    path = tmp_path / "broken.tmx"
    good = b'<tu><tuv xml:lang="en"><seg>A b c.</seg></tuv><tuv xml:lang="fr"><seg>D e f.</seg></tuv></tu>'
    path.write_bytes(b'<tmx version="1.4"><header srclang="en"/><body>' + good * 3 + b"<tu><tuv>")
    for fmt, out in (("moses", tmp_path / "c"), ("tsv", tmp_path / "c.tsv"), ("tmx", tmp_path / "c.tmx")):
        r = run("tmx", "convert", path, "--to", fmt, "-o", out)
        assert r.exit_code == 1 and "not well-formed TMX" in r.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.tmx"]


def test_missing_file_and_bad_format(tmp_path):
    r = run("tmx", "stats", tmp_path / "nope.tmx")
    assert r.exit_code == 2 and r.stderr.strip() == f"align: error: {tmp_path / 'nope.tmx'}: no such file"
    assert run("tmx", "convert", tmp_path / "nope.tmx", "--to", "xlsx", "-o", "x").exit_code == 2
