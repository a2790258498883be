"""Imported by the helper's forkserver before it forks the helper (``align.runtime.start_early``).

The forkserver imports its preload list before it starts ignoring Ctrl-C itself, so the
terminal's SIGINT to the whole group during that second printed the import's traceback:
the job is the one that reports an interrupt (and stops its helper), so the server
ignores it from the start. Then the pipeline: a helper forked from the server has it
already, and is ready to take the job's first work about half a second sooner.
"""

import signal

signal.signal(signal.SIGINT, signal.SIG_IGN)

import align.pipeline  # noqa: E402, F401
