"""report.html in a real browser: headless Chromium renders the cards and the filters work.

Needs the Debian packages ``chromium`` (and ``chromium-driver`` for Selenium users); the
test skips cleanly without them. ``--dump-dom`` returns the DOM after the page's script
ran, so the filter pre-set from the address (``?check=…``) shows in ``hidden`` attributes.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest
from click.testing import CliRunner
from lxml import html

from align.cli import main

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    from tests.conftest import PARALLEL

    out = tmp_path_factory.mktemp("out")
    r = CliRunner().invoke(main, ["run", str(PARALLEL / "interview.en.txt"), str(PARALLEL / "interview.fr.txt"),
                                  "--glossary", str(PARALLEL / "glossary.tsv"), "-o", str(out), "-q"])
    assert r.exit_code == 0, r.output
    return out / "report.html"


def dump_dom(page, query, profile):
    cmd = [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "--dump-dom", page.as_uri() + query]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)
    if done.returncode != 0 or "<html" not in done.stdout:
        pytest.fail(f"chromium failed ({done.returncode}): {done.stderr[-500:]}")
    return html.fromstring(done.stdout)


def _rows(dom):
    return dom.xpath('//table[@id="findings"]/tbody/tr')


def test_cards_and_findings_render(report, tmp_path):
    dom = dump_dom(report, "", tmp_path / "profile")
    assert len(dom.xpath('//div[contains(@class, "card")]')) >= 10
    rows = _rows(dom)
    assert rows and not any(r.get("hidden") is not None for r in rows)
    assert dom.get_element_by_id("shown").text_content() == f"{len(rows)} of {len(rows)} shown"
    assert dom.xpath('//table[@id="findings"]//mark')


def test_filter_by_check(report, tmp_path):
    dom = dump_dom(report, "?check=number_changed", tmp_path / "profile")
    visible = [r for r in _rows(dom) if r.get("hidden") is None]
    assert visible and all(r.get("data-check") == "number_changed" for r in visible)
    assert len(visible) < len(_rows(dom))


def test_filter_by_text(report, tmp_path):
    dom = dump_dom(report, "?q=Veltranne", tmp_path / "profile")
    visible = [r for r in _rows(dom) if r.get("hidden") is None]
    assert visible and all("Veltranne" in r.text_content() for r in visible)


def test_sort_by_column(report, tmp_path):
    dom = dump_dom(report, "?sort=term", tmp_path / "profile")
    terms = [r.xpath("./td")[3].text_content() for r in _rows(dom)]
    assert terms == sorted(terms, key=str.lower) or terms == sorted(terms)
    assert terms != [r.xpath("./td")[3].text_content() for r in _rows(html.fromstring(report.read_text()))]
