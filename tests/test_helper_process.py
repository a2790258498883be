"""Term discovery in a helper process gives the report discovery in this process gives.

``align.runtime.helper_process`` starts one process (forkserver) for a long job;
``check_document`` sends it the units' texts and runs every other check meanwhile. These
tests run the real helper on the sample and on a larger made-up document, and the paths
that must not change a result: a helper that died, a helper that is not wanted.
"""

from __future__ import annotations

import filecmp
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from pathlib import Path

import pytest

from align.config import RunSettings
from align.formats.glossary import parse_glossary
from align.job import run_job
from align.pipeline import align_pair
from align.runtime import _looks_long, helper_process, helper_wanted
from align.terms import checks
from align.terms.checks import check_document
from align.terms.context import build_context
from align.terms.registry import CHECKS

SAMPLE = Path(__file__).resolve().parents[1] / "parallel"


def _sample_units():
    en = (SAMPLE / "interview.en.txt").read_text(encoding="utf-8")
    fr = (SAMPLE / "interview.fr.txt").read_text(encoding="utf-8")
    result = align_pair(en, fr, RunSettings())
    return result.units


def _glossary():
    text = (SAMPLE / "glossary.tsv").read_text(encoding="utf-8")
    return parse_glossary(text, "glossary.tsv", "en", "fr")


def _long_units():
    """Repeated sample units with a word of their own: enough segments for discovery to find terms."""
    units = _sample_units()
    out = []
    for k in range(6):
        tag = f"qu{'bcdfgh'[k]}ie "
        out += [replace(u, source=tag + u.source, target=tag + u.target) for u in units]
    return out


@pytest.mark.parametrize("make", [_sample_units, _long_units])
def test_a_helper_gives_the_same_report(make):
    units = make()
    glossary = _glossary()
    alone = check_document(units, glossary)
    with helper_process(True) as helper:
        assert helper is not None
        helped = check_document(units, glossary, helper=helper)
    assert helped == alone
    assert any(t.origin.startswith("discovered") for t in alone.terms)  # discovery did find terms


def test_discover_texts_is_discovery_over_the_context():
    units = _long_units()
    keys = checks.glossary_keys(_glossary())
    ctx = build_context(units, _glossary(), "en", "fr")
    assert checks.discover_texts([u.source for u in units], [u.target for u in units], "en", "fr", keys) \
        == checks._discover(ctx, keys)


class _Dead:
    """An executor whose process died: the future fails with BrokenProcessPool."""

    def submit(self, *_args, **_kwargs):
        future: Future = Future()
        future.set_exception(BrokenProcessPool("the helper died"))
        return future


class _Refusing:
    def submit(self, *_args, **_kwargs):
        raise BrokenProcessPool("could not start")


@pytest.mark.parametrize("helper", [_Dead(), _Refusing()])
def test_a_dead_helper_changes_nothing(helper):
    units = _long_units()
    assert check_document(units, _glossary(), helper=helper) == check_document(units, _glossary())


def test_an_error_in_discovery_is_not_swallowed():
    class Failing:
        def submit(self, *_args, **_kwargs):
            future: Future = Future()
            future.set_exception(ValueError("a bug in discovery"))
            return future

    with pytest.raises(ValueError, match="a bug in discovery"):
        check_document(_long_units(), helper=Failing())


def test_only_declared_checks_read_the_discovered_terms():
    """Checks run before discovery is back must not read it: a check that does must say so."""

    class NotYet(tuple):
        def __iter__(self):
            raise AssertionError("read before discovery was done")

        def __len__(self):
            raise AssertionError("read before discovery was done")

    ctx = replace(build_context(_long_units(), _glossary(), "en", "fr"), discovered=NotYet())
    for c in CHECKS.values():
        if not c.uses_discovery:
            list(c.run(ctx))
    declared = [c.id for c in CHECKS.values() if c.uses_discovery]
    assert declared == ["term_inconsistent"]
    with pytest.raises(AssertionError):
        list(CHECKS["term_inconsistent"].run(ctx))


def test_when_a_helper_is_wanted(monkeypatch):
    assert not helper_wanted(1, 10**9, 100)  # --workers 1
    assert not helper_wanted(0, 99, 100)  # a short text
    assert helper_wanted(0, 100, 100) == helper_wanted(2, 100, 100)
    monkeypatch.setattr("os.cpu_count", lambda: 1)
    assert not helper_wanted(0, 10**9, 100)  # one core
    with helper_process(False) as helper:
        assert helper is None


