"""The Dask path: the same tasks on a dask.distributed cluster started in-process."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_batch import collection  # noqa: F401  (the fixture, shared)

from align.batch import BatchSettings, make_runner, read_manifest, run_batch
from align.batch.execute import DaskRunner
from align.cli import main
from align.errors import UsageError

distributed = pytest.importorskip("distributed", reason="dask.distributed is not installed (pip install '.[dask]')")


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as c:
        yield c


def rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return [{k: v for k, v in r.items() if k != "seconds"} for r in csv.DictReader(fh)]


def test_dask_gives_the_same_results_as_local(collection: Path, cluster) -> None:  # noqa: F811
    (collection / "tgt" / "s3.txt").write_text("", encoding="utf-8")
    jobs = read_manifest(collection / "pairs.csv")
    local = run_batch(jobs, BatchSettings(str(collection / "local")), make_runner(1))
    remote = run_batch(jobs, BatchSettings(str(collection / "dask")), make_runner(scheduler=cluster.scheduler_address))
    assert (remote.ok, remote.failed) == (local.ok, local.failed) == (len(jobs) - 1, 1)
    assert rows(collection / "dask" / "batch.csv") == rows(collection / "local" / "batch.csv")
    body = [(collection / d / "combined.tmx").read_bytes().split(b"<body>")[1] for d in ("local", "dask")]
    assert body[0] == body[1]


def test_cli_on_a_scheduler_resumes_too(collection: Path, cluster) -> None:  # noqa: F811
    args = ["batch", str(collection / "pairs.csv"), "-o", str(collection / "out"), "--scheduler",
            cluster.scheduler_address]
    first = CliRunner().invoke(main, args)
    assert first.exit_code == 0, first.output
    assert "pairs: 9 (aligned 9, skipped 0 up to date, failed 0)" in first.output
    second = CliRunner().invoke(main, [*args, "-q"])
    assert second.exit_code == 0 and second.output == ""
    assert {r["status"] for r in rows(collection / "out" / "batch.csv")} == {"skipped"}


def test_an_unreachable_scheduler_is_a_usage_error() -> None:
    with pytest.raises(UsageError) as err:
        DaskRunner("tcp://127.0.0.1:9", timeout=0.5)
    assert err.value.message.startswith("cannot reach the Dask scheduler at tcp://127.0.0.1:9")


def test_a_malformed_address_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("A sentence.", encoding="utf-8")
    r = CliRunner().invoke(main, ["batch", "--source-dir", str(tmp_path), "--target-dir", str(tmp_path), "-o",
                                  str(tmp_path / "o"), "--scheduler", "http://host:8786"])
    assert r.exit_code == 2
    assert r.output.strip() == ("align: error: --scheduler http://host:8786: not a Dask scheduler address "
                                "(e.g. tcp://host:8786)")
