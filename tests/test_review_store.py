"""review.json is saved atomically: a process killed (SIGKILL) while saving leaves the old or the new state."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time

import pytest

from align.review.session import Session
from align.review.store import write_json_atomic
from tests.review_helpers import fresh_copy, run_sample

SAVER = """
import sys
from align.review.session import Session
s = Session(sys.argv[1])
units = [r for r in s.review.rows if r.is_unit]
print("ready", flush=True)
k = len(s.actions)  # go on where the killed one stopped
while True:
    s.do({"kind": "confirm", "at": {"side": "target", "index": units[k % len(units)].tgt[0]}})
    k += 1
"""


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    return run_sample(tmp_path_factory.mktemp("run"))


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")
def test_kill_during_save_leaves_a_whole_file(template, tmp_path):
    folder = fresh_copy(template, tmp_path / "run")
    session = Session(folder)
    expected = [session.texts.ref("target", r.tgt[0]) for r in session.review.rows if r.is_unit]
    rng = random.Random(12)
    lengths = []
    for attempt in range(4):
        proc = subprocess.Popen([sys.executable, "-c", SAVER, str(folder)], stdout=subprocess.PIPE, text=True,
                                env={**os.environ, "PYTHONPATH": os.getcwd()})
        assert proc.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.2, 1.0))
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
        data = json.loads((folder / "review.json").read_text(encoding="utf-8"))  # never half a file
        decisions = data["decisions"]
        assert data["format"] == "align-review" and decisions
        assert [d["at"] for d in decisions] == [expected[k % len(expected)] for k in range(len(decisions))], attempt
        lengths.append(len(decisions))
        assert Session(folder).actions  # and it reopens
    assert lengths == sorted(lengths) and lengths[-1] > lengths[0]
    leftovers = [p.name for p in folder.iterdir() if p.name.startswith(".review.json.")]
    assert len(leftovers) <= 4  # at most one temporary file per kill, never the review itself


def test_atomic_write_keeps_the_old_file_when_writing_fails(tmp_path):
    path = tmp_path / "review.json"
    write_json_atomic(path, {"a": 1})

    class Boom:
        def __iter__(self):
            raise RuntimeError("disk full")

    with pytest.raises(TypeError):
        write_json_atomic(path, {"a": Boom()})
    assert json.loads(path.read_text()) == {"a": 1}
    assert [p.name for p in tmp_path.iterdir()] == ["review.json"]


def test_a_broken_review_file_is_refused_not_overwritten(template, tmp_path):
    folder = fresh_copy(template, tmp_path / "run")
    (folder / "review.json").write_text("{half a fi")
    with pytest.raises(Exception, match="cannot be read back"):
        Session(folder)
    assert (folder / "review.json").read_text() == "{half a fi"
