"""``align review`` end to end in a real browser: Debian's Chromium driven by its chromedriver (Selenium).

Selenium is pointed at /usr/bin/chromedriver and the system Chromium explicitly (and
``SE_OFFLINE``), so Selenium Manager never downloads a driver or a browser; without them
the tests skip. They open a run of parallel/, merge two units, split one, reject a finding
as a rule, accept one from the keyboard, undo, export from the page, and check the saved
review.json and the exported TMX (DTD-valid when ../shared/tmx/tmx14.dtd is there).
With ``ALIGN_SCREENSHOTS=DIR`` they also save the screenshots of docs/review.md there.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from lxml import etree

from align.review.session import Session
from tests.review_helpers import DTD, dtd_valid, fresh_copy, run_sample, running

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver") or ("/usr/bin/chromedriver" if Path("/usr/bin/chromedriver").exists() else None)
webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install -e '.[test]')")
pytestmark = pytest.mark.skipif(CHROMIUM is None or DRIVER is None,
                                reason="chromium and chromium-driver are not installed (apt-get install chromium "
                                       "chromium-driver)")
SHOTS = os.environ.get("ALIGN_SCREENSHOTS")


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    return run_sample(tmp_path_factory.mktemp("run"))


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    os.environ["SE_OFFLINE"] = "true"  # Selenium Manager must not fetch anything
    options = Options()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--window-size=1400,1000", f"--user-data-dir={tmp_path_factory.mktemp('profile')}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


@pytest.fixture
def review(template, tmp_path, browser):
    folder = fresh_copy(template, tmp_path / "run")
    with running(Session(folder)) as url:
        browser.get(url)
        wait_loads(browser, 0)
        yield browser, folder, url


def until(driver, condition, seconds: float = 20):
    """Wait for ``condition(driver)``; a row re-rendered meanwhile is looked up again."""
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, seconds, ignored_exceptions=[StaleElementReferenceException]).until(condition)


def loads(driver) -> int:
    return int(driver.find_element("tag name", "body").get_attribute("data-loads") or 0)


def wait_loads(driver, before: int) -> None:
    """Wait until the page has reloaded its data after a decision (or first loaded)."""
    until(driver, lambda d: loads(d) > before)
    message = driver.find_element("id", "message")
    if message.is_displayed() and "ok" not in (message.get_attribute("class") or ""):
        pytest.fail(f"the page says: {message.text}")


def click(driver, element) -> None:
    before = loads(driver)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
    element.click()
    wait_loads(driver, before)


def key(driver, keys: str, reload: bool = True) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    before = loads(driver)
    ActionChains(driver).send_keys(keys).perform()
    if reload:
        wait_loads(driver, before)


def decisions(folder: Path) -> list[dict]:
    return json.loads((folder / "review.json").read_text(encoding="utf-8"))["decisions"]


def rows(driver, css: str = ".row"):
    return driver.find_elements("css selector", "#rows " + css)


def shot(driver, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        driver.save_screenshot(str(Path(SHOTS) / name))


def test_the_page_shows_every_sentence_in_place(review):
    driver, folder, _ = review
    data = json.loads((folder / "alignment.json").read_text())
    shown_tgt = [int(s.get_attribute("data-i")) for s in driver.find_elements("css selector", "#rows .tgt .s")]
    shown_src = sorted(int(s.get_attribute("data-i")) for s in driver.find_elements("css selector", "#rows .src .s"))
    assert shown_tgt == list(range(len(data["target"]["sentences"])))
    assert shown_src == list(range(len(data["source"]["sentences"])))
    assert len(rows(driver, ".row[data-label='possible omission']")) == 1
    assert rows(driver, ".row.band-high") and rows(driver, ".row[data-label='added in translation']")
    assert "(other)" not in driver.find_element("id", "groups").text
    shot(driver, "review-document.png")


def test_merge_split_rule_keys_undo_and_export(review):
    driver, folder, _ = review
    units = rows(driver, ".row[data-label='unit']")
    n_rows = len(rows(driver))
    first = units[0]
    click(driver, first.find_element("css selector", "button.merge-next"))      # merge two units
    assert len(rows(driver)) == n_rows - 1
    assert [d["kind"] for d in decisions(folder)] == ["merge"]
    merged = rows(driver, ".row.status-corrected")[0]
    assert len(merged.find_elements("css selector", ".tgt .s")) >= 2
    for side in (".src", ".tgt"):                                               # split it again where it was
        cut = merged.find_elements("css selector", f"{side} .s button.cut-btn")[-1]
        driver.execute_script("arguments[0].click();", cut)
        merged = rows(driver, ".row.status-corrected")[0]
    assert len(merged.find_elements("css selector", ".s.cut")) == 2
    merged = rows(driver, ".row.status-corrected")[0]
    click(driver, merged.find_element("css selector", "button.split"))
    assert [d["kind"] for d in decisions(folder)] == ["merge", "split"]
    assert len(rows(driver)) == n_rows

    group = driver.find_elements("css selector", "#groups .group")
    ruled = next(g for g in group if "Veltranne" not in g.text and g.get_attribute("data-term"))
    check, group_key = ruled.get_attribute("data-check"), ruled.get_attribute("data-key")
    click(driver, ruled.find_element("css selector", "button.rule"))            # reject as a rule
    rule = decisions(folder)[-1]
    assert rule["kind"] == "rule" and rule["check"] == check and rule["term"]
    after = next(g for g in driver.find_elements("css selector", "#groups .group")
                 if g.get_attribute("data-key") == group_key)
    assert "off by a rule" in after.text
    assert rule["term"] in driver.find_element("id", "rules").text

    def selected(d):
        return d.find_element("css selector", "#rows .row.sel")

    driver.execute_script("document.activeElement.blur();")
    key(driver, "f", reload=False)                                              # next open finding
    until(driver, lambda d: int(selected(d).get_attribute("data-open")) > 0)
    key(driver, "a")                                                             # accept it
    assert decisions(folder)[-1]["kind"] == "verdict" and decisions(folder)[-1]["verdict"] == "accepted"
    start = selected(driver).get_attribute("data-k")
    key(driver, "n", reload=False)                                              # next doubtful unit
    until(driver, lambda d: selected(d).get_attribute("data-k") != start)
    assert selected(driver).get_attribute("data-doubtful") == "1"
    shot(driver, "review-edits.png")

    key(driver, "u")                                                             # undo the verdict
    assert [d["kind"] for d in decisions(folder)] == ["merge", "split", "rule"]

    before = loads(driver)
    driver.find_element("id", "export-folder").click()                          # export from the button
    until(driver, lambda d: "Written" in d.find_element("id", "message").text)
    assert loads(driver) == before
    tmx = folder / "corrected" / "alignment.tmx"
    root = etree.parse(str(tmx), etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)).getroot()
    status = [tu.findtext("prop[@type='x-review']") for tu in root.iter("tu")]
    assert status.count("corrected") == 2  # the two halves of the split unit
    assert (folder / "corrected" / "alignment.xlsx").stat().st_size > 0
    if DTD.is_file():
        ok, errors = dtd_valid(tmx)
        assert ok, errors


def test_link_an_omission_and_reopen_restores_it(review, browser):
    driver, folder, url = review
    omission = rows(driver, ".row[data-label='possible omission']")[0]
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", omission)
    omission.find_element("css selector", "button.link").click()
    assert "Linking source sentence" in driver.find_element("id", "linking").text
    added = rows(driver, ".row[data-label='added in translation']")[0]
    click(driver, added.find_element("css selector", "button.link"))
    assert decisions(folder)[-1]["kind"] == "link"
    assert not rows(driver, ".row[data-label='possible omission']")
    driver.get(url)                                                               # closing the tab loses nothing
    wait_loads(driver, 0)
    assert not rows(driver, ".row[data-label='possible omission']")


def test_search_and_doubtful_view(review):
    from selenium.webdriver.support.ui import Select

    driver, _, _ = review
    total = len(rows(driver))
    box = driver.find_element("id", "q")
    before = loads(driver)
    box.send_keys("Veltranne")
    until(driver, lambda d: len(rows(d)) < total)
    assert all("veltranne" in r.text.lower() for r in rows(driver))
    from selenium.webdriver.common.keys import Keys

    box.send_keys(Keys.CONTROL, "a")
    box.send_keys(Keys.BACKSPACE)
    until(driver, lambda d: len(rows(d)) == total)
    assert loads(driver) == before  # a search only reloads the rows
    Select(driver.find_element("id", "view")).select_by_value("doubtful")
    until(driver, lambda d: rows(d)[0].get_attribute("data-doubtful") == "1")
    shot(driver, "review-doubtful.png")
