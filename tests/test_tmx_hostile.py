"""Hostile TMX files: the reader expands no entity, loads no DTD, touches no network, and fails
with one clean DataError (never a crash, a hang or a memory blow-up) on pathological nesting/sizes."""

import http.server
import io
import threading

import pytest
from lxml import etree

from align.errors import DataError
from align.formats.tmx import read_tmx

TAIL = b"""<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>%s</seg></tuv>
<tuv xml:lang="fr"><seg>y</seg></tuv></tu></body></tmx>"""


def _units(data: bytes):
    return list(read_tmx(io.BytesIO(data)))


def _bomb(levels: int) -> bytes:
    entities = b'<!ENTITY a "aaaaaaaaaa">' + b"".join(
        b'<!ENTITY %s "%s">' % (bytes([c]), (b"&" + bytes([c - 1]) + b";") * 10)
        for c in range(ord("b"), ord("a") + levels))
    last = bytes([ord("a") + levels - 1])
    return b'<?xml version="1.0"?>\n<!DOCTYPE tmx [' + entities + b"]>\n" + TAIL % (b"x&" + last + b";y")


def test_billion_laughs_is_not_expanded():
    """10^4 characters if expanded: read, with the reference left unexpanded."""
    (unit,) = _units(_bomb(4))
    assert unit.source == "xy" and unit.inline_markup


def test_full_billion_laughs_is_refused_or_unexpanded():
    """10^10 characters if expanded: libxml2 either leaves it unexpanded or refuses the file."""
    try:
        units = _units(_bomb(10))
    except DataError as exc:
        assert "amplification" in str(exc) or "not well-formed" in str(exc)
    else:
        assert [u.source for u in units] == ["xy"]


def test_external_entity_is_not_fetched(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET")
    xxe = b'<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY x SYSTEM "file://%s">]>\n' % str(secret).encode()
    (unit,) = _units(xxe + TAIL % b"a&x;b")
    assert unit.source == "ab"


def test_external_dtd_with_entities_is_not_loaded(tmp_path):
    dtd = tmp_path / "evil.dtd"
    dtd.write_text('<!ENTITY x "TOPSECRET">')
    doc = b'<?xml version="1.0"?>\n<!DOCTYPE tmx SYSTEM "file://%s">\n' % str(dtd).encode()
    try:
        units = _units(doc + TAIL % b"a&x;b")
    except DataError as exc:  # an undeclared entity may be refused: also safe
        assert "TOPSECRET" not in str(exc)
    else:
        assert [u.source for u in units] == ["ab"]


def test_parameter_entities_are_not_loaded(tmp_path):
    inner = tmp_path / "inner.dtd"
    inner.write_text('<!ENTITY x "TOPSECRET">')
    doc = b'<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY %% p SYSTEM "file://%s"> %%p;]>\n' % str(inner).encode()
    (unit,) = _units(doc + TAIL % b"a&x;b")
    assert unit.source == "ab"


@pytest.fixture
def http_server():
    """A local HTTP server that records every request (the network must never be touched)."""
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b'<!ENTITY x "TOPSECRET">')

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}", hits
    server.shutdown()


@pytest.mark.skipif("http" not in getattr(etree, "LIBXML_FEATURES", {"http"}),
                    reason="this libxml2 build has no HTTP client at all, so there is nothing to forbid")
def test_no_network_access_for_dtd_or_entities(http_server):
    url, hits = http_server
    doc = (b'<?xml version="1.0"?>\n<!DOCTYPE tmx SYSTEM "%s/tmx.dtd" [<!ENTITY %% p SYSTEM "%s/p.dtd"> %%p;'
           b'<!ENTITY e SYSTEM "%s/e.txt">]>\n' % (url.encode(), url.encode(), url.encode()))
    (unit,) = _units(doc + TAIL % b"a&x;&e;b")
    assert hits == []
    assert unit.source == "ab"


def test_huge_attribute_is_a_clean_data_error():
    """libxml2's limit without huge_tree (10 MB) applies: a 20 MB attribute is refused."""
    doc = b'<tmx version="1.4"><header srclang="en" x="' + b"a" * 20_000_000 + b'"/><body/></tmx>'
    with pytest.raises(DataError, match="not well-formed"):
        _units(doc)


def test_deeply_nested_markup_is_a_clean_data_error():
    depth = 100_000
    doc = TAIL % (b"<hi>" * depth + b"x" + b"</hi>" * depth)
    with pytest.raises(DataError, match="not well-formed"):
        _units(doc)


def test_moderately_nested_markup_is_read():
    depth = 200
    (unit,) = _units(TAIL % (b"<hi>" * depth + b"deep" + b"</hi>" * depth))
    assert unit.source == "deep" and unit.inline_markup


def test_huge_text_node_is_a_clean_data_error():
    with pytest.raises(DataError):
        _units(TAIL % (b"a" * 20_000_000))
