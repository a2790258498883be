"""How fast `align review` opens and answers on a 10,000-unit alignment (a TransRead book joined).

Builds an output folder as `align run` writes it (alignment.json, findings.json from the
term checks) from a TransRead gold alignment in ../shared/gold, joined until it holds
--units units, then measures, on the real server (uvicorn on 127.0.0.1):

* opening: loading the folder (session), and the page in headless Chromium until its first
  page of rows is drawn (Selenium, Debian's chromedriver); the peer beside it is the
  static report.html of the same units opened in the same browser;
* staying responsive: one decision (merge, saved to review.json), undo, a search over the
  whole text, the doubtful-first view, the next page; each as the median of --reps runs;
* reopening with --decisions saved decisions (replayed from review.json).

Prints one table; figures are seconds, and the ratio to the 2-second goal.
Usage: python scripts/bench_review.py [--quick] [--book Candide] [--units 10000]
"""

from __future__ import annotations

import argparse
import http.client as httpclient
import json
import shutil
import statistics
import sys
import tempfile
import time
import urllib.parse
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
GOLD = ROOT.parent / "shared" / "gold" / "transread-en-fr"
GOAL = 2.0


def read_links(path: Path) -> list[tuple[list[int], list[int]]]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            s, t = line.split(":")
            out.append((json.loads(s), json.loads(t)))
    return out


def build_folder(folder: Path, book: str, units: int) -> tuple[int, int, int, float]:
    """alignment.json + findings.json + report.html for ``book`` joined until ``units`` units."""
    from align.model import TranslationUnit
    from align.report.html import render_html
    from align.report.json import dumps, report_data
    from align.terms import check_pairs

    src1 = (GOLD / f"{book}.en-fr.en").read_text(encoding="utf-8").splitlines()
    tgt1 = (GOLD / f"{book}.en-fr.fr").read_text(encoding="utf-8").splitlines()
    links = read_links(GOLD / f"{book}.en-fr.gold")
    source: list[str] = []
    target: list[str] = []
    rows, unaligned = [], []
    copy = 0
    while len(rows) < units:
        ds, dt = len(source), len(target)
        source += src1
        target += tgt1
        for s, t in links:
            if s and t:
                score = 0.3 + 0.7 * ((len(rows) * 37) % 100) / 100  # spread over the colour bands
                rows.append({"src": [i + ds for i in s], "tgt": [j + dt for j in t], "score": score,
                             "tuid": f"b{len(rows) + 1:05d}"})
            else:
                unaligned += [{"side": "source", "index": i + ds, "reason": "no counterpart found"} for i in s]
                unaligned += [{"side": "target", "index": j + dt, "reason": "no counterpart found"} for j in t]
        copy += 1
    covered_s = {i for r in rows for i in r["src"]} | {u["index"] for u in unaligned if u["side"] == "source"}
    covered_t = {j for r in rows for j in r["tgt"]} | {u["index"] for u in unaligned if u["side"] == "target"}
    unaligned += [{"side": "source", "index": i, "reason": "no counterpart found"}
                  for i in range(len(source)) if i not in covered_s]
    unaligned += [{"side": "target", "index": j, "reason": "no counterpart found"}
                  for j in range(len(target)) if j not in covered_t]
    data = {"format": "align-alignment", "version": 1, "document": f"{book} x{copy}",
            "source": {"lang": "en", "sentences": source}, "target": {"lang": "fr", "sentences": target},
            "units": rows, "unaligned": unaligned}
    (folder / "alignment.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    tus = [TranslationUnit(" ".join(source[i] for i in r["src"]), " ".join(target[j] for j in r["tgt"]), r["tuid"],
                           r["score"], f"{len(r['src'])}-{len(r['tgt'])}") for r in rows]
    per_copy = len(tus) // copy
    started = time.perf_counter()  # the checks run on one copy; each copy gets the same findings (as a book
    terms, first = check_pairs(tuple(tus[:per_copy]), (), source_lang="en", target_lang="fr")  # would repeat them)
    checked = time.perf_counter() - started
    findings = [replace(f, id=f"{f.id}-{c}", bead=f"b{int(f.bead[1:]) + c * per_copy:05d}")
                for c in range(copy) for f in first if f.bead.startswith("b")]
    report = report_data(terms, findings, data["document"])
    (folder / "findings.json").write_text(dumps(report), encoding="utf-8")
    (folder / "report.html").write_text(render_html(report, tus), encoding="utf-8")
    return len(rows), len(unaligned), len(findings), checked


def chromium():
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                 "--disable-background-networking", "--window-size=1400,1000"):
        options.add_argument(flag)
    return webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)


def open_in_browser(driver, url: str, ready_js: str) -> float:
    """Seconds from navigation to ``ready_js`` being true (polled every 10 ms in the page)."""
    driver.get("about:blank")
    started = time.perf_counter()
    driver.get(url)
    deadline = started + 60
    while not driver.execute_script(ready_js):
        if time.perf_counter() > deadline:
            raise RuntimeError(f"{url} did not become ready")
        time.sleep(0.01)
    return time.perf_counter() - started


