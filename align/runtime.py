"""Process-level policy for one job: the cyclic collector paused, and a helper process.

**The collector.**
A job allocates millions of small objects that live until it ends (tokens, n-gram
tuples, features, units) and almost no reference cycles (frozen values, tuples, strings).
CPython's cyclic collector still walks the young objects every 700 allocations and the
whole heap every so often: on 20,000 distinct sentences that was a quarter of ``align
run``'s time and an eighth of ``align pair``'s, and more on longer texts, whose heap is
larger. Reference counting frees everything acyclic as before; the collector resumes when
the job ends, and collects the few cycles then (an exception's traceback, say).

Used by the job layer and the commands (``align run``, ``align pair``, ``align terms``,
each pair of ``align batch``), never inside the pure stages: a long-lived caller (the
review server, a notebook) keeps its collector.

**The helper process.** On a long document the aligner and term discovery are the two
largest tasks of ``align run``: a second process cuts the source into sentences and
analyses both texts' sentences for the aligner while this one segments and labels the
target, aligns them while this one tokenises every sentence and answers what the checks
will ask of each (``align.terms.ahead``), then builds its copy of the checks' context and
runs checks from the back of the list while this one discovers terms and takes checks
from the front, and last writes the TMX and the TSV while this one writes the reports
(``align.pipeline.align_pair``, ``align.terms.checks.check_document``,
``align.report.outputs.write_set``), with the same result. Its forkserver is started
before the command line is parsed, with the pipeline imported (``start_early``), so the
helper is ready when the texts are segmented. The helper starts from a fresh interpreter
(forkserver: Lingua's native threads make a fork of this process unsafe), ends with this
process even after ``kill -9`` (``die_with_parent``), and is only started for a document
long enough to gain from it (``RunSettings.workers``).
"""

from __future__ import annotations

import gc
import itertools
import multiprocessing
import os
import select
import signal
import threading
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager, suppress

try:
    import fcntl
