"""The ``align`` command's entry point: Ctrl-C or SIGTERM while the program loads is one line too.

Loading the CLI imports numpy, pandas, lxml, nltk and the whole package (about half a
second): a Ctrl-C then, "oops, the wrong file", printed Python's own traceback of whatever
import it interrupted, and exited -2. Here, before those imports, both signals end the
program with the CLI's own line and exit status (nothing has been read or written yet);
the CLI's handling takes over once it is loaded (``align.cli.common``).
"""

from __future__ import annotations

import os
import signal
import sys

_LINES = {signal.SIGINT: ("align: error: interrupted", 130),
          signal.SIGTERM: ("align: error: terminated (SIGTERM); nothing was written", 143)}


def _while_loading(signum: int, _frame: object) -> None:
    line, status = _LINES[signum]
    try:
        sys.stderr.write(line + "\n")
        sys.stderr.flush()
    finally:
        os._exit(status)  # nothing to clean up: no file has been opened yet


def main() -> None:
    before = {signum: signal.signal(signum, _while_loading) for signum in _LINES}
    from align.cli import main as cli_main

    for signum, handler in before.items():
        signal.signal(signum, handler)
    cli_main(prog_name="align")
