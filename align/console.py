"""The ``align`` command's entry point: Ctrl-C or SIGTERM while the program loads is one line too.

Loading the CLI imports numpy, pandas, lxml, nltk and the whole package (about half a
second): a Ctrl-C then, "oops, the wrong file", printed Python's own traceback of whatever
import it interrupted, and exited -2. Here, before those imports, both signals end the
program with the CLI's own line and exit status (nothing has been read or written yet);
the CLI's handling takes over once it is loaded (``align.cli.common``).

Once the command is done, the program ends without freeing its objects one by one: at
100,000 sentences the job holds millions (tokens, units, findings), and the interpreter's
own teardown of them took a second after the outputs were written and the summary
printed. The exit handlers still run first (multiprocessing's cleanup of the helper
process among them) and both streams are flushed; if a stream cannot be flushed (stdout
on a full disk), Python's normal exit says so as before.
"""

from __future__ import annotations

import atexit
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
    from align.config import RunSettings
    from align.runtime import ends_without_freeing, start_early

    start_early(sys.argv[1:], RunSettings.helper_from)
    ends_without_freeing()
    from align.cli import main as cli_main

    for signum, handler in before.items():
        signal.signal(signum, handler)
    try:
        cli_main(prog_name="align")
    except SystemExit as done:
        _exit_now(done)
        raise


def _exit_now(done: SystemExit) -> None:
    """End the process with ``done``'s status, its exit handlers run and streams flushed;
    return (to the normal exit) if either stream cannot be flushed or the status is text."""
    code = done.code
    if code is not None and not isinstance(code, int):
        return  # a message to print: Python's exit prints it
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        return
    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    os._exit(code or 0)
