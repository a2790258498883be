"""Hostile input, streams and names: a FIFO, a terminal that only shows ASCII, a prefix that is a folder.

Each runs ``align`` in a child process with a timeout: a hang fails the test instead of
stopping the suite.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from align import io as align_io
from align.cli import main

ALIGN = [sys.executable, "-c", "from align.cli import main; main(prog_name='align')"]
FRENCH = "Le chat dort. Il fait beau aujourd’hui.\n"


def _align(*args: str, cwd: Path, env: dict[str, str] | None = None,
           timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([*ALIGN, *args], cwd=cwd, capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})})


def _one_error_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("align: error: "), stderr
    assert "Traceback" not in stderr and "internal error" not in stderr
    return lines[0]


def _write_later(fifo: Path, data: bytes) -> threading.Thread:
    """A writer on the other end of ``fifo`` (it blocks until align opens it for reading)."""
    def write() -> None:
        try:
            with open(fifo, "wb") as fh:
                fh.write(data)
        except BrokenPipeError:
            pass  # align stopped reading at its cap: what the cap test wants
    thread = threading.Thread(target=write, daemon=True)
    thread.start()
    return thread


def test_a_fifo_is_read_to_the_end(tmp_path):
    fifo = tmp_path / "in.fifo"
    os.mkfifo(fifo)
    writer = _write_later(fifo, FRENCH.encode("utf-8") * 200)
    r = _align("segment", str(fifo), "--lang", "fr", cwd=tmp_path, timeout=60)
    writer.join(timeout=10)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines().count("Le chat dort.") == 200


def test_what_a_fifo_gives_is_capped(tmp_path, monkeypatch):
    """Past ``MAX_INPUT_BYTES`` align stops reading and says so; the writer is not waited for."""
    monkeypatch.setattr(align_io, "MAX_INPUT_BYTES", 4096)
    fifo = tmp_path / "in.fifo"
    os.mkfifo(fifo)
    writer = _write_later(fifo, FRENCH.encode("utf-8") * 1000)  # 40 kB
    r = CliRunner().invoke(main, ["segment", str(fifo), "--lang", "fr", "-o", str(tmp_path / "s.txt")])
    writer.join(timeout=10)
    assert r.exit_code == 1
    assert _one_error_line(r.output).endswith("the most align reads")
    assert not (tmp_path / "s.txt").exists()


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_an_endless_device_is_refused_at_once(tmp_path, device):
    """Not read (it never ends): refused before reading, in a child process with a timeout."""
    r = _align("run", device, device, "-o", str(tmp_path / "out"), cwd=tmp_path, timeout=60)
    assert r.returncode == 2
    assert device in _one_error_line(r.stderr)
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_an_ascii_terminal_gets_one_clear_line(tmp_path):
    (tmp_path / "fr.txt").write_text(FRENCH, encoding="utf-8")
    r = _align("segment", "fr.txt", "--lang", "fr", cwd=tmp_path, env={"PYTHONIOENCODING": "ascii"})
    assert r.returncode == 1
    line = _one_error_line(r.stderr)
    assert "ascii" in line and "PYTHONIOENCODING=utf-8" in line and "-o" in line


def test_an_ascii_terminal_shows_ascii_text(tmp_path):
    (tmp_path / "en.txt").write_text("The cat sleeps. The weather is fine.\n", encoding="utf-8")
    r = _align("segment", "en.txt", "--lang", "en", cwd=tmp_path, env={"PYTHONIOENCODING": "ascii"})
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == ["The cat sleeps.", "The weather is fine."]


def test_an_ascii_terminal_still_gets_the_summary_of_a_run(tmp_path):
    """The files are UTF-8 whatever the terminal; the summary names French checks in English words."""
    (tmp_path / "en.txt").write_text("The cat sleeps.\nThe weather is fine today.\n", encoding="utf-8")
    (tmp_path / "fr.txt").write_text("Le chat dort.\nIl fait beau aujourd’hui.\n", encoding="utf-8")
    r = _align("run", "en.txt", "fr.txt", "-o", "out", cwd=tmp_path, env={"PYTHONIOENCODING": "ascii"})
    assert "Traceback" not in r.stderr and "internal error" not in r.stderr
    if r.returncode != 0:
        _one_error_line(r.stderr)
    else:
        assert "aujourd’hui" in (tmp_path / "out" / "alignment.tsv").read_text(encoding="utf-8")


@pytest.mark.parametrize("prefix", ["corpus/", "corpus" + os.sep + os.sep, "."])
def test_a_moses_prefix_that_is_a_folder_is_refused(tmp_path, prefix):
    """``-o corpus/`` wrote the hidden files ``corpus/.en`` and ``corpus/.fr``."""
    (tmp_path / "en.txt").write_text("The cat sleeps.\n", encoding="utf-8")
    (tmp_path / "fr.txt").write_text("Le chat dort.\n", encoding="utf-8")
    made = _align("run", "en.txt", "fr.txt", "-o", "out", "-q", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    (tmp_path / "corpus").mkdir()
    before = sorted(p.name for p in tmp_path.rglob("*"))
    r = _align("tmx", "convert", "out/alignment.tmx", "--to", "moses", "-o", prefix, cwd=tmp_path)
    assert r.returncode == 2
    assert "prefix" in _one_error_line(r.stderr)
    assert sorted(p.name for p in tmp_path.rglob("*")) == before
    assert not list(tmp_path.rglob(".en")) and not list(tmp_path.rglob(".fr"))
