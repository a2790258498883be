"""One pair's task, as a worker runs it: read → ``run_pair`` → ``write_outputs`` → a small record.

The task returns a ``PairRecord`` of a few numbers, never the ``PairResult``: the parent
keeps no text, so its memory stays flat however many pairs a batch holds. Every error of
the pair becomes the record's one-line ``error``; the batch goes on with the next pair.

Resuming: the last file a task writes is ``pair.json`` (the record and the settings). A pair
is *fresh*, and skipped, when that marker exists, is newer than the pair's inputs, was
written with the same settings, and every output file is still there. Outputs are written
with ``atomic_write``, and the marker last, so an interrupted pair is never taken as done.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import time
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from align import __version__
from align.batch.jobs import PairJob
from align.config import AlignConfig
from align.errors import AlignError
from align.formats.glossary import parse_glossary
from align.formats.tmx import TmxHeader
from align.io import atomic_write, read_text
from align.model import PairResult, TermEntry
from align.pipeline import run_pair
from align.report.outputs import OUTPUT_FILES, write_outputs

MARKER = "pair.json"
OK, SKIPPED, FAILED = "ok", "skipped", "failed"


@dataclass(frozen=True, slots=True)
class BatchSettings:
    """What every pair of a batch shares; part of it is the fingerprint a resumed run checks."""

    outdir: str
    source_lang: str = "en"
    target_lang: str = "fr"
    min_score: float = 0.0
    glossary: str | None = None
    force: bool = False

    def fingerprint(self, job: PairJob) -> dict[str, object]:
        """Everything that changes a pair's outputs besides the inputs' contents."""
        return {"version": __version__, "source": job.source, "target": job.target,
                "glossary": job.glossary or self.glossary, "source_lang": self.source_lang,
                "target_lang": self.target_lang, "min_score": self.min_score}


@dataclass(frozen=True, slots=True)
class PairRecord:
    """One row of ``batch.csv``; ``sentences`` counts source plus target sentences."""

    id: str
    status: str
    sentences: int = 0
    beads: int = 0
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
    source, target = read_text(job.source), read_text(job.target)
    glossary_path = job.glossary or settings.glossary
    entries = _glossary(glossary_path, os.stat(glossary_path).st_mtime_ns) if glossary_path else ()
    result = run_pair(source, target, settings.source_lang, settings.target_lang, entries,
                      AlignConfig(min_score=settings.min_score), name=job.id)
    outdir = pair_dir(job, settings)
    write_outputs(result, outdir, TmxHeader(srclang=settings.source_lang, tgtlang=settings.target_lang))
    record = summarise(job.id, result)
    with atomic_write(outdir / MARKER) as fh:
        json.dump({"settings": settings.fingerprint(job), "record": asdict(record)}, fh, ensure_ascii=False)
    return record


@functools.lru_cache(maxsize=8)
def _glossary(path: str, _mtime_ns: int) -> tuple[TermEntry, ...]:
    """Parsed once per worker while the file is unchanged (a batch usually shares one glossary)."""
    return parse_glossary(read_text(path), path)


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
        inputs = [job.source, job.target, job.glossary or settings.glossary]
        if any(os.stat(p).st_mtime_ns > stamp for p in inputs if p):
            return None
        if not all((folder / name).is_file() for name in OUTPUT_FILES):
            return None
        stored = json.loads(marker.read_text(encoding="utf-8"))
        if stored.get("settings") != json.loads(json.dumps(settings.fingerprint(job))):
            return None
        return replace(PairRecord(**stored["record"]), status=SKIPPED, seconds=0.0)
    except (OSError, ValueError, TypeError, KeyError):
        return None
