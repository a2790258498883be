"""Who may talk to the review server: the real server (uvicorn) on 127.0.0.1, raw HTTP requests.

``http.client`` sends paths and headers exactly as written (no normalisation of ``..``),
as an attacker's tool would: requests without the token, with a wrong token, through
another host name (DNS rebinding), from another site, or naming files outside the folder
are refused, and nothing is written.
"""

from __future__ import annotations

import http.client
import json
from urllib.parse import urlsplit

import pytest

from align.review.session import Session
from tests.review_helpers import fresh_copy, run_sample, running

TOKEN = "t0ken-for-tests"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = fresh_copy(run_sample(tmp_path_factory.mktemp("run")), tmp_path_factory.mktemp("review"))
    (folder.parent / "secret.txt").write_text("not for you")
    with running(Session(folder), TOKEN) as url:
        yield urlsplit(url), folder


def request(url, method, path, headers=None, body=None):
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
    conn.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
    hdrs = {"Host": f"127.0.0.1:{url.port}", **(headers or {})}
    for k, v in hdrs.items():
        if v is not None:
            conn.putheader(k, v)
    data = body if body is not None else b""
    if method == "POST":
        conn.putheader("Content-Length", str(len(data)))
    conn.endheaders(data if method == "POST" else None)
    resp = conn.getresponse()
    out = resp.status, resp.read().decode("utf-8", "replace"), dict(resp.getheaders())
    conn.close()
    return out


def test_listens_on_loopback_with_a_random_port(server):
    url, _ = server
    assert url.hostname == "127.0.0.1" and url.port not in (0, 80, 8000, 8080)


def test_the_token_opens_the_page(server):
    url, _ = server
    status, body, _ = request(url, "GET", f"/{TOKEN}/")
    assert status == 200 and "static/app.js" in body
    assert request(url, "GET", f"/{TOKEN}/api/summary")[0] == 200
    assert request(url, "GET", f"/{TOKEN}/", {"Host": f"localhost:{url.port}"})[0] == 200


@pytest.mark.parametrize("path", ["/", "/api/summary", "/static/app.js", "/export/alignment.tmx",
                                  f"/{TOKEN[:-1]}/api/summary", f"/{TOKEN}x/api/summary", "/api/rows?t=" + TOKEN])
def test_no_token_or_a_wrong_one_is_refused(server, path):
    url, _ = server
    status, body, _ = request(url, "GET", path)
    assert status == 403 and "token" in json.loads(body)["error"]


@pytest.mark.parametrize("host", ["evil.example:{port}", "127.0.0.1.evil.example:{port}", "127.0.0.1:1", None])
def test_another_host_is_refused(server, host):
    url, _ = server
    status, body, _ = request(url, "GET", f"/{TOKEN}/api/summary",
                              {"Host": host.format(port=url.port) if host else None})
    assert status in (400, 421) and "Traceback" not in body


@pytest.mark.parametrize(("headers"), [{"Origin": "http://evil.example"}, {"Origin": "null"},
                                       {"Origin": "http://127.0.0.1:1"}, {"Sec-Fetch-Site": "cross-site"}])
def test_cross_site_requests_are_refused_and_change_nothing(server, headers):
    url, folder = server
    body = json.dumps({"kind": "unlink", "at": {"side": "target", "index": 5}}).encode()
    status, text, _ = request(url, "POST", f"/{TOKEN}/api/decide",
                              {**headers, "Content-Type": "application/json"}, body)
    assert status == 403 and "refused" in json.loads(text)["error"]
    assert not (folder / "review.json").exists()


@pytest.mark.parametrize("path", ["/static/../session.py", "/static/..%2fsession.py", "/static/%2e%2e/server.py",
                                  "/export/..%2f..%2fsecret.txt", "/export/../../secret.txt",
                                  "/static/..%2F..%2F..%2Fsecret.txt", "/../secret.txt"])
def test_path_traversal_is_refused(server, path):
    url, _ = server
    status, body, _ = request(url, "GET", f"/{TOKEN}{path}")
    assert status in (400, 403, 404) and "not for you" not in body and "import" not in body


def test_same_origin_post_is_accepted(server):
    url, _folder = server
    body = json.dumps({"kind": "confirm", "at": {"side": "target", "index": 99999}}).encode()
    status, text, _ = request(url, "POST", f"/{TOKEN}/api/decide",
                              {"Origin": f"http://127.0.0.1:{url.port}", "Content-Type": "application/json"}, body)
    assert status == 422 and "no target sentence" in json.loads(text)["error"]
