"""The review API in-process (Starlette's TestClient) on a run of parallel/, and the headless export."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from click.testing import CliRunner
from lxml import etree
from starlette.testclient import TestClient

from align.cli import main
from align.review.server import build_app
from align.review.session import Session
from tests.review_helpers import DTD, dtd_valid, fresh_copy, run_sample

TOKEN = "secret-token"
HOST = "127.0.0.1:8765"


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    return run_sample(tmp_path_factory.mktemp("run"))


@pytest.fixture
def folder(template, tmp_path):
    return fresh_copy(template, tmp_path / "run")


@pytest.fixture
def client(folder):
    return TestClient(build_app(Session(folder), TOKEN, [HOST]), base_url=f"http://{HOST}")


def rows(client, view="document", q="", limit=500):
    r = client.get(f"/{TOKEN}/api/rows", params={"view": view, "q": q, "limit": limit})
    assert r.status_code == 200, r.text
    return r.json()


def decide(client, entry, status=200):
    r = client.post(f"/{TOKEN}/api/decide", json=entry)
    assert r.status_code == status, r.text
    return r.json()


def test_page_and_assets_are_served_with_a_strict_policy(client):
    page = client.get(f"/{TOKEN}/")
    assert page.status_code == 200 and "static/app.js" in page.text
    assert "default-src 'none'" in page.headers["content-security-policy"]
    for name in ("app.js", "app.css"):
        assert client.get(f"/{TOKEN}/static/{name}").status_code == 200
    assert client.get(f"/{TOKEN}/static/server.py").status_code == 404
    for name in ("", "static/app.js", "static/app.css"):  # nothing fetched from elsewhere (offline, no CDN)
        text = client.get(f"/{TOKEN}/{name}").text
        assert "http://" not in text and "https://" not in text


def test_every_sentence_is_shown_once_in_document_order(client, folder):
    data = json.loads((folder / "alignment.json").read_text())
    got = rows(client)
    assert got["total"] == len(got["rows"])
    src = sorted(s["i"] for r in got["rows"] for s in r["src"])
    tgt = [s["i"] for r in got["rows"] for s in r["tgt"]]
    assert src == list(range(len(data["source"]["sentences"])))
    assert tgt == list(range(len(data["target"]["sentences"])))  # the translation's order
    omissions = [r for r in got["rows"] if r["label"] == "possible omission"]
    assert len(omissions) == 1 and omissions[0]["src"] and not omissions[0]["tgt"]
    assert any(r["label"] == "added in translation" for r in got["rows"])
    assert {r["band"] for r in got["rows"] if r["label"] == "unit"} <= {"high", "mid", "low"}


def test_findings_sit_beside_their_units_with_the_words_found(client):
    got = rows(client)
    with_findings = [r for r in got["rows"] if r["findings"]]
    assert with_findings
    words = [f["words"] for r in with_findings for f in r["findings"]]
    assert any("Veltranne" in w for w in words)
    assert not any("(other)" in w for w in words)
    groups = client.get(f"/{TOKEN}/api/groups").json()["groups"]
    assert sum(g["count"] for g in groups) == sum(len(r["findings"]) for r in got["rows"])


def test_doubtful_first_and_search(client):
    doubtful = rows(client, "doubtful")["rows"]
    assert doubtful[0]["doubtful"] and doubtful[0]["label"] in ("possible omission", "unit")
    hit = rows(client, q="Veltranne")
    assert 0 < hit["total"] < rows(client)["total"]
    assert all("veltranne" in json.dumps(r, ensure_ascii=False).lower() for r in hit["rows"])


def test_next_doubtful_and_next_finding(client):
    first = client.get(f"/{TOKEN}/api/locate", params={"from": -1, "what": "doubtful"}).json()
    assert first["k"] is not None
    row = rows(client)["rows"][first["k"]]
    assert row["doubtful"]
    finding = client.get(f"/{TOKEN}/api/locate", params={"from": -1, "what": "finding"}).json()
    assert rows(client)["rows"][finding["k"]]["findings"]


def _first_units(client):
    return [r for r in rows(client)["rows"] if r["label"] == "unit"]


def test_merge_split_undo_and_reopen(client, folder):
    units = _first_units(client)
    a = {"side": "target", "index": units[0]["tgt"][0]["i"]}
    before = rows(client)["total"]
    decide(client, {"kind": "merge", "at": a, "direction": "next"})
    merged = rows(client)
    assert merged["total"] == before - 1
    m = next(r for r in merged["rows"] if any(s["i"] == a["index"] for s in r["tgt"]))
    assert m["status"] == "corrected" and len(m["tgt"]) >= 2
    saved = json.loads((folder / "review.json").read_text())
    assert [d["kind"] for d in saved["decisions"]] == ["merge"]
    assert saved["decisions"][0]["at"]["text"]  # by sentence text, not by position
    second_tgt = m["tgt"][1]["i"]
    decide(client, {"kind": "split", "at": a, "src_at": None, "tgt_at": {"side": "target", "index": second_tgt}})
    assert rows(client)["total"] >= before
    reopened = Session(folder)
    assert [type(x).__name__ for x in reopened.actions] == ["Merge", "Split"]
    r = client.post(f"/{TOKEN}/api/undo", json={})
    assert r.status_code == 200 and r.json()["undone"] == "split"
    client.post(f"/{TOKEN}/api/undo", json={})
    assert rows(client)["total"] == before
    assert json.loads((folder / "review.json").read_text())["decisions"] == []
    assert client.post(f"/{TOKEN}/api/undo", json={}).status_code == 422


def test_link_unlink_and_intentional(client):
    got = rows(client)["rows"]
    omission = next(r for r in got if r["label"] == "possible omission")
    added = next(r for r in got if r["label"] == "added in translation")
    decide(client, {"kind": "link", "src": {"side": "source", "index": omission["src"][0]["i"]},
                    "tgt": {"side": "target", "index": added["tgt"][0]["i"]}})
    assert client.get(f"/{TOKEN}/api/summary").json()["kinds"].get("possible omission", 0) == 0
    decide(client, {"kind": "unlink", "at": {"side": "target", "index": added["tgt"][0]["i"]}})
    decide(client, {"kind": "intentional", "at": {"side": "source", "index": omission["src"][0]["i"]}, "on": True})
    kinds = client.get(f"/{TOKEN}/api/summary").json()["kinds"]
    assert kinds.get("left untranslated on purpose") == 1


def test_verdicts_and_rules(client, folder):
    groups = client.get(f"/{TOKEN}/api/groups").json()["groups"]
    g = next(g for g in groups if "Veltranne" in g["words"])
    g0key = g["key"]
    decide(client, {"kind": "verdict", "ids": g["ids"], "verdict": "accepted", "note": "real typo"})
    other = next(x for x in groups if x["key"] != g0key and x["term"] and x["check"] != g["check"])
    decide(client, {"kind": "rule", "check": other["check"], "term": other["term"], "note": "house style"})
    summary = client.get(f"/{TOKEN}/api/summary").json()
    assert summary["rules"][0]["term"] == other["term"]
    after = {x["key"]: x for x in client.get(f"/{TOKEN}/api/groups").json()["groups"]}
    assert after[g["key"]]["states"]["accepted"] == g["count"]
    assert after[other["key"]]["states"]["rejected"] == other["count"] and after[other["key"]]["rule"]
    saved = json.loads((folder / "review.json").read_text())
    assert saved["decisions"][1] == {"kind": "rule", "check": other["check"], "term": other["term"],
                                     "note": "house style"}


@pytest.mark.parametrize(("body", "headers", "status", "words"), [
    (b"{nope", {"content-type": "application/json"}, 400, "not valid JSON"),
    (b'{"kind": "merge"}', {"content-type": "text/plain"}, 415, "JSON"),
    (b'{"kind": "merge", "at": {"side": "target", "index": 0}, "direction": "up"}',
     {"content-type": "application/json"}, 422, "direction"),
    (b'{"kind": "explode"}', {"content-type": "application/json"}, 422, "unknown decision"),
    (b'{"kind": "confirm", "at": {"side": "target", "index": 100000}}', {"content-type": "application/json"}, 422,
     "no target sentence"),
    (b'[1, 2]', {"content-type": "application/json"}, 422, "JSON object"),
    (b'{"kind": "merge", "at": "' + b"x" * 300_000 + b'"}', {"content-type": "application/json"}, 413, "too large"),
])
def test_bad_bodies_get_a_clear_4xx(client, folder, body, headers, status, words):
    r = client.post(f"/{TOKEN}/api/decide", content=body, headers=headers)
    assert r.status_code == status and words in r.json()["error"]
    assert "Traceback" not in r.text
    assert not (folder / "review.json").exists()


def test_bad_query_parameters(client):
    assert client.get(f"/{TOKEN}/api/rows", params={"view": "all"}).status_code == 400
    r = client.get(f"/{TOKEN}/api/rows", params={"offset": "x"})
    assert r.status_code == 400 and "whole number" in r.json()["error"]
    assert client.get(f"/{TOKEN}/api/rows", params={"limit": 10**6}).status_code == 400
    assert client.get(f"/{TOKEN}/export/passwd").status_code == 404


def _tmx_units(data: bytes):
    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False))
    return root.findall(".//tu")


def test_export_download_carries_the_review_status(client):
    units = _first_units(client)
    decide(client, {"kind": "confirm", "at": {"side": "target", "index": units[1]["tgt"][0]["i"]}})
    decide(client, {"kind": "merge", "at": {"side": "target", "index": units[2]["tgt"][0]["i"]}, "direction": "next"})
    r = client.get(f"/{TOKEN}/export/alignment.tmx")
    assert r.status_code == 200 and "attachment" in r.headers["content-disposition"]
    tus = _tmx_units(r.content)
    status = [tu.findtext("prop[@type='x-review']") for tu in tus]
    assert status.count("confirmed") == 1 and status.count("corrected") == 1
    assert len(tus) == len(units) - 1
    assert client.get(f"/{TOKEN}/export/alignment.xlsx").content[:2] == b"PK"
    tsv = client.get(f"/{TOKEN}/export/alignment.tsv").text.splitlines()
    assert len(tsv) == len(tus) + 1


def test_export_button_writes_inside_the_folder_only(client, folder):
    r = client.post(f"/{TOKEN}/api/export", json={"formats": ["tmx", "tsv", "xlsx"]})
    assert r.status_code == 200
    assert sorted(r.json()["written"]) == sorted(f"corrected/{n}" for n in
                                                 ("alignment.tmx", "alignment.tsv", "unaligned.tsv", "alignment.xlsx"))
    assert client.post(f"/{TOKEN}/api/export", json={"formats": ["../../etc"]}).status_code == 400


def test_headless_export_reflects_the_saved_decisions(folder, tmp_path):
    session = Session(folder)
    unit = next(r for r in session.review.rows if r.is_unit)
    session.do({"kind": "confirm", "at": {"side": "target", "index": unit.tgt[0]}})
    out = tmp_path / "corrected"
    r = CliRunner().invoke(main, ["review", str(folder), "--export", "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert {p.name for p in out.iterdir()} == {"alignment.tmx", "alignment.tsv", "unaligned.tsv", "alignment.xlsx"}
    tus = _tmx_units((out / "alignment.tmx").read_bytes())
    assert [tu.findtext("prop[@type='x-review']") for tu in tus].count("confirmed") == 1
    sheet = pd.read_excel(out / "alignment.xlsx", sheet_name="units", keep_default_na=False)
    assert list(sheet["status"]).count("confirmed") == 1  # the workbook says what the TMX says
    unaligned = (out / "unaligned.tsv").read_text().splitlines()
    data = json.loads((folder / "alignment.json").read_text())
    in_units = sum(int(tu.findtext("prop[@type='x-bead']").split("-")[0]) for tu in tus)
    assert in_units + sum(1 for ln in unaligned[1:] if ln.startswith("source")) == len(data["source"]["sentences"])
    if DTD.is_file():
        ok, errors = dtd_valid(out / "alignment.tmx")
        assert ok, errors


def test_review_of_a_folder_without_a_run_is_a_usage_error(tmp_path):
    r = CliRunner().invoke(main, ["review", str(tmp_path), "--export"])
    assert r.exit_code == 2 and "alignment.json" in r.output and "Traceback" not in r.output


def test_a_rerun_on_edited_inputs_keeps_what_still_applies(folder, tmp_path):
    from tests.conftest import PARALLEL

    session = Session(folder)
    units = [r for r in session.review.rows if r.is_unit]
    keep, lose = units[3], units[10]
    session.do({"kind": "confirm", "at": {"side": "target", "index": keep.tgt[0]}})
    session.do({"kind": "unlink", "at": {"side": "target", "index": lose.tgt[0]}})
    reworded = session.run.target[lose.tgt[0]]
    fr = (PARALLEL / "interview.fr.txt").read_text(encoding="utf-8")
    assert reworded in fr
    edited = tmp_path / "interview.fr.txt"
    edited.write_text("Un titre ajouté en tête.\n\n" + fr.replace(reworded, "Une phrase récrite par la traductrice."),
                      encoding="utf-8")
    r = CliRunner().invoke(main, ["run", str(PARALLEL / "interview.en.txt"), str(edited),
                                  "--glossary", str(PARALLEL / "glossary.tsv"), "-o", str(folder), "-q"])
    assert r.exit_code == 0, r.output
    again = Session(folder)
    assert [type(a).__name__ for a in again.actions] == ["Confirm"]
    confirmed = next(r for r in again.review.rows if r.status == "confirmed")
    assert again.run.target[confirmed.tgt[0]] == session.run.target[keep.tgt[0]]  # found by its text, moved by one
    assert len(again.stale) == 1 and again.stale[0][0]["kind"] == "unlink"
    assert "no longer in the text" in again.stale[0][1]
    client = TestClient(build_app(again, TOKEN, [HOST]), base_url=f"http://{HOST}")
    assert client.get(f"/{TOKEN}/api/summary").json()["stale"][0]["decision"]["kind"] == "unlink"
