"""Batch mode: manifests and folders, outputs, resume, failure isolation, local pool.

The collection is the sample interview cut at its section breaks (the English original and
the French translation have the same sections), so every pair is a real translation.
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from concurrent.futures import Future
from pathlib import Path

import pytest
from click.testing import CliRunner

from align.batch import (
    BatchSettings,
    PairJob,
    PairRecord,
    jobs_from_dirs,
    make_runner,
    ordered_results,
    read_manifest,
    run_batch,
)
from align.batch.execute import InlineRunner, PoolRunner
from align.cli import main
from align.errors import UsageError
from align.formats.tmx import read_tmx
from align.report.outputs import OUTPUT_FILES


def sections(parallel: Path) -> list[tuple[str, str]]:
    en = (parallel / "interview.full.en.txt").read_text(encoding="utf-8").split("\n\n")
    fr = (parallel / "interview.fr.txt").read_text(encoding="utf-8").split("\n\n")
    assert len(en) == len(fr) > 3
    return list(zip(en, fr, strict=True))


@pytest.fixture
def collection(tmp_path: Path, parallel: Path) -> Path:
    """Folders src/ and tgt/ with one file per section, and a manifest listing them."""
    for k, (en, fr) in enumerate(sections(parallel)):
        (tmp_path / "src").mkdir(exist_ok=True)
        (tmp_path / "tgt").mkdir(exist_ok=True)
        (tmp_path / "src" / f"s{k}.txt").write_text(en, encoding="utf-8")
        (tmp_path / "tgt" / f"s{k}.txt").write_text(fr, encoding="utf-8")
    rows = [f"s{k},src/s{k}.txt,tgt/s{k}.txt" for k in range(len(sections(parallel)))]
    (tmp_path / "pairs.csv").write_text("id,source,target\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return tmp_path


def cli(*args: object) -> object:
    return CliRunner().invoke(main, ["batch", *map(str, args)])


def table(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def status(out: Path) -> dict[str, str]:
    return {r["id"]: r["status"] for r in table(out / "batch.csv")}


# --- jobs ------------------------------------------------------------------------------


def test_manifest_paths_are_relative_to_the_manifest(collection: Path) -> None:
    jobs = read_manifest(collection / "pairs.csv")
    assert jobs[0] == PairJob("s0", str(collection / "src/s0.txt"), str(collection / "tgt/s0.txt"))


def test_manifest_tsv_without_header_with_glossary_and_comments(tmp_path: Path) -> None:
    m = tmp_path / "m.tsv"
    m.write_text("# my pairs\n\na\tx.en\tx.fr\tg.tsv\nb\ty.en\ty.fr\n", encoding="utf-8")
    a, b = read_manifest(m)
    assert (a.id, a.glossary, b.id, b.glossary) == ("a", str(tmp_path / "g.tsv"), "b", None)


@pytest.mark.parametrize(("content", "message"), [
    ("a,x,y\na,z,w\n", "line 2: pair id 'a' appears twice"),
    ("a,x\n", "line 1: expected 3 or 4 columns (id, source, target[, glossary]), got 2"),
    ("../up,x,y\n", "line 1: pair id '../up' cannot name an output folder"),
    ("batch.csv,x,y\n", "line 1: pair id 'batch.csv' is the name of a batch output file"),
    ("id,source,target\n", "the manifest lists no pair"),
])
def test_bad_manifest_is_a_usage_error(tmp_path: Path, content: str, message: str) -> None:
    m = tmp_path / "m.csv"
    m.write_text(content, encoding="utf-8")
    with pytest.raises(UsageError) as err:
        read_manifest(m)
    assert err.value.message.startswith(f"{m}: {message}")


def test_folders_are_matched_by_relative_path_and_orphans_kept(tmp_path: Path) -> None:
    for side in ("s", "t"):
        (tmp_path / side / "news").mkdir(parents=True)
        (tmp_path / side / "news" / "a.txt").write_text("x", encoding="utf-8")
        (tmp_path / side / ".hidden").write_text("x", encoding="utf-8")
    (tmp_path / "s" / "orphan.txt").write_text("x", encoding="utf-8")
    jobs = jobs_from_dirs(tmp_path / "s", tmp_path / "t")
    assert [j.id for j in jobs] == ["news/a", "orphan"]
    assert jobs[1].target == str((tmp_path / "t" / "orphan.txt").resolve())


# --- a whole batch -------------------------------------------------------------------------


def test_batch_writes_per_pair_and_combined_outputs(collection: Path) -> None:
    out = collection / "out"
    r = cli(collection / "pairs.csv", "-o", out, "--workers", 1, "--glossary", collection.parent / "g.tsv")
    assert r.exit_code == 2  # a missing glossary is caught before any pair runs
    glossary = Path(__file__).resolve().parents[1] / "parallel" / "glossary.tsv"
    r = cli(collection / "pairs.csv", "-o", out, "--workers", 1, "--glossary", glossary)
    assert r.exit_code == 0, r.output
    rows = table(out / "batch.csv")
    assert [r["status"] for r in rows] == ["ok"] * len(rows)
    per_pair = {row["id"]: list(read_tmx(str(out / row["id"] / "alignment.tmx"))) for row in rows}
    for row in rows:
        assert all((out / row["id"] / name).is_file() for name in OUTPUT_FILES)
        assert int(row["units"]) == len(per_pair[row["id"]]) > 0
    combined = list(read_tmx(str(out / "combined.tmx")))
    assert [(u.source, u.target) for u in combined] == [(u.source, u.target) for v in per_pair.values() for u in v]
    assert len({u.tuid for u in combined}) == len(combined)
    assert {u.document for u in combined} == set(per_pair)
    issues = table(out / "issues.csv")
    assert len(issues) == sum(int(r["findings"]) for r in rows) > 0
    assert {i["pair"] for i in issues} <= set(per_pair)
    assert (out / "terms.csv").read_text(encoding="utf-8").startswith("pair,")


def test_failing_pairs_are_recorded_and_the_others_go_on(collection: Path) -> None:
    (collection / "tgt" / "s1.txt").write_bytes("L’été arrive.".encode("cp1252"))
    (collection / "src" / "s2.txt").write_text("  \n", encoding="utf-8")
    (collection / "src" / "extra.txt").write_text("An orphan.", encoding="utf-8")
    out = collection / "out"
    r = cli("--source-dir", collection / "src", "--target-dir", collection / "tgt", "-o", out, "-q")
    assert r.exit_code == 1
    assert r.output.strip() == f"align: error: 3 of 10 pairs failed (see {out / 'batch.csv'})"
    rows = {row["id"]: row for row in table(out / "batch.csv")}
    assert "not valid UTF-8" in rows["s1"]["error"] and "Windows-1252" in rows["s1"]["error"]
    assert rows["s2"]["error"] == f"{collection / 'src' / 's2.txt'}: file is empty"
    assert rows["extra"]["error"].endswith("no such file")
    assert all("\n" not in row["error"] for row in rows.values())
    assert [k for k, row in rows.items() if row["status"] == "ok"] == ["s0", "s3", "s4", "s5", "s6", "s7", "s8"]
    assert not (out / "s1").exists()
    assert {u.document for u in read_tmx(str(out / "combined.tmx"))} == {"s0", "s3", "s4", "s5", "s6", "s7", "s8"}


# --- resume ------------------------------------------------------------------------------


def test_resume_skips_fresh_pairs_and_redoes_stale_ones(collection: Path) -> None:
    out = collection / "out"
    args = (collection / "pairs.csv", "-o", out, "--workers", 1, "-q")
    assert cli(*args).exit_code == 0
    first = (out / "combined.tmx").read_bytes().split(b"<body>")[1]
    assert cli(*args).exit_code == 0
    assert set(status(out).values()) == {"skipped"}
    assert (out / "combined.tmx").read_bytes().split(b"<body>")[1] == first  # skipped pairs still combined
    newer = (out / "s0" / "pair.json").stat().st_mtime + 10
    os.utime(collection / "src" / "s0.txt", (newer, newer))  # input edited after its outputs
    (out / "s1" / "terms.csv").unlink()  # an output lost
    (out / "s2" / "pair.json").unlink()  # a pair interrupted before it finished
    assert cli(*args).exit_code == 0
    assert [k for k, v in status(out).items() if v == "ok"] == ["s0", "s1", "s2"]
    assert cli(*args, "--min-score", 0.5).exit_code == 0  # other settings: other outputs
    assert set(status(out).values()) == {"ok"}
    assert cli(*args, "--min-score", 0.5, "--force").exit_code == 0
    assert set(status(out).values()) == {"ok"}


# --- execution -----------------------------------------------------------------------------


def test_a_process_pool_gives_the_same_results_as_one_process(collection: Path) -> None:
    jobs = read_manifest(collection / "pairs.csv")
    one = run_batch(jobs, BatchSettings(str(collection / "one")), make_runner(1))
    two = run_batch(jobs, BatchSettings(str(collection / "two")), PoolRunner(2))
    assert one.ok == two.ok == len(jobs) and one.sentences == two.sentences
    def untimed(folder: str) -> list[dict]:
        """batch.csv rows without the column that measures time (it differs between runs)."""
        return [{k: v for k, v in r.items() if k != "seconds"} for r in table(collection / folder / "batch.csv")]

    assert untimed("one") == untimed("two")
    body = [(collection / d / "combined.tmx").read_bytes().split(b"<body>")[1] for d in ("one", "two")]
    assert body[0] == body[1]


class FakeRunner:
    """Records how many tasks are in flight; tasks are held until the batch collects them."""

    def __init__(self, window: int, crash: str = "") -> None:
        self.window, self.crash, self.in_flight, self.peak = window, crash, 0, 0

    def submit(self, job: PairJob, settings: BatchSettings) -> object:
        self.in_flight += 1
        self.peak = max(self.peak, self.in_flight)
        runner = self

        class Handle:
            def result(self) -> PairRecord:
                runner.in_flight -= 1
                if job.id == runner.crash:
                    raise RuntimeError("worker lost")
                return PairRecord(job.id, "ok", sentences=2)

        return Handle()

    def close(self) -> None:
        pass


def test_in_flight_tasks_are_bounded_and_results_stay_in_order(tmp_path: Path) -> None:
    jobs = [PairJob(f"p{k}", "s", "t") for k in range(50)]
    runner = FakeRunner(window=4, crash="p7")
    results = list(ordered_results(jobs, BatchSettings(str(tmp_path)), runner))
    assert [job.id for job, _ in results] == [j.id for j in jobs]
    assert runner.peak == 5  # the window plus the one just submitted, whatever the number of pairs
    crashed = results[7][1]
    assert (crashed.status, crashed.error) == ("failed", "worker failed: RuntimeError: worker lost")


def test_the_inline_runner_returns_done_handles(collection: Path) -> None:
    job = read_manifest(collection / "pairs.csv")[0]
    handle = InlineRunner().submit(job, BatchSettings(str(collection / "o")))
    assert isinstance(handle, Future) and handle.result().status == "ok"


@pytest.mark.parametrize(("args", "message"), [
    (("m.csv", "--source-dir", "."), "give either MANIFEST or --source-dir/--target-dir, not both"),
    (("--source-dir", "."), "give a MANIFEST, or both --source-dir and --target-dir"),
    (("m.csv", "--workers", 2, "--scheduler", "tcp://h:8786"),
     "--workers is for local runs; a Dask cluster has its own workers"),
])
def test_usage_errors(tmp_path: Path, args: tuple, message: str) -> None:
    r = cli(*args, "-o", tmp_path / "out")
    assert r.exit_code == 2 and r.output.strip() == f"align: error: {message}"


def test_dask_is_imported_only_for_a_scheduler() -> None:
    """Local users need no Dask: ``distributed`` is imported when ``--scheduler`` is given, not before."""
    code = "import sys, align.batch, align.cli; print('distributed' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
