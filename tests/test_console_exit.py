"""The program's own exit (``align.console``): it ends without freeing the job's objects,
so it must still deliver everything: the summary flushed, every output complete, the
exit handlers run (no helper process or temporary file left), the statuses unchanged."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PROGRAM = [sys.executable, "-c", "from align.console import main; main()"]
IN_PROCESS = [sys.executable, "-c", "from align.cli import main; main(prog_name='align')"]


def _run(argv: list[str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*argv, *args], capture_output=True, text=True, timeout=300)


def test_demo_writes_and_says_everything(tmp_path: Path) -> None:
    fast, slow = tmp_path / "fast", tmp_path / "slow"
    a, b = _run(PROGRAM, "demo", "-o", str(fast)), _run(IN_PROCESS, "demo", "-o", str(slow))
    assert a.returncode == b.returncode == 0
    assert a.stdout == b.stdout
    assert a.stderr.replace(str(fast), "OUT").splitlines()[:-1] == b.stderr.replace(str(slow), "OUT").splitlines()[:-1]
    assert a.stderr.rstrip().splitlines()[-1].startswith("wrote ")  # the last line, flushed before the exit
    names = sorted(p.name for p in slow.iterdir())
    assert sorted(p.name for p in fast.iterdir()) == names and len(names) == 8
    for name in names:
        if name != "alignment.tmx":  # its creation date differs
            assert (fast / name).read_bytes() == (slow / name).read_bytes(), name


def test_statuses_and_one_line_errors_are_kept(tmp_path: Path) -> None:
    usage = _run(PROGRAM, "run", "--bogus")
    assert usage.returncode == 2 and usage.stderr.count("\n") == 1 and usage.stderr.startswith("align: error:")
    missing = _run(PROGRAM, "run", str(tmp_path / "none.txt"), str(tmp_path / "none.fr.txt"), "-o", str(tmp_path / "o"))
    assert missing.returncode == 2 and missing.stderr.startswith("align: error:")
    assert not (tmp_path / "o").exists()
    version = _run(PROGRAM, "--version")
    assert version.returncode == 0 and "align" in version.stdout


def test_stdout_on_a_full_disk_exits_as_before() -> None:
    with open("/dev/full", "w") as full:
        a = subprocess.run([*PROGRAM, "segment", "-"], input="One. Two.", stdout=full, stderr=subprocess.PIPE,
                           text=True, timeout=120)
        b = subprocess.run([*IN_PROCESS, "segment", "-"], input="One. Two.", stdout=full, stderr=subprocess.PIPE,
                           text=True, timeout=120)
    assert a.returncode == b.returncode != 0
    assert a.stderr == b.stderr


def test_stdout_is_flushed_before_the_exit(tmp_path: Path) -> None:
    text = tmp_path / "t.txt"
    text.write_text("".join(f"Sentence number {k} is here. " for k in range(2000)), encoding="utf-8")
    a, b = _run(PROGRAM, "segment", str(text)), _run(IN_PROCESS, "segment", str(text))
    assert a.returncode == b.returncode == 0
    assert a.stdout == b.stdout and a.stdout.count("\n") >= 2000


def test_values_outlive_the_job_only_in_a_process_that_ends_without_freeing(monkeypatch):
    import weakref

    from align import runtime

    class Big:
        pass

    monkeypatch.setattr(runtime, "_ENDING", [])
    monkeypatch.setattr(runtime, "_OUTLIVING", [])
    one = Big()
    ref = weakref.ref(one)
    runtime.outlive(one)
    del one
    assert ref() is None  # a library caller: freed as usual
    runtime.ends_without_freeing()
    two, three = Big(), Big()
    ref2, ref3 = weakref.ref(two), weakref.ref(three)
    runtime.outlive(two)
    runtime.outlive(three)  # the last job's values only: the one before is freed
    del two, three
    assert ref2() is None and ref3() is not None
    monkeypatch.setattr(runtime, "_ENDING", [-1])  # another process's mark (a pool worker inherits it)
    four = Big()
    ref4 = weakref.ref(four)
    runtime.outlive(four)
    del four
    assert ref4() is None


def test_the_commands_process_freezes_the_jobs_objects_instead_of_collecting_them(monkeypatch):
    import gc

    from align import runtime

    def after_a_job() -> tuple[bool, int]:
        gc.unfreeze()
        with runtime.collector_paused():
            made = [[k] for k in range(1000)]  # noqa: F841  (the job's objects)
        frozen = gc.get_freeze_count()
        gc.unfreeze()
        return gc.isenabled(), frozen

    was = gc.isenabled()
    gc.enable()
    try:
        monkeypatch.setattr(runtime, "_ENDING", [])
        assert after_a_job() == (True, 0)  # a library caller: the collector resumes, nothing frozen
        monkeypatch.setattr(runtime, "_ENDING", [__import__("os").getpid()])
        enabled, frozen = after_a_job()
        assert enabled and frozen >= 1000  # the command's process: frozen, then resumed
    finally:
        gc.unfreeze()
        if not was:
            gc.disable()
