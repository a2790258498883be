"""``align review`` as a user runs it: a real process, its address, Ctrl-C, and a batch folder."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from align.cli import main
from tests.review_helpers import fresh_copy, run_sample

ALIGN = [sys.executable, "-c", "from align.cli import main; main()"]


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    return run_sample(tmp_path_factory.mktemp("run"))


@pytest.mark.skipif(not hasattr(signal, "SIGINT"), reason="needs POSIX signals")
def test_serves_until_ctrl_c_and_keeps_the_decisions(template, tmp_path):
    folder = fresh_copy(template, tmp_path / "run")
    proc = subprocess.Popen([*ALIGN, "review", str(folder), "--no-browser", "-q"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=tmp_path,
                            env={**os.environ, "PYTHONPATH": os.getcwd()})
    try:
        url = proc.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:") and url.endswith("/")
        page = urllib.request.urlopen(url, timeout=20).read().decode()
        assert "static/app.js" in page
        unit = json.loads((folder / "alignment.json").read_text())["units"][0]
        body = json.dumps({"kind": "confirm", "at": {"side": "target", "index": unit["tgt"][0]}}).encode()
        req = urllib.request.Request(url + "api/decide", data=body, headers={"Content-Type": "application/json"})
        assert json.loads(urllib.request.urlopen(req, timeout=20).read())["done"]
        no_token = url.rsplit("/", 2)[0] + "/api/summary"
        with pytest.raises(urllib.error.HTTPError) as e:
            urllib.request.urlopen(no_token, timeout=20)
        assert e.value.code == 403
    finally:
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert "Traceback" not in err
    assert [d["kind"] for d in json.loads((folder / "review.json").read_text())["decisions"]] == ["confirm"]


def test_a_batch_folder_points_to_its_pairs(template, tmp_path):
    batch = tmp_path / "batch"
    shutil.copytree(template, batch / "interview")
    r = CliRunner().invoke(main, ["review", str(batch), "--export"])
    assert r.exit_code == 2 and "batch folder" in r.output and str(Path("batch") / "interview") in r.output


def test_options_that_need_export(template, tmp_path):
    r = CliRunner().invoke(main, ["review", str(template), "-o", str(tmp_path / "x"), "--no-browser"])
    assert r.exit_code == 2 and "--export" in r.output
