"""Pre-segmented input in any language: ``align pair`` segments nothing, so it needs no
language model and takes any BCP 47 tag; commands that segment keep their refusal."""

from click.testing import CliRunner

from align.cli import main
from align.formats.links import parse_links


def run(*args):
    return CliRunner().invoke(main, list(map(str, args)))


def _files(tmp_path):
    src, tgt = tmp_path / "de.txt", tmp_path / "is.txt"
    src.write_text("Der Bericht kam 2019 heraus.\nEr hat 120 Seiten.\nBerlin ist groß.\n", encoding="utf-8")
    tgt.write_text("Skýrslan kom út 2019.\nHún er 120 síður.\nBerlín er stór.\n", encoding="utf-8")
    return src, tgt


def test_pair_accepts_any_well_formed_language(tmp_path):
    src, tgt = _files(tmp_path)
    out = tmp_path / "out.links"
    r = run("pair", src, tgt, "--source-lang", "de", "--target-lang", "is", "-o", out)
    assert r.exit_code == 0, r.output
    assert [(b.src, b.tgt) for b in parse_links(out.read_text())] == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]
    tmx = tmp_path / "out.tmx"
    r = run("pair", src, tgt, "--source-lang", "zh-hant", "--target-lang", "pt-br", "--format", "tmx", "-o", tmx)
    assert r.exit_code == 0, r.output
    text = tmx.read_text(encoding="utf-8")
    assert 'srclang="zh-Hant"' in text and 'xml:lang="pt-BR"' in text


def test_pair_still_refuses_a_malformed_tag(tmp_path):
    src, tgt = _files(tmp_path)
    r = run("pair", src, tgt, "--source-lang", "de_DE", "-o", tmp_path / "x.links")
    assert r.exit_code == 2 and "de-DE" in r.output
    assert not (tmp_path / "x.links").exists()


def test_a_command_that_segments_keeps_the_refusal(tmp_path):
    src, tgt = _files(tmp_path)
    r = run("run", src, tgt, "--source-lang", "de", "-o", tmp_path / "out")
    assert r.exit_code == 2 and "segments en and fr" in r.output
