"""``align batch``: align a whole collection of document pairs (thin layer over ``align.batch``)."""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import click

from align.batch import (
    FAILED,
    OK,
    BatchSettings,
    BatchSummary,
    PairJob,
    PairRecord,
    jobs_from_dirs,
    make_runner,
    read_manifest,
)
from align.batch import run_batch as run_library_batch
from align.cli.common import load_settings, quiet_option, say, settings_options, show_progress, srx_options
from align.config import RunSettings
from align.errors import DataError, UsageError
from align.job import prepare

MAX_FAILURES_SHOWN = 10


def load_jobs(manifest: str | None, source_dir: str | None, target_dir: str | None) -> tuple[PairJob, ...]:
    """A manifest, or two folders: exactly one of the two ways."""
    if manifest and (source_dir or target_dir):
        raise UsageError("give either MANIFEST or --source-dir/--target-dir, not both")
    if manifest:
        return read_manifest(manifest)
    if not (source_dir and target_dir):
        raise UsageError("give a MANIFEST, or both --source-dir and --target-dir")
    return jobs_from_dirs(source_dir, target_dir)


@contextlib.contextmanager
def progress(total: int, enabled: bool) -> Iterator[Callable[[PairRecord], None]]:
    """A callback that advances a bar (pairs done, sentences/s, ETA) when ``enabled``."""
    started, sentences = time.perf_counter(), [0]

    def rate(record: PairRecord | None) -> str:
        elapsed = time.perf_counter() - started
        return f"{sentences[0] / elapsed:,.0f} sentences/s" if record and elapsed > 0 else ""

    if not enabled:
        yield lambda _record: None
        return
    with click.progressbar(length=total, label="aligning", show_pos=True, show_eta=True,
                           item_show_func=rate, file=sys.stderr) as bar:
        def advance(record: PairRecord) -> None:
            sentences[0] += record.sentences if record.status == OK else 0
            bar.update(1, record)
        yield advance


def absolute_paths(settings: RunSettings) -> RunSettings:
    """The settings' files as absolute paths: a Dask worker may run in another folder."""
    def absolute(path: str | None) -> str | None:
        return str(Path(path).resolve()) if path and Path(path).exists() else path

    segment = replace(settings.segment, srx=absolute(settings.segment.srx))
    return replace(settings, glossary=absolute(settings.glossary), ignore_file=absolute(settings.ignore_file),
                   segment=segment)


def report(summary: BatchSummary, failures: list[PairRecord], outdir: str, elapsed: float, quiet: bool) -> None:
    done = summary.ok
    say(quiet, f"pairs: {summary.total} (aligned {done}, skipped {summary.skipped} up to date, "
               f"failed {summary.failed}) in {elapsed:.1f} s")
    if done and elapsed > 0:
        say(quiet, f"throughput: {done / elapsed:.2f} pairs/s, {summary.sentences / elapsed:,.0f} sentences/s")
    for record in failures:
        say(quiet, f"failed: {record.id}: {record.error}")
    say(quiet, f"wrote {Path(outdir) / 'combined.tmx'}, terms.csv, issues.csv, batch.csv and one folder per pair")


@click.command()
@click.argument("manifest", required=False, type=click.Path(dir_okay=False))
@click.option("--source-dir", type=click.Path(file_okay=False), help="Folder of source files (instead of MANIFEST).")
@click.option("--target-dir", type=click.Path(file_okay=False), help="Folder of target files, matched by name.")
@click.option("-o", "--output-dir", "outdir", required=True, type=click.Path(file_okay=False),
              help="Output folder: one sub-folder per pair plus the combined files.")
@click.option("--workers", type=click.IntRange(min=1), help="Local worker processes [default: the cores].")
@click.option("--scheduler", metavar="ADDRESS", help="Run on a Dask cluster instead, e.g. tcp://host:8786.")
@click.option("--force", is_flag=True, help="Re-align every pair, even those whose outputs are up to date.")
@settings_options
@srx_options
@quiet_option
def batch(manifest: str | None, source_dir: str | None, target_dir: str | None, outdir: str, workers: int | None,
          scheduler: str | None, force: bool, profile: str | None, source_lang: str | None,
          target_lang: str | None, glossary: str | None, ignore_file: str | None, min_score: float | None,
          srx: str | None, srx_lang: str | None, wrapped: bool | None, quiet: bool) -> None:
    """Align many document pairs listed in MANIFEST (CSV/TSV: id, source, target[, glossary]).

    Each pair is aligned exactly as `align run` would (same settings, same findings); a
    glossary in the manifest's 4th column replaces --glossary for its pair. Writes
    DIR/<id>/ (the outputs of `align run`) for each pair, and combined.tmx, terms.csv,
    issues.csv and batch.csv in DIR. Pairs whose outputs are newer than their inputs are
    skipped, so an interrupted batch resumes where it stopped. Exits 1 if any pair failed.
    """
    if scheduler and workers:
        raise UsageError("--workers is for local runs; a Dask cluster has its own workers")
    jobs = load_jobs(manifest, source_dir, target_dir)
    missing = next((job for job in jobs if job.glossary and not Path(job.glossary).is_file()), None)
    if missing is not None:  # checked before any pair runs, like --glossary
        raise UsageError(f"pair {missing.id}: glossary {missing.glossary}: no such file")
    run = load_settings(profile, source_lang=source_lang, target_lang=target_lang, glossary=glossary,
                        ignore_file=ignore_file, min_score=min_score, srx=srx, srx_lang=srx_lang, wrapped=wrapped)
    run = absolute_paths(prepare(run).settings)  # a missing glossary or SRX file: refused before any pair runs
    settings = BatchSettings(str(Path(outdir).resolve()), run, force)
    runner = make_runner(workers, scheduler)
    failures: list[PairRecord] = []
    started = time.perf_counter()
    with progress(len(jobs), show_progress(quiet)) as advance:
        def on_record(record: PairRecord) -> None:
            advance(record)
            if record.status == FAILED and len(failures) < MAX_FAILURES_SHOWN:
                failures.append(record)
        summary = run_library_batch(jobs, settings, runner, on_record)
    report(summary, failures, outdir, time.perf_counter() - started, quiet)
    if summary.failed:
        raise DataError(f"{summary.failed} of {summary.total} pairs failed", hint=f"see {Path(outdir) / 'batch.csv'}")


def register(group: click.Group) -> None:
    group.add_command(batch)