def timed(fn, reps: int) -> float:
    times = []
    for _ in range(reps):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def http(url: str, body: dict | None = None) -> dict:
    """One API call to the review server this benchmark started itself, on 127.0.0.1 only."""
    parts = urllib.parse.urlsplit(url)
    if parts.hostname != "127.0.0.1":
        raise ValueError(f"bench_review talks to its own local server only, not {parts.hostname}")
    data = None if body is None else json.dumps(body).encode()
    conn = httpclient.HTTPConnection("127.0.0.1", parts.port, timeout=60)
    try:
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        conn.request("POST" if data else "GET", path, body=data,
                     headers={"Content-Type": "application/json", "Host": parts.netloc} if data else
                     {"Host": parts.netloc})
        return json.loads(conn.getresponse().read())
    finally:
        conn.close()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="2,000 units, 3 repetitions")
    ap.add_argument("--book", default="Candide")
    ap.add_argument("--units", type=int, default=10_000)
    ap.add_argument("--reps", type=int, default=7)
    ap.add_argument("--decisions", type=int, default=500)
    args = ap.parse_args()
    if args.quick:
        args.units, args.reps, args.decisions = 2_000, 3, 100
    if not GOLD.is_dir():
        print(f"bench_review: {GOLD} is missing (../shared)", file=sys.stderr)
        return 2
    from align.review.session import Session
    from tests.review_helpers import running

    tmp = Path(tempfile.mkdtemp(prefix="bench_review."))
    try:
        n_units, n_alone, n_findings, checked = build_folder(tmp, args.book, args.units)
        print(f"folder: {n_units} units, {n_alone} unaligned sentences, {n_findings} findings "
              f"(term checks took {checked:.1f} s, not counted below)")
        t = time.perf_counter()
        session = Session(tmp)
        load = time.perf_counter() - t
        t = time.perf_counter()
        session.page().summary()
        first_view = time.perf_counter() - t
        driver = chromium()
        rows_out: list[tuple[str, float]] = [("load the folder (alignment.json, findings.json)", load),
                                             ("first view built (groups, doubt, findings by row)", first_view)]
        try:
            with running(session, "bench-token") as url:
                ready = "return document.body.getAttribute('data-loads') === '1'"
                rows_out.append(("open: page drawn in Chromium (first 100 rows, counts, findings panel)",
                                 statistics.median(open_in_browser(driver, url, ready) for _ in range(args.reps))))
                rows_out.append(("total: align review DIR to the page drawn (the three above)",
                                 sum(v for _, v in rows_out)))
                peer = (tmp / "report.html").as_uri()
                complete = "return document.readyState === 'complete'"
                rows_out.append(("peer: report.html of the same units opened in Chromium",
                                 statistics.median(open_in_browser(driver, peer, complete)
                                                   for _ in range(max(1, args.reps // 2)))))
                api = url + "api/"
                k = [0]

                def merge_and_undo():
                    row = next(r for r in session.review.rows[k[0]:] if r.is_unit)
                    http(api + "decide", {"kind": "merge", "at": {"side": "target", "index": row.tgt[0]},
                                          "direction": "next"})
                    http(api + "rows?offset=0&limit=100")
                    k[0] += 3

                rows_out.append(("decision: merge, save review.json, reload the page of rows",
                                 timed(merge_and_undo, args.reps)))
                rows_out.append(("undo (replays the log), save, reload rows",
                                 timed(lambda: (http(api + "undo", {}), http(api + "rows?offset=0&limit=100")),
                                       args.reps)))
                rows_out.append(("search the whole text (“Candide”)",
                                 timed(lambda: http(api + "rows?q=Candide&limit=100"), args.reps)))
                rows_out.append(("doubtful-first view",
                                 timed(lambda: http(api + "rows?view=doubtful&limit=100"), args.reps)))
                mid = len(session.review.rows) // 2
                rows_out.append((f"a page in the middle (rows {mid + 1}–{mid + 100})",
                                 timed(lambda: http(api + f"rows?offset={mid}&limit=100"), args.reps)))
                rows_out.append(("next doubtful unit", timed(lambda: http(api + f"locate?from={mid}&what=doubtful"),
                                                             args.reps)))
            units = [r for r in session.review.rows if r.is_unit]
            for r in units[: args.decisions]:
                session.do({"kind": "confirm", "at": {"side": "target", "index": r.tgt[0]}})
            t = time.perf_counter()
            again = Session(tmp)
            again.page().summary()
            rows_out.append((f"reopen with {len(again.actions)} saved decisions (replay)", time.perf_counter() - t))
        finally:
            driver.quit()
        width = max(len(n) for n, _ in rows_out)
        print(f"\n{'what (' + str(n_units) + ' units)':<{width}}  seconds  ratio to the 2 s goal")
        for name, secs in rows_out:
            print(f"{name:<{width}}  {secs:7.3f}  {secs / GOAL:6.2f}")
        peer_row = next(v for n, v in rows_out if n.startswith("peer"))
        total = next(v for n, v in rows_out if n.startswith("total"))
        print(f"\ntotal open / peer (report.html) = {total / peer_row:.2f}; under the 2 s goal: {total < GOAL}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