def test_the_early_start_is_guessed_from_the_command_and_the_files(tmp_path):
    en, fr = tmp_path / "en.txt", tmp_path / "fr.txt"
    en.write_text("x" * 60)
    fr.write_text("y" * 50)
    assert _looks_long(["run", str(en), str(fr), "-o", "out"], 110)
    assert _looks_long(["-q", "run", str(en), str(fr), "--glossary", "missing.csv"], 110)
    assert not _looks_long(["run", str(en), str(fr)], 111)  # too short for a helper
    assert not _looks_long(["run", str(en), str(fr), "--workers", "1"], 110)
    assert not _looks_long(["run", str(en), str(fr), "--workers=1"], 110)
    assert not _looks_long(["segment", str(en), str(fr)], 0)  # only ``run`` starts one
    assert not _looks_long(["run", str(tmp_path), "/dev/null", "nul\0l"], 1)  # no regular file: 0 bytes
    assert not _looks_long([], 0)


def test_run_with_the_early_server_writes_the_same_files(tmp_path):
    """``align run`` through the program's entry point (the server started before the
    command line is parsed) writes what ``--workers 1`` writes."""
    import subprocess
    import sys

    en, fr = tmp_path / "en.txt", tmp_path / "fr.txt"
    texts = [(SAMPLE / f"interview.{lang}.txt").read_text(encoding="utf-8") for lang in ("en", "fr")]
    copies = -(-RunSettings.helper_from // sum(map(len, texts)))  # long enough for a helper
    for made, text in zip((en, fr), texts, strict=True):
        made.write_text("\n\n".join(text for _ in range(copies)), encoding="utf-8")
    assert _looks_long(["run", str(en), str(fr)], RunSettings.helper_from)
    program = [sys.executable, "-c", "from align.console import main; main()", "run", str(en), str(fr), "-q"]
    for name, extra in (("one", ["--workers", "1"]), ("two", [])):
        done = subprocess.run([*program, "-o", str(tmp_path / name), *extra], capture_output=True, text=True,
                              timeout=300)
        assert done.returncode == 0 and done.stderr == "", done.stderr
    for path in sorted((tmp_path / "one").iterdir()):
        other = tmp_path / "two" / path.name
        if path.suffix == ".tmx":
            strip = lambda p: "\n".join(x for x in p.read_text().splitlines() if "creationdate" not in x)  # noqa: E731
            assert strip(path) == strip(other)
        else:
            assert filecmp.cmp(path, other, shallow=False), path.name


def test_run_job_with_a_helper_writes_the_same_files(tmp_path):
    en, fr = SAMPLE / "interview.en.txt", SAMPLE / "interview.fr.txt"
    one = run_job(str(en), str(fr), tmp_path / "one", RunSettings(workers=1))
    two = run_job(str(en), str(fr), tmp_path / "two", RunSettings(workers=2, helper_from=0))
    assert one.result.findings == two.result.findings
    for name, path in one.paths.items():
        other = two.paths[name]
        if name.endswith("tmx") or path.suffix == ".tmx":
            strip = lambda p: "\n".join(x for x in p.read_text().splitlines() if "creationdate" not in x)  # noqa: E731
            assert strip(path) == strip(other)
        else:
            assert filecmp.cmp(path, other, shallow=False), name


def test_columns_give_the_tokens_back():
    import pickle

    from align.terms.pretokenised import as_columns, from_columns
    from align.terms.text import tokenize

    texts = ["L’Université d'été — start-up COVID-19 l' ", "", "aujourd’hui ‘quoted’ x_y", "un deux"]
    tokens = {(t, lang): tokenize(t, lang) for t in texts for lang in ("fr", "en")}
    back = from_columns(pickle.loads(pickle.dumps(as_columns(tokens))))
    assert back == tokens and list(back) == list(tokens)
    assert all(type(tok).__name__ == "Token" for toks in back.values() for tok in toks)
    assert from_columns(as_columns({})) == {}


def test_sentences_tokenised_ahead_are_used_and_kept(monkeypatch):
    from align.terms import context, pretokenised

    units = _long_units()
    ahead = pretokenised.tokenise_sentences([u.source for u in units], [u.target for u in units], "en", "fr")
    assert pretokenised.keep(pretokenised.as_columns(ahead)) == len(ahead)
    assert pretokenised.kept() == ahead  # what the helper's discovery reads
    calls = []
    real = context.tokenize
    monkeypatch.setattr(context, "tokenize", lambda text, lang: calls.append(text) or real(text, lang))
    with_known = check_document(units, _glossary(), known_tokens=ahead)
    assert calls == []  # every unit's text came from the sentences tokenised ahead
    monkeypatch.setattr(context, "tokenize", real)
    assert with_known == check_document(units, _glossary())


def test_align_pair_with_a_helper_is_align_pair_without(tmp_path):
    en = (SAMPLE / "interview.en.txt").read_text(encoding="utf-8")
    fr = (SAMPLE / "interview.fr.txt").read_text(encoding="utf-8")
    with helper_process(True) as helper:
        helped = align_pair(en, fr, RunSettings(), _glossary(), helper=helper)
    assert helped == align_pair(en, fr, RunSettings(), _glossary())


def test_errors_from_the_helper_keep_their_hint():
    import pickle

    from align.errors import DataError, UsageError

    for error in (DataError("target: no sentence found", "is it empty?"), UsageError("bad")):
        back = pickle.loads(pickle.dumps(error))
        assert type(back) is type(error) and back.one_line() == error.one_line()


def test_a_target_without_sentences_is_refused_the_same_with_a_helper():
    from align.errors import DataError

    with pytest.raises(DataError) as alone:
        align_pair("The cat sleeps.", "   \n ", RunSettings())
    with helper_process(True) as helper, pytest.raises(DataError) as helped:
        align_pair("The cat sleeps.", "   \n ", RunSettings(), helper=helper)
    assert helped.value.one_line() == alone.value.one_line()


def test_srx_rules_go_to_the_helper(tmp_path):
    from align.job import load_srx
    from tests.test_segment_srx import SRX

    path = tmp_path / "rules.srx"
    path.write_bytes(SRX)
    rules = load_srx(str(path))
    en = (SAMPLE / "interview.en.txt").read_text(encoding="utf-8")
    fr = (SAMPLE / "interview.fr.txt").read_text(encoding="utf-8")
    settings = RunSettings(segment=replace(RunSettings().segment, srx=str(path)))
    with helper_process(True) as helper:
        helped = align_pair(en, fr, settings, srx=rules, helper=helper)
    assert helped == align_pair(en, fr, settings, srx=rules)


def _sleep(seconds: float) -> int:
    import os
    import time

    time.sleep(seconds)
    return os.getpid()


def _pid() -> int:
    import os

    return os.getpid()


def test_an_error_stops_the_helper_instead_of_waiting_for_it():
    import os

    with pytest.raises(KeyboardInterrupt), helper_process(True) as helper:
        pid = helper.submit(_pid).result()
        helper.submit(_sleep, 600)  # work that would keep the block waiting for ten minutes
        raise KeyboardInterrupt
    # The block has ended, so the helper has been waited for: it no longer exists.
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def test_the_helper_ends_with_its_block():
    import os

    with helper_process(True) as helper:
        pid = helper.submit(_pid).result()
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def test_the_helper_runs_with_the_cyclic_collector_off():
    """It keeps the job's tokens; with the collector on, every full collection walked them
    again (discovery took twice as long there at 100,000 sentences)."""
    import gc

    with helper_process(True) as helper:
        assert helper is not None
        assert helper.submit(gc.isenabled).result() is False


class _Inline:
    """A helper that runs what it is sent at once, in this process (its state is this module's)."""

    def __init__(self, die_on_check: bool = False) -> None:
        self.sent: list[str] = []
        self.die_on_check = die_on_check

    def submit(self, fn, *args):
        self.sent.append(fn.__name__ + (f":{args[0]}" if fn is checks.helper_hits else ""))
        future: Future = Future()
        if self.die_on_check and fn is checks.helper_hits:
            future.set_exception(BrokenProcessPool("the helper died"))
        else:
            future.set_result(fn(*args))
        return future


def _shared_order() -> list[str]:
    """The checks shared with the helper, in the order the job goes through them (those
    asking the language detector first: the job's detector is loaded)."""
    todo = [c for c in CHECKS.values() if not c.uses_discovery]
    return [c.id for c in sorted(todo, key=lambda c: not c.uses_detector)]


def test_the_helper_takes_checks_from_the_back_while_the_job_discovers_terms():
    units, glossary = _long_units(), _glossary()
    alone = check_document(units, glossary)
    helper = _Inline()
    assert check_document(units, glossary, helper=helper) == alone
    assert helper.sent[0] == "_helper_context"  # its copy of the context first, then the checks
    taken = [s.split(":", 1)[1] for s in helper.sent if s.startswith("helper_hits")]
    order = _shared_order()
    # A helper that is always free is given every check but the first, from the back.
    assert taken == order[::-1][:len(order) - 1]
    assert order[0] == "untranslated"  # the one asking the detector stays with the job


def test_a_helper_that_dies_on_a_check_or_has_no_context_changes_nothing():
    units, glossary = _long_units(), _glossary()
    alone = check_document(units, glossary)
    assert check_document(units, glossary, helper=_Inline(die_on_check=True)) == alone
    checks._HELD.clear()
    assert checks.helper_hits("double_space") is None  # no context kept: the check is run by the job


def test_the_helpers_context_is_the_jobs():
    units, glossary = _long_units(), _glossary()
    assert checks._helper_context(checks.unit_columns(units), tuple(glossary), "en", "fr") == len(units)
    assert checks._HELD["context"] == build_context(units, glossary, "en", "fr")


class _TakesOne(_Inline):
    """A helper that only gets to the first check it is sent; the rest stay queued (cancellable)."""

    def submit(self, fn, *args):
        if fn is checks.helper_hits and any(s.startswith("helper_hits") for s in self.sent):
            self.sent.append(f"queued:{args[0]}")
            return Future()  # pending: the job can still take it back
        return super().submit(fn, *args)


def test_checks_the_helper_has_not_started_are_taken_back():
    units, glossary = _long_units(), _glossary()
    alone = check_document(units, glossary)
    helper = _TakesOne()
    assert check_document(units, glossary, helper=helper) == alone
    order = _shared_order()
    taken = [s.split(":", 1)[1] for s in helper.sent if s.startswith("helper_hits")]
    queued = [s.split(":", 1)[1] for s in helper.sent if s.startswith("queued")]
    assert taken == [order[-1]]  # the last check, in the helper
    assert queued == order[1:-1][::-1]  # offered from the back, then done here


def test_the_pipes_to_and_from_the_helper_hold_a_megabyte():
    """The sentences cross while the job is busy deciding languages: a pipe's worth per
    switch of the interpreter, so the pipes are widened where the system allows it."""
    import fcntl

    if not hasattr(fcntl, "F_GETPIPE_SZ"):
        pytest.skip("no F_GETPIPE_SZ on this system")
    with helper_process(True) as helper:
        ends = (helper._call_queue._writer, helper._result_queue._reader)
        sizes = [fcntl.fcntl(c.fileno(), fcntl.F_GETPIPE_SZ) for c in ends]
        assert helper.submit(_pid).result() > 0  # the helper works as before
    limit = int(Path("/proc/sys/fs/pipe-max-size").read_text()) if Path("/proc/sys/fs/pipe-max-size").exists() else 0
    assert all(size >= min(1 << 20, limit) for size in sizes), sizes


def _bundle_and_result():
    from align.report.outputs import bundle_of

    en = (SAMPLE / "interview.en.txt").read_text(encoding="utf-8")
    fr = (SAMPLE / "interview.fr.txt").read_text(encoding="utf-8")
    result = align_pair(en, fr, RunSettings())
    return bundle_of(result, "en", "fr", "sig"), result


def _same_files(a: Path, b: Path) -> None:
    names = sorted(p.name for p in a.iterdir())
    assert names == sorted(p.name for p in b.iterdir())
    for name in names:
        if name.endswith(".tmx"):
            strip = lambda p: "\n".join(x for x in p.read_text().splitlines() if "creationdate" not in x)  # noqa: E731
            assert strip(a / name) == strip(b / name)
        else:
            assert filecmp.cmp(a / name, b / name, shallow=False), name


def test_the_helper_writes_the_units_outputs_it_holds_the_same(tmp_path):
    from align.report.outputs import RUN_OUTPUTS, write_set

    bundle, result = _bundle_and_result()
    alone, lines = write_set(tmp_path / "alone", RUN_OUTPUTS, bundle)
    checks._HELD.clear()
    checks._helper_context(checks.unit_columns(result.units), (), "en", "fr")  # what the term stage leaves there
    helper = _Inline()
    paths, lines2 = write_set(tmp_path / "helped", RUN_OUTPUTS, bundle, helper)
    assert helper.sent == ["write_held"] and lines2 == lines
    assert [p.name for p in paths.values()] == [p.name for p in alone.values()]  # the outputs' order
    _same_files(tmp_path / "alone", tmp_path / "helped")
    # A helper holding other units, or none, or dead: the files are written here, the same.
    checks._HELD.clear()
    checks._helper_context(checks.unit_columns(result.units[:-1]), (), "en", "fr")
    write_set(tmp_path / "other", RUN_OUTPUTS, bundle, _Inline())
    _same_files(tmp_path / "alone", tmp_path / "other")
    checks._HELD.clear()
    write_set(tmp_path / "none", RUN_OUTPUTS, bundle, _Inline())
    write_set(tmp_path / "dead", RUN_OUTPUTS, bundle, _Dead())
    _same_files(tmp_path / "alone", tmp_path / "none")
    _same_files(tmp_path / "alone", tmp_path / "dead")


def test_an_error_writing_in_the_helper_is_raised(tmp_path):
    from align.report.outputs import RUN_OUTPUTS, write_set

    class Full:
        def submit(self, *_args, **_kwargs):
            future: Future = Future()
            future.set_exception(OSError(28, "No space left on device"))
            return future

    bundle, _ = _bundle_and_result()
    with pytest.raises(OSError, match="No space left"):
        write_set(tmp_path / "out", RUN_OUTPUTS, bundle, Full())
