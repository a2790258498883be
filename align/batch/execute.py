"""Where the pair tasks run: in this process, a local process pool, or a Dask cluster.

All three are used the same way (``submit`` returns something with ``.result()``) and
``ordered_results`` drives them like ``Executor.map`` with a bounded look-ahead: at most
``window`` pairs are in flight, results come back in job order (so the combined outputs
are the same whatever the scheduling), and the parent never holds more than ``window``
small records. Dask is the existing engine for running Python tasks over many machines
(https://distributed.dask.org); this module only submits to it, it schedules nothing.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Protocol

from align.batch.jobs import PairJob
from align.batch.task import FAILED, BatchSettings, PairRecord, fresh_record, process_pair
from align.errors import UsageError
from align.runtime import die_with_parent


class Handle(Protocol):
    def result(self) -> PairRecord: ...


class Runner(Protocol):
    """Runs ``process_pair`` somewhere; ``window`` is how many pairs to keep in flight."""

    window: int

    def submit(self, job: PairJob, settings: BatchSettings) -> Handle: ...

    def close(self) -> None: ...


def default_workers() -> int:
    """The cores this process may use (a container's CPU set, not the host's)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


def _done(value: PairRecord) -> Future:
    future: Future = Future()
    future.set_result(value)
    return future


class InlineRunner:
    """``--workers 1``: no pool, no pickling; the easiest to debug and to profile."""

    window = 1

    def submit(self, job: PairJob, settings: BatchSettings) -> Handle:
        return _done(process_pair(job, settings))

    def close(self) -> None:
        pass


def _new_pool(workers: int) -> ProcessPoolExecutor:
    """A pool whose workers start from a fresh interpreter (forkserver), not a fork of this one.

    The language detector (Lingua) runs a native thread pool; a worker forked from a parent
    that already used it inherits locks held by threads that no longer exist and hangs.
    """
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("forkserver"),
                               initializer=die_with_parent, initargs=(os.getpid(),))


class PoolRunner:
    """A local ``ProcessPoolExecutor``; a pool broken by a crashed worker is replaced once per crash."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.window = 4 * workers
        self._pool = _new_pool(workers)

    task = staticmethod(process_pair)

    def submit(self, job: PairJob, settings: BatchSettings) -> Handle:
        try:
            return self._pool.submit(self.task, job, settings)
        except BrokenProcessPool:
            self._renew()
            return self._pool.submit(self.task, job, settings)

    def retry(self, job: PairJob, settings: BatchSettings) -> PairRecord:
        """Run one pair again, alone, on a fresh pool: when a worker dies, every pair in
        flight fails with it; run one at a time, only the pair that kills a worker fails."""
        if getattr(self._pool, "_broken", True):
            self._renew()
        return self._pool.submit(self.task, job, settings).result()

    def abort(self) -> None:
        """Interrupted (Ctrl-C, SIGTERM): stop the workers now rather than wait for their pairs."""
        for process in list(getattr(self._pool, "_processes", {}).values()):
            with contextlib.suppress(OSError):
                process.terminate()
        self._pool.shutdown(wait=False, cancel_futures=True)

    def _renew(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._pool = _new_pool(self.workers)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


class DaskRunner:
    """Tasks on a running ``dask.distributed`` scheduler (``tcp://host:8786``)."""

    def __init__(self, address: str, timeout: float = 10.0) -> None:
        try:
            from distributed import Client
        except ImportError as exc:
            raise UsageError("--scheduler needs dask.distributed",
                             hint="pip install 'align[dask]'") from exc
        if not address.startswith(("tcp://", "tls://", "inproc://", "ucx://", "ws://", "wss://")):
            raise UsageError(f"--scheduler {address}: not a Dask scheduler address", hint="e.g. tcp://host:8786")
        try:
            self._client: Any = Client(address, timeout=timeout)
        except (OSError, TimeoutError, ValueError) as exc:
            raise UsageError(f"cannot reach the Dask scheduler at {address}: {exc}",
                             hint="start one with: dask scheduler") from exc
        threads = sum(self._client.nthreads().values())
        self.window = max(8, 4 * threads)

    def submit(self, job: PairJob, settings: BatchSettings) -> Handle:
        return self._client.submit(process_pair, job, settings, pure=False)

    def close(self) -> None:
        self._client.close()


def make_runner(workers: int | None = None, scheduler: str | None = None) -> Runner:
    """Dask when a scheduler address is given, else local processes (in-process for 1 worker)."""
    if scheduler:
        return DaskRunner(scheduler)
    n = workers or default_workers()
    return InlineRunner() if n == 1 else PoolRunner(n)


def ordered_results(
    jobs: Iterable[PairJob], settings: BatchSettings, runner: Runner
) -> Iterator[tuple[PairJob, PairRecord]]:
    """Records in job order; fresh pairs are skipped without a task, failures become records."""
    pending: deque[tuple[PairJob, Handle]] = deque()
    for job in jobs:
        skipped = fresh_record(job, settings)
        pending.append((job, _done(skipped) if skipped else runner.submit(job, settings)))
        while len(pending) > runner.window or (pending and _ready(pending[0][1])):
            yield _collect(*pending.popleft(), runner, settings)
    while pending:
        yield _collect(*pending.popleft(), runner, settings)


def _ready(handle: Handle) -> bool:
    done: Callable[[], bool] | None = getattr(handle, "done", None)
    return bool(done and done())


def _collect(job: PairJob, handle: Handle, runner: Runner, settings: BatchSettings) -> tuple[PairJob, PairRecord]:
    """The task's record; a worker that died or could not run the task fails only its pair.

    A pair lost with a dead worker is run once more, alone (``PoolRunner.retry``): it fails
    only if it is the one that killed its worker.
    """
    try:
        return job, handle.result()
    except (BrokenProcessPool, CancelledError) as exc:
        retry = getattr(runner, "retry", None)
        if retry is None:
            return job, _failed(job, exc)
        try:
            return job, retry(job, settings)
        except Exception as again:
            return job, _failed(job, again)
    except Exception as exc:
        return job, _failed(job, exc)


def _failed(job: PairJob, exc: BaseException) -> PairRecord:
    if isinstance(exc, BrokenProcessPool):
        return PairRecord(job.id, FAILED, error="its worker process died (killed, or out of memory) twice")
    return PairRecord(job.id, FAILED, error=f"worker failed: {type(exc).__name__}: {exc}")
