"""The ``align`` entry point: a signal while the program loads gives the CLI's one line."""

from __future__ import annotations

import subprocess
import sys

import pytest

# Python code for a child process: a Ctrl-C (or SIGTERM) arrives while ``align.cli`` is
# being imported, as when the user presses Ctrl-C right after Enter.
DRIVER = """
import importlib.abc, os, signal, sys
class Interrupt(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "align.cli":
            os.kill(os.getpid(), signal.{sig})
        return None
sys.meta_path.insert(0, Interrupt())
sys.argv = ["align", "--help"]
import align.console
align.console.main()
"""


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize(("sig", "status", "line"), [("SIGINT", 130, "align: error: interrupted"),
                                                     ("SIGTERM", 143, "align: error: terminated (SIGTERM)")])
def test_a_signal_while_loading_is_one_line(sig, status, line):
    proc = subprocess.run([sys.executable, "-c", DRIVER.format(sig=sig)], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == status
    assert proc.stderr.splitlines() == [proc.stderr.strip()] and proc.stderr.startswith(line)
    assert proc.stdout == ""  # the help was never printed: the program stopped while loading


def test_once_loaded_the_command_runs():
    proc = subprocess.run([sys.executable, "-c", "import sys; sys.argv = ['align', '--version']; "
                           "import align.console; align.console.main()"], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "0.1.0" in proc.stdout
