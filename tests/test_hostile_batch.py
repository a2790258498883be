"""Hostile faults in ``align batch``: signals, killed workers, stale temporary files.

Real processes (``subprocess``), since signals and process trees are the point. Each test
failed before its fix: SIGTERM exited -15 silently and left ``.*.tmp`` files, SIGKILL left
the forkserver and pool workers running, one killed worker failed every pair in flight.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from align.batch import BatchSettings, PairJob, process_pair, remove_stale_temporaries, run_batch
from align.batch.execute import PoolRunner

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="process trees read from /proc")

ALIGN = [sys.executable, "-c", "from align.cli import main; main(prog_name='align')"]


def _collection(folder: Path, pairs: int, sentences: int = 60) -> Path:
    (folder / "src").mkdir(parents=True)
    (folder / "tgt").mkdir()
    rows = ["id,source,target"]
    for k in range(pairs):
        en = "".join(f"Line {i} of pair {k} says the cat is asleep on the sofa.\n" for i in range(sentences))
        fr = "".join(f"La ligne {i} de la paire {k} dit que le chat dort sur le canapé.\n" for i in range(sentences))
        (folder / "src" / f"p{k}.txt").write_text(en, encoding="utf-8")
        (folder / "tgt" / f"p{k}.txt").write_text(fr, encoding="utf-8")
        rows.append(f"p{k},src/p{k}.txt,tgt/p{k}.txt")
    manifest = folder / "pairs.csv"
    manifest.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return manifest


def _children() -> dict[int, int]:
    """pid → parent pid of every process."""
    out = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            out[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    return out


def _descendants(pid: int) -> set[int]:
    tree, found, todo = _children(), set(), [pid]
    while todo:
        parent = todo.pop()
        for child, ppid in tree.items():
            if ppid == parent and child not in found:
                found.add(child)
                todo.append(child)
    return found


def _alive(pids: set[int]) -> set[int]:
    alive = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            alive.add(pid)
    return alive


def _start_batch(folder: Path, manifest: Path) -> subprocess.Popen:
    return subprocess.Popen([*ALIGN, "batch", str(manifest), "-o", str(folder / "out"), "--workers", "2"],
                            cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait_for_workers(proc: subprocess.Popen, want: int = 3, timeout: float = 60) -> set[int]:
    """The batch's process tree once the pool is up (forkserver + workers)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        family = _descendants(proc.pid)
        if len(family) >= want:
            time.sleep(1.0)  # let the workers take their first pairs
            return _descendants(proc.pid)
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.2)
    pytest.fail("the batch never started its workers")


def _wait_gone(pids: set[int], timeout: float = 15) -> set[int]:
    deadline = time.monotonic() + timeout
    while _alive(pids) and time.monotonic() < deadline:
        time.sleep(0.2)
    return _alive(pids)


def _temporaries(folder: Path) -> list[Path]:
    return sorted(folder.rglob(".*.tmp"))


def test_sigterm_is_handled_like_ctrl_c(tmp_path):
    proc = _start_batch(tmp_path, _collection(tmp_path, 8))
    family = _wait_for_workers(proc)
    proc.send_signal(signal.SIGTERM)
    _out, err = proc.communicate(timeout=60)
    assert proc.returncode == 143
    lines = err.strip().splitlines()
    assert lines[-1].startswith("align: error: terminated") and "Traceback" not in err
    assert _wait_gone(family) == set()
    assert _temporaries(tmp_path / "out") == []


def test_a_batch_that_ends_leaves_no_worker_behind(tmp_path):
    """The ordinary end: forkserver, resource tracker and pool workers all end with the batch."""
    proc = _start_batch(tmp_path, _collection(tmp_path, 4, 30))
    family = _wait_for_workers(proc)
    _out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    assert _wait_gone(family) == set(), "a worker, the forkserver or the resource tracker outlived the batch"


def test_sigkill_leaves_no_worker_and_the_next_run_cleans_up(tmp_path):
    manifest = _collection(tmp_path, 8)
    proc = _start_batch(tmp_path, manifest)
    family = _wait_for_workers(proc)
    proc.kill()
    proc.communicate(timeout=30)
    assert _wait_gone(family) == set(), "pool workers or the forkserver outlived the batch"
    out = tmp_path / "out"
    out.mkdir(exist_ok=True)
    (out / ".combined.tmx.abcd1234.tmp").write_text("<tmx")  # what a kill -9 leaves
    (out / "notes.tmp").write_text("mine")  # not ours: kept
    small = tmp_path / "one.csv"  # the next run, on one pair: it cleans the folder first
    small.write_text("\n".join(manifest.read_text(encoding="utf-8").splitlines()[:2]) + "\n", encoding="utf-8")
    again = subprocess.run([*ALIGN, "batch", str(small), "-o", str(out), "--workers", "1", "-q"],
                           cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr
    assert _temporaries(out) == []
    assert (out / "notes.tmp").exists()


def test_stale_temporaries_are_ours_only(tmp_path):
    (tmp_path / "p1").mkdir()
    stale = [tmp_path / ".batch.csv.k3j_9xq2.tmp", tmp_path / "p1" / ".alignment.tmx.aaaaaaaa.tmp"]
    kept = [tmp_path / ".hidden.tmp", tmp_path / "x.tmp", tmp_path / ".thesis.odt.aaaaaaaa.tmp"]
    for path in stale + kept:
        path.write_text("x")
    assert remove_stale_temporaries(tmp_path) == 2
    assert not any(p.exists() for p in stale) and all(p.exists() for p in kept)


def crash_on_p0(job: PairJob, settings: BatchSettings):
    """A task that kills its worker on one pair (as the OOM killer would)."""
    if job.id == "p0":
        os._exit(9)
    time.sleep(0.5)  # keep the others in flight when p0 dies
    return process_pair(job, settings)


class CrashingRunner(PoolRunner):
    task = staticmethod(crash_on_p0)


def test_a_killed_worker_fails_only_its_own_pair(tmp_path, monkeypatch):
    manifest = _collection(tmp_path, 4, sentences=5)
    monkeypatch.chdir(tmp_path)
    from align.batch import read_manifest

    jobs = read_manifest(str(manifest))
    records = []
    summary = run_batch(jobs, BatchSettings(str(tmp_path / "out")), CrashingRunner(2), records.append)
    failed = [r.id for r in records if r.status == "failed"]
    assert failed == ["p0"]
    assert summary.ok == 3
    assert "died" in next(r.error for r in records if r.id == "p0")
