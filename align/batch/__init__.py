"""Align whole collections: many document pairs, resumable, on local cores or a Dask cluster.

``run_batch(jobs, settings, runner)`` runs ``align.pipeline.run_pair`` on every pair, writes
each pair's outputs (``align.report.outputs.write_outputs``) into ``DIR/<id>/`` and streams
the batch-wide files (``combined.tmx``, ``terms.csv``, ``issues.csv``, ``batch.csv``) into
``DIR``. The parent process keeps only a bounded window of small records, so its memory
does not grow with the number of pairs. Layer 2: it composes the pipeline and the report.

    >>> from align.batch import BatchSettings, make_runner, read_manifest, run_batch
    >>> jobs = read_manifest("pairs.csv")                          # doctest: +SKIP
    >>> summary = run_batch(jobs, BatchSettings("out"), make_runner(2))   # doctest: +SKIP
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterable
from pathlib import Path

from align.batch.combine import BATCH_COLUMNS, BatchSummary, combine
from align.batch.execute import Runner, default_workers, make_runner, ordered_results
from align.batch.jobs import PairJob, jobs_from_dirs, read_manifest
from align.batch.task import FAILED, OK, SKIPPED, BatchSettings, PairRecord, process_pair

__all__ = [
    "BATCH_COLUMNS", "FAILED", "OK", "SKIPPED", "BatchSettings", "BatchSummary", "PairJob", "PairRecord",
    "default_workers", "jobs_from_dirs", "make_runner", "process_pair", "read_manifest", "run_batch",
]


def run_batch(
    jobs: Iterable[PairJob], settings: BatchSettings, runner: Runner,
    on_record: Callable[[PairRecord], None] | None = None,
) -> BatchSummary:
    """Run every job with ``runner`` and write all outputs; ``on_record`` sees each pair's record.

    A failing pair is a record with status ``failed`` and its one-line error, never an
    exception: the caller decides what the failures mean (the CLI exits 1). The runner is
    closed at the end, also on Ctrl-C, so no worker outlives the batch.
    """
    remove_stale_temporaries(settings.outdir)
    try:
        return combine(ordered_results(jobs, settings, runner), settings, on_record)
    except BaseException:
        abort = getattr(runner, "abort", None)
        if abort is not None:
            abort()
        raise
    finally:
        runner.close()


# What ``align.io.atomic_write`` leaves when the process is killed (SIGKILL cannot be
# caught): ``.<name>.<8 random characters>.tmp``, beside an output of ours.
_STALE = re.compile(r"^\.(.+\.(?:tmx|tsv|csv|json|html|xlsx|txt|jsonl))\.[A-Za-z0-9_]{8}\.tmp$")


def remove_stale_temporaries(outdir: str | Path) -> int:
    """Remove the temporary files a killed batch left in ``outdir`` and its pair folders.

    Only names that ``atomic_write`` makes for our own outputs are touched; a run of
    the same batch in the same folder at the same time is not supported (see
    docs/reliability.md).
    """
    root, removed = Path(outdir), 0
    if not root.is_dir():
        return 0
    for folder in (root, *(p for p in root.iterdir() if p.is_dir())):
        for path in folder.glob(".*.tmp"):
            if _STALE.match(path.name) and path.is_file():
                with contextlib.suppress(OSError):
                    path.unlink()
                    removed += 1
    return removed
