"""Which document pairs a batch holds: a manifest file, or two folders matched by file name.

A job is four strings (id, source path, target path, optional glossary path), all paths
absolute, so the same job means the same files on a Dask worker started in another folder
(the cluster shares a file system). Ids become output folders (``DIR/<id>/``), so they are
checked here, before anything runs: a bad id is a usage error, not 1,000 failed pairs.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from align.errors import UsageError
from align.io import csv_reader, read_text

# Files the batch writes at the top of DIR: no pair id may take these names.
RESERVED = frozenset({"combined.tmx", "terms.csv", "issues.csv", "batch.csv"})
HEADER = ("id", "source", "target", "glossary")


@dataclass(frozen=True, slots=True)
class PairJob:
    """One document pair to align; ``glossary`` overrides the batch's ``--glossary``."""

    id: str
    source: str
    target: str
    glossary: str | None = None


def check_id(pair_id: str, where: str) -> str:
    """An id must be a relative path without ``..`` (it names the folder ``DIR/<id>/``)."""
    parts = PurePosixPath(pair_id).parts
    if not parts or not pair_id.strip() or "\\" in pair_id or pair_id.startswith("/") \
            or any(p in (".", "..") for p in parts) or pair_id.strip("/").split("/")[0] in (".", ".."):
        raise UsageError(f"{where}: pair id {pair_id!r} cannot name an output folder",
                         hint="use letters, digits, - _ . and / between folder names")
    if parts[0] in RESERVED:
        raise UsageError(f"{where}: pair id {pair_id!r} is the name of a batch output file")
    longest = max(parts, key=lambda p: len(p.encode("utf-8")))
    if len(longest.encode("utf-8")) > MAX_ID_PART:
        raise UsageError(f"{where}: pair id {pair_id[:40]!r}… is too long for a folder name "
                         f"({len(longest.encode('utf-8'))} bytes; at most {MAX_ID_PART})")
    return pair_id


MAX_ID_PART = 200
"""Bytes in one folder name of a pair id: file systems stop at 255, and ``DIR/<id>/`` holds
temporary names longer than the id (``.alignment.tmx.<8>.tmp``)."""


def _check_nesting(jobs: list[PairJob], path: str | Path) -> None:
    """No pair's folder inside another's: ``a/alignment.tmx`` would collide with pair ``a``'s output."""
    ids = {job.id.strip("/") for job in jobs}
    for job in jobs:
        parts = PurePosixPath(job.id).parts
        for k in range(1, len(parts)):
            outer = "/".join(parts[:k])
            if outer in ids:
                raise UsageError(f"{path}: pair id {job.id!r} lies inside the folder of pair {outer!r}",
                                 hint="give the pairs sibling ids")


def read_manifest(path: str | Path) -> tuple[PairJob, ...]:
    """Jobs from a CSV or TSV manifest: ``id, source, target[, glossary]``, header row optional.

    Relative paths are taken relative to the manifest's folder, as a manifest is usually kept
    beside the files it lists; blank lines and lines starting with ``#`` are ignored.
    """
    text = read_text(path, allow_empty=True)
    base = Path(path).resolve().parent
    jobs: list[PairJob] = []
    seen: set[str] = set()
    for line_no, row in _rows(text, str(path)):
        where = f"{path}: line {line_no}"
        if len(row) not in (3, 4) or not all(c.strip() for c in row[:3]):
            raise UsageError(f"{where}: expected 3 or 4 columns (id, source, target[, glossary]), got {len(row)}")
        job = PairJob(check_id(row[0].strip(), where), _abs(base, row[1]), _abs(base, row[2]),
                      _abs(base, row[3]) if len(row) == 4 and row[3].strip() else None)
        if job.id in seen:
            raise UsageError(f"{where}: pair id {job.id!r} appears twice")
        seen.add(job.id)
        jobs.append(job)
    if not jobs:
        raise UsageError(f"{path}: the manifest lists no pair")
    _check_nesting(jobs, path)
    return tuple(jobs)


def _rows(text: str, name: str) -> Iterator[tuple[int, list[str]]]:
    lines = text.split("\n")
    delimiter = "\t" if name.lower().endswith(".tsv") or "\t" in next((ln for ln in lines if ln.strip()), "") else ","
    first = True
    for line_no, row in enumerate(csv_reader(lines, delimiter=delimiter), 1):
        if not row or not "".join(row).strip() or row[0].lstrip().startswith("#"):
            continue
        if first and tuple(c.strip().lower() for c in row) in (HEADER[:3], HEADER):
            first = False
            continue
        first = False
        yield line_no, row


def _abs(base: Path, value: str) -> str:
    return str((base / value.strip()).resolve())


def jobs_from_dirs(source_dir: str | Path, target_dir: str | Path) -> tuple[PairJob, ...]:
    """Pair the files of two folders (searched recursively) by their relative path.

    The id is the relative path without its extension (``news/2024-01.txt`` → ``news/2024-01``).
    A file with no counterpart is still a job: it fails with a clear error in ``batch.csv``
    instead of being silently left out.
    """
    src, tgt = _files(source_dir, "--source-dir"), _files(target_dir, "--target-dir")
    jobs = []
    seen: dict[str, str] = {}
    for rel in sorted(src.keys() | tgt.keys()):
        pair_id = check_id(str(PurePosixPath(rel).with_suffix("")), rel)
        if pair_id in seen:
            raise UsageError(f"{rel} and {seen[pair_id]} would share the pair id {pair_id!r}")
        seen[pair_id] = rel
        jobs.append(PairJob(pair_id, src.get(rel, str(Path(source_dir).resolve() / rel)),
                            tgt.get(rel, str(Path(target_dir).resolve() / rel))))
    if not jobs:
        raise UsageError(f"{source_dir} and {target_dir} hold no file")
    return tuple(jobs)


def _files(folder: str | Path, option: str) -> dict[str, str]:
    root = Path(folder)
    if not root.is_dir():
        raise UsageError(f"{option} {folder}: not a folder")
    return {
        p.relative_to(root).as_posix(): str(p.resolve())
        for p in root.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(root).parts)
    }
