"""Shared by the review tests: a run of the sample, a server in a thread, the TMX DTD."""

from __future__ import annotations

import atexit
import shutil
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from click.testing import CliRunner
from lxml import etree

from align.cli import main
from tests.conftest import PARALLEL, SHARED

DTD = SHARED / "tmx" / "tmx14.dtd"


_SAMPLE: list[Path] = []


def run_sample(out: Path) -> Path:
    """``align run`` on parallel/ with its glossary, into ``out``: run once per test process, then copied."""
    if not _SAMPLE:
        first = Path(tempfile.mkdtemp(prefix="align-review-sample."))
        atexit.register(shutil.rmtree, first, True)
        r = CliRunner().invoke(main, ["run", str(PARALLEL / "interview.en.txt"), str(PARALLEL / "interview.fr.txt"),
                                      "--glossary", str(PARALLEL / "glossary.tsv"), "-o", str(first), "-q"])
        assert r.exit_code == 0, r.output
        _SAMPLE.append(first)
    shutil.copytree(_SAMPLE[0], out, dirs_exist_ok=True)
    return out


def fresh_copy(template: Path, dest: Path) -> Path:
    shutil.copytree(template, dest, dirs_exist_ok=True)
    (dest / "review.json").unlink(missing_ok=True)
    return dest


@contextmanager
def running(session, token: str = "t0ken-for-tests"):
    """The real server (uvicorn) for ``session`` in a thread; yields its address."""
    from align.review.serve import make_server

    server, sock, url = make_server(session, 0, token)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    try:
        yield url
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


def dtd_valid(path: Path) -> tuple[bool, str]:
    """(valid, errors) against the official TMX 1.4 DTD, when ../shared has it."""
    dtd = etree.DTD(str(DTD))
    tree = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False))
    return dtd.validate(tree), str(dtd.error_log.filter_from_errors())
