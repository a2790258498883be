"""One pair's task, as a worker runs it: ``align.job.run_job`` (the front door) → a small record.

The task returns a ``PairRecord`` of a few numbers, never the ``PairResult``: the parent
keeps no text, so its memory stays flat however many pairs a batch holds. Every error of
the pair becomes the record's one-line ``error``; the batch goes on with the next pair.

Resuming: the last file a task writes is ``pair.json`` (the record and the settings). A pair
is *fresh*, and skipped, when that marker exists, is newer than the pair's inputs, was
written with the same settings (the same signature), and every output file is still there. Outputs are written
with ``atomic_write``, and the marker last, so an interrupted pair is never taken as done.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from align.batch.jobs import PairJob
from align.config import RunSettings
from align.errors import AlignError
from align.io import atomic_write
from align.job import prepare, read_glossary, run_job
from align.model import PairResult
from align.report.outputs import OUTPUT_FILES

MARKER = "pair.json"
OK, SKIPPED, FAILED = "ok", "skipped", "failed"


@dataclass(frozen=True, slots=True)
class BatchSettings:
    """What every pair of a batch shares: the output folder and the job's ``RunSettings``."""

    outdir: str
    run: RunSettings = field(default_factory=RunSettings)
    force: bool = False

    @property
    def source_lang(self) -> str:
        return self.run.source_lang

    @property
    def target_lang(self) -> str:
        return self.run.target_lang

    def for_job(self, job: PairJob) -> RunSettings:
        """The settings of one pair: its own glossary (manifest column) over the batch's, digest filled in."""
        settings = replace(self.run, glossary=job.glossary) if job.glossary else self.run
        if settings.glossary:
            digest = read_glossary(settings.glossary, settings.source_lang, settings.target_lang)[1]
            settings = replace(settings, glossary_digest=digest)
        return settings

    def fingerprint(self, job: PairJob) -> dict[str, object]:
        """Everything that changes a pair's outputs besides the inputs' contents: the signature."""
        return {"signature": self.for_job(job).signature(), "source": job.source, "target": job.target}


@dataclass(frozen=True, slots=True)
class PairRecord:
    """One row of ``batch.csv``; ``sentences`` counts source plus target sentences."""

    id: str
    status: str
    sentences: int = 0
    units: int = 0  # units in the TMX
    unaligned: int = 0
    mean_score: float = 0.0
    findings: int = 0
    seconds: float = 0.0
    error: str = ""

    @property
    def has_outputs(self) -> bool:
        return self.status in (OK, SKIPPED)


def pair_dir(job: PairJob, settings: BatchSettings) -> Path:
    return Path(settings.outdir, job.id)


def process_pair(job: PairJob, settings: BatchSettings) -> PairRecord:
    """Align one pair and write its outputs into ``DIR/<id>/``; never raises for bad data."""
    started = time.perf_counter()
    try:
        record = _align(job, settings)
    except AlignError as exc:
        record = PairRecord(job.id, FAILED, error=exc.one_line())
    except Exception as exc:  # a bug on one pair must not stop a batch of thousands
        record = PairRecord(job.id, FAILED, error=f"internal error: {type(exc).__name__}: {exc}")
    if record.status == FAILED:
        with contextlib.suppress(OSError):
            (pair_dir(job, settings) / MARKER).unlink()
    return replace(record, seconds=round(time.perf_counter() - started, 3))


def _align(job: PairJob, settings: BatchSettings) -> PairRecord:
    outdir = pair_dir(job, settings)
    # One process per pair: the batch's own workers already use the cores (RunSettings.workers).
    outcome = run_job(job.source, job.target, outdir, replace(settings.run, workers=1), name=job.id,
                      inputs=prepare(replace(settings.for_job(job), workers=1)))
    record = summarise(job.id, outcome.result)
    with atomic_write(outdir / MARKER) as fh:
        json.dump({"settings": settings.fingerprint(job), "record": asdict(record)}, fh, ensure_ascii=False)
    return record


def summarise(pair_id: str, result: PairResult) -> PairRecord:
    """The few numbers ``batch.csv`` keeps of a pair's result."""
    scores = [u.score for u in result.units]
    return PairRecord(
        pair_id, OK, len(result.source.sentences) + len(result.target.sentences), len(result.units),
        len(result.unaligned), round(sum(scores) / len(scores), 4) if scores else 0.0, len(result.findings),
    )


def fresh_record(job: PairJob, settings: BatchSettings) -> PairRecord | None:
    """The stored record (status ``skipped``) when the pair's outputs are up to date, else None."""
    if settings.force:
        return None
    folder = pair_dir(job, settings)
    try:
        marker = folder / MARKER
        stamp = marker.stat().st_mtime_ns
        inputs = [job.source, job.target, job.glossary or settings.run.glossary, settings.run.ignore_file]
        if any(os.stat(p).st_mtime_ns > stamp for p in inputs if p):
            return None
        if not all((folder / name).is_file() for name in OUTPUT_FILES):
            return None
        stored = json.loads(marker.read_text(encoding="utf-8"))
        if stored.get("settings") != json.loads(json.dumps(settings.fingerprint(job))):
            return None
        return replace(PairRecord(**stored["record"]), status=SKIPPED, seconds=0.0)
    except (OSError, ValueError, TypeError, KeyError, AlignError):
        return None