except ImportError:  # not on Windows: the pipes keep their size there (``_widen``)
    fcntl = None  # type: ignore[assignment]


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic collector for the ``with`` block; restore its previous state after.

    Nested blocks are fine: only the outermost one that found the collector running turns
    it back on. In a process that ends without freeing (``ends_without_freeing``: the
    command's), what the block made is frozen first (``gc.freeze``): the first collection
    after the block looked at every object the job had made (they were all still young),
    0.3 s at 20,000 sentences between the outputs and the summary, to find nothing the
    exit would not drop anyway. Anywhere else, the collector resumes as it was.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if [os.getpid()] == _ENDING:
                gc.freeze()
            gc.enable()


# Set by ``ends_without_freeing`` (``align.console``): the process whose exit frees nothing.
_ENDING: list[int] = []
_OUTLIVING: list[object] = []


def ends_without_freeing() -> None:
    """Say that this process ends without freeing its objects (``os._exit``, ``align.console``)."""
    _ENDING[:] = [os.getpid()]


def outlive(*values: object) -> None:
    """Leave ``values`` to be freed by the end of the process, where it ends without freeing.

    A job's sentence tokens are millions of small objects, and freeing them one by one
    took 0.3 s at 100,000 sentences between the term stage and the outputs. In the
    command's own process, which then exits without freeing anything, they are kept here
    (the last job's only: a process that runs several jobs frees the one before, as it
    would have); anywhere else (a library caller, a pool worker), nothing is kept.
    """
    if [os.getpid()] == _ENDING:
        _OUTLIVING[:] = values


def helper_wanted(workers: int, size: int, threshold: int) -> bool:
    """Whether a job of ``size`` (characters of text) should get a helper process.

    ``workers``: 1 keeps the job in this process; 0 (automatic) and 2 or more allow one
    helper where the machine has a second core. A short job never gets one: starting an
    interpreter costs more than discovery saves below ``threshold``. A pool worker of
    ``align batch`` never does (its pool already uses the cores, and a daemonic process
    may not start children).
    """
    if workers == 1 or size < threshold or (os.cpu_count() or 1) < 2:
        return False
    return not multiprocessing.current_process().daemon


def start_early(args: Sequence[str], threshold: int) -> bool:
    """Start the helper's forkserver now, importing the pipeline, if ``align ARGS`` looks
    like a job that will want a helper (``run`` on files of ``threshold`` bytes or more).

    Called before the command line is parsed (``align.console``): the CLI's imports take
    half a second here, and so do the pipeline's in the server, on the second core; a
    helper forked from it then starts with them done, ready when the job has segmented
    its texts (on 5,000 sentences it was ready only after this process had begun to
    align them itself). A guess from the arguments alone: where the settings then want no
    helper (``--workers 1``, a profile), the idle server ends with this process.
    """
    if not _looks_long(args, threshold) or (os.cpu_count() or 1) < 2:
        return False
    from multiprocessing import forkserver

    multiprocessing.get_context("forkserver").set_forkserver_preload(["align.helper_preload"])
    try:
        forkserver.ensure_running()
    except OSError:
        return False  # the helper starts later as before, or the job runs alone
    return True


def _looks_long(args: Sequence[str], threshold: int) -> bool:
    words = [a for a in args if not a.startswith("-")]
    if not words or words[0] != "run" or "--workers=1" in args or \
            any(a == "--workers" and b == "1" for a, b in itertools.pairwise(args)):
        return False
    total = 0
    for word in words[1:]:
        try:
            total += os.path.getsize(word) if os.path.isfile(word) else 0
        except (OSError, ValueError):
            continue
    return total >= threshold


@contextmanager
def helper_process(wanted: bool) -> Iterator[Executor | None]:
    """One helper process for the ``with`` block (None when not ``wanted``), shut down after.

    Started here, not on first use, and warmed with the pipeline's imports, so that it is
    ready when the first work arrives.
    When the block ends with an error (bad input, Ctrl-C, SIGTERM) the helper is stopped at
    once: its work can no longer be delivered, and waiting for it would keep the user
    waiting for nothing.
    """
    if not wanted:
        yield None
        return
    # Ctrl-C or SIGTERM while the helper is being started is held until it has started:
    # arriving in between, it left a half-started helper printing a traceback.
    with _signals_held() as held:
        pool = _Helper(1, mp_context=multiprocessing.get_context("forkserver"),
                       initializer=_helper_start, initargs=(os.getpid(),))
    try:
        for signum in held:  # a signal held meanwhile is raised here, where it stops the helper
            signal.raise_signal(signum)
        yield pool
    except BaseException:
        _stop(pool)
        raise
    pool.shutdown(wait=True)


class _Helper(ProcessPoolExecutor):
    """The helper's pool, warmed with the pipeline's imports as it starts, and able to say
    when that is done: work sent before then waits for an interpreter to start (about a
    second), and a short task is done sooner by the job itself (``helper_ready``)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        _widen(getattr(getattr(self, "_call_queue", None), "_writer", None))
        _widen(getattr(getattr(self, "_result_queue", None), "_reader", None))
        self.warmed = self.submit(_warm)


def _widen(connection: object) -> None:
    """Give a pipe between the job and its helper a 1 MB buffer (Linux; 64 kB by default).

    The helper sends the source's sentences back (10 MB at 100,000) while the job decides
    the target's languages, and the job's thread that reads them waits for the
    interpreter between reads: one pipe's worth per 5 ms switch, so they took the whole
    language stage to arrive, and the helper could not start its next task meanwhile; the
    same holds for the target's sentences sent the other way. Best effort: elsewhere, or
    if refused, the pipe stays as it is.
    """
    with suppress(AttributeError, OSError, ValueError, TypeError):
        fcntl.fcntl(connection.fileno(), fcntl.F_SETPIPE_SZ, 1 << 20)  # type: ignore[attr-defined]


def helper_ready(helper: Executor | None) -> bool:
    """Whether ``helper`` has started and taken the job's first work (True for any other executor)."""
    warmed = getattr(helper, "warmed", None)
    return helper is not None and (warmed is None or warmed.done())


@contextmanager
def _signals_held() -> Iterator[list[int]]:
    """SIGINT and SIGTERM recorded instead of handled for the block; the list says which came.

    Python runs signal handlers in the main thread whichever thread the system chose
    (numpy's threads do not block signals), so a handler, not a signal mask, defers them.
    Off the main thread (an embedding program) nothing is changed.
    """
    held: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield held
        return
    before = {signum: signal.signal(signum, lambda n, _frame: held.append(n))
              for signum in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield held
    finally:
        for signum, handler in before.items():
            signal.signal(signum, handler if handler is not None else signal.SIG_DFL)


def _stop(pool: ProcessPoolExecutor) -> None:
    """End the pool's processes now (``terminate_workers`` from Python 3.14, before it the same by hand)."""
    terminate = getattr(pool, "terminate_workers", None)
    if terminate is not None:
        terminate()
        return
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        process.terminate()
    pool.shutdown(wait=True, cancel_futures=True)


def _helper_start(parent: int) -> None:
    """The helper's initializer: Ctrl-C is for the main process (which then stops the
    helper), so the terminal's SIGINT to the whole group prints no second traceback.

    The cyclic collector is off for the helper's life, as for the job it serves (see
    ``collector_paused``): it keeps the sentences' tokens for the job's term stage, and
    with the collector on, every full collection walked them again (at 100,000 sentences
    discovery took 26 s there instead of 13 s). It ends with the job.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    gc.disable()
    die_with_parent(parent)


def _warm() -> None:
    """The helper's first task: the pipeline's imports (done already when forked from a
    server that preloaded them: ``start_early``). Not the language detector's models: the
    helper cuts the source and aligns, and the job decides languages (``align.pipeline``);
    loading them here too took both cores while the job loaded its own."""
    import align.pipeline  # noqa: F401  (what the helper runs: cutting, aligning, checks, writing)


def die_with_parent(parent: int) -> None:
    """Worker initializer: a thread that ends this worker when the process ``parent`` dies.

    A pool worker's parent is the forkserver, and the forkserver lives as long as a worker
    does (each holds its "alive" pipe), so after ``kill -9`` of the job neither ever
    exited (``prctl(PR_SET_PDEATHSIG)`` would watch the forkserver, not the job). The
    thread blocks on a pidfd of the job's process (Linux 5.3+), else polls it every second.
    """
    threading.Thread(target=_watch, args=(parent,), name="align-parent-watch", daemon=True).start()


def _watch(parent: int) -> None:
    try:
        fd = os.pidfd_open(parent)
    except (AttributeError, OSError):
        fd = None
    if fd is not None:
        select.select([fd], [], [])  # readable when the process has ended
    else:
        while _running(parent):
            time.sleep(1.0)
    os._exit(1)  # nothing of the dead job's work can be delivered any more


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
