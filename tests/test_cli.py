"""The CLI: exact error lines and exit codes, run in-process with click's CliRunner."""

import pytest
from click.testing import CliRunner

from align import __version__
from align.cli import main


def run(*args, input=None):
    return CliRunner().invoke(main, list(map(str, args)), input=input)


def test_version_and_help():
    assert __version__ in run("--version").output
    for cmd in ("segment", "pair", "run", "demo", "evaluate", "tmx", "terms"):
        r = run(cmd, "--help")
        assert r.exit_code == 0 and "--help" in r.output


def test_missing_file_is_a_usage_error(tmp_path):
    r = run("segment", tmp_path / "missing.txt")
    assert r.exit_code == 2
    assert r.output.strip() == f"align: error: {tmp_path / 'missing.txt'}: no such file"


def test_empty_file_is_a_data_error(tmp_path):
    p = tmp_path / "e.txt"
    p.write_text("")
    r = run("segment", p)
    assert r.exit_code == 1 and r.output.strip() == f"align: error: {p}: file is empty"


def test_non_utf8_says_what_it_looks_like(tmp_path):
    p = tmp_path / "w.txt"
    p.write_bytes("L’été arrive.".encode("cp1252"))
    r = run("segment", p)
    assert r.exit_code == 1
    assert "not valid UTF-8" in r.output and "Windows-1252" in r.output
    assert len(r.output.strip().splitlines()) == 1


def test_unknown_language_is_a_usage_error(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("Hello.")
    r = run("run", p, p, "--target-lang", "fr_FR", "-o", tmp_path / "out")
    assert r.exit_code == 2 and "fr-FR" in r.output
    assert not (tmp_path / "out").exists()


def test_segment_stdin_auto_labels():
    r = run("segment", "-", "--lang", "auto", input="Le chat dort sur le canapé. The cat is asleep on the sofa.\n")
    assert r.exit_code == 0
    assert r.output.splitlines() == ["fr\tLe chat dort sur le canapé.", "en\tThe cat is asleep on the sofa."]


def test_pair_links_cover_every_sentence(tmp_path):
    (tmp_path / "s.txt").write_text("One apple.\nTwo pears, 2 of them.\nThree.\n")
    (tmp_path / "t.txt").write_text("Une pomme.\nDeux poires, 2 en tout.\nTrois.\nEn plus.\n")
    r = run("pair", tmp_path / "s.txt", tmp_path / "t.txt")
    assert r.exit_code == 0
    src = [i for line in r.output.splitlines() for i in line.split(":")[0].strip("[]").split(", ") if i]
    tgt = [i for line in r.output.splitlines() for i in line.split(":")[1].strip("[]").split(", ") if i]
    assert sorted(map(int, src)) == [0, 1, 2] and sorted(map(int, tgt)) == [0, 1, 2, 3]


@pytest.mark.parametrize("fmt", ["tsv", "tmx"])
def test_pair_other_formats_write_a_file(tmp_path, fmt):
    (tmp_path / "s.txt").write_text("One apple.\n")
    (tmp_path / "t.txt").write_text("Une pomme.\n")
    out = tmp_path / f"o.{fmt}"
    r = run("pair", tmp_path / "s.txt", tmp_path / "t.txt", "--format", fmt, "-o", out, "-q")
    assert r.exit_code == 0 and r.output == ""
    assert "Une pomme." in out.read_text()


def test_evaluate_needs_pairs(tmp_path):
    r = run("evaluate", tmp_path / "a")
    assert r.exit_code == 2 and "pairs of files" in r.output


def test_evaluate_prints_scores(tmp_path):
    (tmp_path / "g").write_text("[0]:[0]\n[1]:[1]\n")
    (tmp_path / "p").write_text("[0]:[0]\n[1]:[]\n[]:[1]\n")
    r = run("evaluate", tmp_path / "g", tmp_path / "p")
    assert r.exit_code == 0
    assert r.output.splitlines()[-1] == "ALL\t0.333\t0.500\t0.400\t0.333\t0.500\t0.400"


def test_run_shows_stage_progress_on_a_terminal_only(tmp_path, monkeypatch, parallel):
    import align.cli.common as common

    args = ["run", parallel / "interview.en.txt", parallel / "interview.fr.txt", "-o", tmp_path / "o"]
    assert run(*args).output.startswith("sentences:")  # CliRunner is not a terminal: no bar
    monkeypatch.setattr(common, "show_progress", lambda quiet: not quiet)
    # click draws the bar only on a real terminal; off one it prints the bar's label alone.
    assert run(*args).output.startswith("align\nsentences:")
    assert run(*args, "-q").output == ""
