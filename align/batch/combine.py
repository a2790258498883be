"""The batch-wide outputs, streamed while the pairs complete: nothing grows with the batch.

* ``combined.tmx``: ``write_tmx`` over a generator that reads each finished pair's TMX back
  with ``read_tmx`` (iterparse, constant memory); tuids become ``<pair id>:<tuid>`` so they
  stay unique, and ``x-document`` names the pair.
* ``terms.csv`` / ``issues.csv``: each pair's table copied row by row, a ``pair`` column first.
* ``batch.csv``: one row per pair (see ``PairRecord``).

Each file goes through ``atomic_write``: an interrupted batch leaves the previous complete
files (or none), never half a TMX.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import IO

from align.batch.jobs import PairJob
from align.batch.task import FAILED, OK, SKIPPED, BatchSettings, PairRecord, pair_dir
from align.formats.tmx import TmxHeader, read_tmx, write_tmx
from align.io import atomic_write, csv_reader
from align.model import TranslationUnit
from align.report.tables import ISSUE_COLUMNS, TERM_COLUMNS

COMBINED_TMX, TERMS, ISSUES, BATCH = "combined.tmx", "terms.csv", "issues.csv", "batch.csv"
PAIR_TMX = "alignment.tmx"
BATCH_COLUMNS = tuple(f.name for f in fields(PairRecord))


@dataclass(frozen=True)
class BatchSummary:
    """Counts over the whole batch; ``seconds`` is the sum of the pairs' own times."""

    total: int = 0
    ok: int = 0
    skipped: int = 0
    failed: int = 0
    sentences: int = 0
    seconds: float = 0.0

    def add(self, record: PairRecord) -> BatchSummary:
        done = record.status == OK
        return replace(
            self, total=self.total + 1, ok=self.ok + done, skipped=self.skipped + (record.status == SKIPPED),
            failed=self.failed + (record.status == FAILED), sentences=self.sentences + record.sentences * done,
            seconds=self.seconds + record.seconds,
        )


class TableConcat:
    """Appends per-pair CSV tables into one, with a leading ``pair`` column.

    The header is taken from the first table (so columns added to the per-pair reports flow
    in); a later table with other columns is mapped onto it by column name.
    """

    def __init__(self, fh: IO[str], fallback: Iterable[str]) -> None:
        self._writer = csv.writer(fh, lineterminator="\n")
        self._fallback = tuple(fallback)
        self._columns: tuple[str, ...] | None = None

    def add(self, pair_id: str, path: Path) -> None:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            reader = csv_reader(fh)
            header = tuple(next(reader, ()))
            columns = self._columns if self._columns is not None else self._start(header or self._fallback)
            for row in reader:
                values = dict(zip(header, row, strict=False))
                self._writer.writerow([pair_id, *(values.get(c, "") for c in columns)])

    def _start(self, columns: tuple[str, ...]) -> tuple[str, ...]:
        self._columns = columns
        self._writer.writerow(["pair", *columns])
        return columns

    def close(self) -> None:
        if self._columns is None:
            self._start(self._fallback)


def combine(
    results: Iterable[tuple[PairJob, PairRecord]], settings: BatchSettings,
    on_record: Callable[[PairRecord], None] | None = None,
) -> BatchSummary:
    """Consume ``results`` (in job order) and write the four batch-wide files into ``DIR``."""
    out = Path(settings.outdir)
    summary = [BatchSummary()]
    with ExitStack() as stack:
        batch = csv.writer(stack.enter_context(atomic_write(out / BATCH)), lineterminator="\n")
        batch.writerow(BATCH_COLUMNS)
        terms = TableConcat(stack.enter_context(atomic_write(out / TERMS)), TERM_COLUMNS)
        issues = TableConcat(stack.enter_context(atomic_write(out / ISSUES)), ISSUE_COLUMNS)
        tmx_fh = stack.enter_context(atomic_write(out / COMBINED_TMX, "wb"))

        def units() -> Iterator[TranslationUnit]:
            for job, record in results:
                batch.writerow(asdict(record).values())
                summary[0] = summary[0].add(record)
                if on_record:
                    on_record(record)
                if record.has_outputs:
                    folder = pair_dir(job, settings)
                    terms.add(record.id, folder / TERMS)
                    issues.add(record.id, folder / ISSUES)
                    yield from _pair_units(record.id, folder / PAIR_TMX, settings)

        # Each pair's TMX was checked when it was written; the parent does not detect again.
        write_tmx(tmx_fh, units(), TmxHeader(srclang=settings.source_lang, tgtlang=settings.target_lang),
                  drop_untranslated=False)
        terms.close()
        issues.close()
    return summary[0]


def _pair_units(pair_id: str, path: Path, settings: BatchSettings) -> Iterator[TranslationUnit]:
    for unit in read_tmx(str(path), settings.source_lang, settings.target_lang):
        yield replace(unit, tuid=f"{pair_id}:{unit.tuid}" if unit.tuid else "", document=pair_id)
