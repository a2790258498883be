"""The job layer pauses the cyclic collector while a job runs and restores it after (align.runtime)."""

from __future__ import annotations

import gc

import pytest

import align.job as job
from align.config import RunSettings
from align.runtime import collector_paused


@pytest.fixture(autouse=True)
def _collector_on():
    was = gc.isenabled()
    gc.enable()
    yield
    if was:
        gc.enable()
    else:
        gc.disable()


def test_paused_inside_and_restored_after():
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_nested_blocks_restore_only_at_the_outermost():
    with collector_paused():
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_caller_that_paused_it_keeps_it_paused():
    gc.disable()
    with collector_paused():
        pass
    assert not gc.isenabled()


def test_restored_when_the_job_fails():
    with pytest.raises(RuntimeError), collector_paused():
        raise RuntimeError("boom")
    assert gc.isenabled()


def test_run_job_aligns_with_the_collector_paused(tmp_path, monkeypatch):
    seen = []
    real = job.align_pair

    def spy(*args, **kwargs):
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(job, "align_pair", spy)
    src, tgt = tmp_path / "en.txt", tmp_path / "fr.txt"
    src.write_text("The cat sleeps on the mat. It is warm today.\n", encoding="utf-8")
    tgt.write_text("Le chat dort sur le tapis. Il fait chaud aujourd'hui.\n", encoding="utf-8")
    outcome = job.run_job(str(src), str(tgt), tmp_path / "out", RunSettings())
    assert seen == [False]
    assert gc.isenabled()
    assert outcome.result.units
