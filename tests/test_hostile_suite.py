"""Every command against the hostile file set: one line on stderr, the documented exit
status, no traceback, no ``internal error``, and no file at a final name that is not complete.

The commands are listed once (``COMMANDS``); each hostile input is tried with each command
that takes a file, so a new command joins the suite by being added to the table.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from align.cli import main

# command → how to call it on one input file INPUT with an output OUT (a folder or a file).
COMMANDS = {
    "segment": ["segment", "{input}", "--lang", "fr", "-o", "{out}/sentences.txt"],
    "split": ["split", "{input}", "--fr", "{out}/fr.txt", "--en", "{out}/en.txt"],
    "pair": ["pair", "{good}", "{input}", "-o", "{out}/links.txt"],
    "run": ["run", "{good}", "{input}", "-o", "{out}"],
    "terms": ["terms", "{input}", "-o", "{out}"],
    "tmx stats": ["tmx", "stats", "{input}"],
    "tmx convert": ["tmx", "convert", "{input}", "--to", "tsv", "-o", "{out}/memory.tsv"],
}

# name → (bytes, or a callable making the file; exit status every command must give).
HOSTILE = {
    "missing": (None, 2),
    "directory": ("dir", 2),
    "device /dev/zero": ("/dev/zero", 2),
    "device /dev/urandom": ("/dev/urandom", 2),
    "empty": (b"", 1),
    "blank": (b"  \n\n\t\n", 1),
    "windows-1252": ("L’été arrive, déjà.\n".encode("cp1252"), 1),
    "utf-16 without BOM, unpaired surrogate": (b"L\x00e\x00\x00\xd8 \x00c\x00h\x00", 1),
    "binary": (bytes(range(256)) * 8, 1),
}

GOOD = "The cat is asleep.\nThe dog is barking.\n"


def _make(tmp_path: Path, name: str, content: object) -> str:
    if content is None:
        return str(tmp_path / "missing.txt")
    if content == "dir":
        (tmp_path / "a_folder").mkdir()
        return str(tmp_path / "a_folder")
    if isinstance(content, str):
        return content
    path = tmp_path / "input.txt"
    path.write_bytes(content)
    return str(path)


def _final_outputs(out: Path) -> list[Path]:
    return [p for p in out.rglob("*") if p.is_file()] if out.exists() else []


@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize("hostile", list(HOSTILE))
def test_every_command_gives_one_line(tmp_path, command, hostile):
    if hostile.startswith("device") and not os.path.exists(HOSTILE[hostile][0]):
        pytest.skip("no such device here")
    content, status = HOSTILE[hostile]
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    out = tmp_path / "out"
    values = {"input": _make(tmp_path, hostile, content), "out": str(out), "good": str(good)}
    args = [a.format(**values) for a in COMMANDS[command]]
    result = CliRunner().invoke(main, args)
    err = result.stderr
    assert "Traceback" not in err and "internal error" not in err, err
    assert result.exit_code == status, (result.exit_code, err)
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("align: error: "), err
    assert _final_outputs(out) == [], "a failed command left a file at a final name"


BAD_OPTIONS = [
    (["batch", "--workers", "0", "-o", "{tmp}/out", "{tmp}/good.txt"], 2),
    (["run", "{tmp}/good.txt", "{tmp}/good.txt", "-o", "{tmp}/good.txt"], 2),
    (["segment", "{tmp}/good.txt", "--srx", "{tmp}"], 2),
    (["segment", "{tmp}/good.txt", "--srx", "{tmp}/missing.srx"], 2),
    (["run", "{tmp}/good.txt", "{tmp}/good.txt", "--min-score", "nan", "-o", "{tmp}/out"], 2),
    (["run", "{tmp}/good.txt", "{tmp}/good.txt", "--target-lang", "x" * 10_000, "-o", "{tmp}/out"], 2),
    (["segment", "{tmp}/good.txt", "-o", "{tmp}/good.txt/sub"], 2),
    (["segment", "{tmp}/good.txt", "-o", "{tmp}"], 2),
    (["no-such-command"], 2),
]


@pytest.mark.parametrize(("args", "status"), BAD_OPTIONS, ids=[" ".join(a[:2]) + f" #{k}"
                                                              for k, (a, _s) in enumerate(BAD_OPTIONS)])
def test_bad_options_are_one_short_line(tmp_path, args, status):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    result = CliRunner().invoke(main, [a.format(tmp=tmp_path) for a in args])
    err = result.stderr.strip()
    assert result.exit_code == status, err
    assert len(err.splitlines()) == 1 and err.startswith("align: error: "), err
    assert "Usage:" not in err and "Try " not in err
    assert len(err) < 500
    assert not (tmp_path / "out").exists()


def test_full_disk_names_the_output(tmp_path):
    """A 64 kB tmpfs (root only): the run fails with one line naming the file, nothing left."""
    mnt = tmp_path / "small"
    mnt.mkdir()
    if os.geteuid() != 0 or os.system(f"mount -t tmpfs -o size=64k tmpfs {mnt} 2>/dev/null") != 0:
        pytest.skip("mounting a small tmpfs needs root")
    try:
        src = tmp_path / "big.txt"
        src.write_text("".join(f"Sentence number {i} is here.\n" for i in range(20_000)), encoding="utf-8")
        result = CliRunner().invoke(main, ["segment", str(src), "--lang", "en", "-o", str(mnt / "s.txt")])
        err = result.stderr.strip()
        assert result.exit_code == 1 and err.splitlines() == [err]
        assert err == f"align: error: no space left on the device writing {mnt / 's.txt'}"
        assert list(mnt.iterdir()) == []
    finally:
        os.system(f"umount {mnt}")


def test_stdout_on_dev_full(tmp_path):
    import subprocess
    import sys

    (tmp_path / "fr.txt").write_text("Le chat dort.\n", encoding="utf-8")
    with open("/dev/full", "w") as full:
        r = subprocess.run([sys.executable, "-c", "from align.cli import main; main(prog_name='align')",
                            "segment", str(tmp_path / "fr.txt"), "--lang", "fr"],
                           stdout=full, stderr=subprocess.PIPE, text=True, timeout=120)
    assert r.returncode == 1
    assert r.stderr.strip() == "align: error: no space left on the device writing standard output"
