"""``align run``'s helper process under signals: it ends with the run, whatever ends the run.

Real processes, as in ``test_hostile_batch``: the text is long enough for a helper
(``RunSettings.helper_from``), and the run is stopped while the helper exists.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.test_hostile_batch import ALIGN, _descendants, _temporaries, _wait_gone

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="process trees read from /proc")


def _long_pair(folder: Path, lines: int = 4000) -> tuple[Path, Path]:
    en = "".join(f"Line {i} says that the grey cat number {i % 97} is asleep on the old sofa.\n"
                 for i in range(lines))
    fr = "".join(f"La ligne {i} dit que le chat gris numéro {i % 97} dort sur le vieux canapé.\n"
                 for i in range(lines))
    (folder / "en.txt").write_text(en, encoding="utf-8")
    (folder / "fr.txt").write_text(fr, encoding="utf-8")
    return folder / "en.txt", folder / "fr.txt"


def _start(folder: Path) -> subprocess.Popen:
    en, fr = _long_pair(folder)
    return subprocess.Popen([*ALIGN, "run", str(en), str(fr), "-o", str(folder / "out"), "--workers", "2", "-q"],
                            cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait_for_helper(proc: subprocess.Popen, timeout: float = 60) -> set[int]:
    """The run's descendants once the forkserver and the helper are up."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        family = _descendants(proc.pid)
        if len(family) >= 2:
            return family
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.05)
    pytest.fail("the run never started its helper")


def test_sigkill_of_the_run_ends_its_helper(tmp_path):
    proc = _start(tmp_path)
    family = _wait_for_helper(proc)
    proc.kill()
    proc.communicate(timeout=30)
    assert _wait_gone(family) == set(), "the helper or the forkserver outlived the run"


def test_sigterm_of_the_run_is_one_line_and_ends_its_helper(tmp_path):
    proc = _start(tmp_path)
    family = _wait_for_helper(proc)
    proc.send_signal(signal.SIGTERM)
    _out, err = proc.communicate(timeout=60)
    if proc.returncode == 0:
        pytest.skip("the run finished before the signal arrived")
    assert proc.returncode == 143, err
    assert err.strip().splitlines()[-1].startswith("align: error: terminated") and "Traceback" not in err
    assert _wait_gone(family) == set()
    assert _temporaries(tmp_path) == []


def test_a_run_with_a_helper_ends_cleanly(tmp_path):
    proc = _start(tmp_path)
    family = _wait_for_helper(proc)
    _out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    assert _wait_gone(family) == set()
    assert (tmp_path / "out" / "alignment.tmx").is_file()
