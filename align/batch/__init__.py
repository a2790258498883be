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

from collections.abc import Callable, Iterable

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
    try:
        return combine(ordered_results(jobs, settings, runner), settings, on_record)
    finally:
        runner.close()
