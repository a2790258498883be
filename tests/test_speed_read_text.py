"""Speed, reading: the one-pass text reader gives the ``ReadDocument`` the per-line one gave.

Round 3 of issue 14 reads a text file in one pass (the spaces folded over the whole text,
only the stretches that hold an odd space through the regular expression, blocks made
without the frozen ``__init__``) where ``read_txt`` called ``Grouper.add`` and
``one_line``'s substitution once per line (1 s for 100,000 paragraphs). The old reader and
the old ``wrap_width`` are kept here as oracles, compared with the new ones on generated
hostile text (every kind of space and line break, control characters, BOMs, UTF-16, long
lines, hard-wrapped text) and on the sample corpus.
"""

from __future__ import annotations

import textwrap
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from align.errors import DataError
from align.formats import text as text_reader
from align.formats.document import PARAGRAPH, Block, Grouper, ReadDocument
from align.formats.readers import parse_document
from align.io import decode

PARALLEL = Path(__file__).resolve().parents[1] / "parallel"


def old_wrap_width(text: str) -> int:
    """``wrap_width`` before round 3: every line stripped, then the shares."""
    lines = [ln.rstrip() for ln in text.split("\n")]
    inner = [a for a, b in pairwise(lines) if a.strip() and b.strip()]
    if len(inner) < text_reader.MIN_LINES:
        return 0
    width = max(len(a) for a in inner)
    if width > text_reader.MAX_WRAP_WIDTH:
        return 0
    near = sum(len(a) >= text_reader.NEAR_WIDTH * width for a in inner) / len(inner)
    mid = sum(not text_reader._ENDS_SENTENCE.search(a) and b.lstrip()[:1].islower()
              for a, b in pairwise(lines) if a.strip() and b.strip()) / len(inner)
    return width if near >= text_reader.NEAR_SHARE and mid >= text_reader.MID_SENTENCE_SHARE else 0


def old_read_txt(data: bytes, name: str) -> ReadDocument:
    """``read_txt`` before round 3: a ``Grouper.add`` (so a ``one_line``) per line."""
    text = decode(data, name)
    g = Grouper()
    for line in text.split("\n"):
        if line.strip():
            g.add(PARAGRAPH, line)
        else:
            g.new_passage()
    width = old_wrap_width(text)
    warnings = (f"{name} looks hard-wrapped at {width} columns (lines end in mid-sentence): "
                "pass --wrapped so that a line break inside a sentence does not end it",) if width else ()
    return ReadDocument(name, "text", tuple(g.blocks), warnings, raw_text=text)


# Every space ``one_line`` folds, every one it keeps, every line break Python's ``split``
# or ``strip`` know (``\x1c``-``\x1f``, NEL, LINE/PARAGRAPH SEPARATOR), control characters,
# a BOM inside the text, and words.
CHARS = st.sampled_from(list(" \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2007\u2028\u2029\u202f\u3000"
                             "\ufeff\x00\x01\x7f\ufffd" "abé好😀.,«»"))
CHARS |= st.sampled_from(["\r\n", "  ", "\n\n", " \u2028 "])
TEXT = st.lists(CHARS, max_size=80).map("".join) | st.text(max_size=80)
WORDS = st.lists(st.sampled_from(["le", "chat", "Dort", "mange.", "a", "très", "bien,", "x" * 30]), min_size=1,
                 max_size=12).map(" ".join)


def _same(data: bytes) -> None:
    try:
        old = old_read_txt(data, "f.txt")
    except DataError as exc:
        with pytest.raises(DataError) as got:
            text_reader.read_txt(data, "f.txt")
        assert str(got.value) == str(exc)
        return
    new = text_reader.read_txt(data, "f.txt")
    assert new == old
    assert [(type(b), b.kind, b.text, b.group) for b in new.blocks] == [
        (type(b), b.kind, b.text, b.group) for b in old.blocks]
    assert [hash(b) for b in new.blocks] == [hash(b) for b in old.blocks]
    assert new.text == old.text


@settings(max_examples=400, deadline=None)
@given(TEXT, st.sampled_from([b"", b"\xef\xbb\xbf"]))
def test_hostile_text_reads_as_before(text, bom):
    _same(bom + text.encode("utf-8", "surrogatepass"))


@settings(max_examples=100, deadline=None)
@given(TEXT, st.sampled_from(["utf-16", "utf-16-be"]))
def test_utf16_and_broken_bytes_read_as_before(text, encoding):
    data = text.encode(encoding, "surrogatepass")
    _same(data if encoding == "utf-16" else b"\xfe\xff" + data)
    _same(data[:-1])  # a cut code unit
    _same(b"\xff" + text.encode("utf-8", "surrogatepass"))  # not UTF-8


def test_lone_surrogates_are_refused_as_before():
    for data in ("a\ud800b".encode("utf-8", "surrogatepass"), b"\xff\xfe" + "a\udc00".encode("utf-16-le",
                                                                                             "surrogatepass")):
        _same(data)


@settings(max_examples=12, deadline=None)
@given(st.lists(TEXT, min_size=1, max_size=6), st.integers(1, 2))
def test_huge_lines_and_many_chunks_read_as_before(parts, k):
    """Lines of tens of thousands of characters, and texts of several ``_CHUNK`` stretches
    with the odd spaces in some of them only."""
    big = ("mot " * (text_reader._CHUNK // 3)) * k
    _same(("\n".join(parts) + big + "\n".join(parts) + "\n" + big + " \t x\n").encode())
    _same(("a\n" * (text_reader._CHUNK // 2 * k) + "\n".join(parts)).encode())


@settings(max_examples=200, deadline=None)
@given(st.lists(WORDS | TEXT, min_size=0, max_size=30), st.integers(20, 130), st.sampled_from(["\n", "\n\n", " \n"]))
def test_wrapped_texts_are_judged_as_before(paragraphs, width, sep):
    """Hard-wrapped text (with paragraphs of any width around the wrap) and its warning."""
    text = sep.join(textwrap.fill(p, width) for p in paragraphs)
    assert text_reader.wrap_width(text) == old_wrap_width(text)
    _same(text.encode())


@pytest.mark.parametrize("path", sorted(PARALLEL.glob("*.txt")), ids=lambda p: p.name)
def test_the_sample_reads_as_before(path):
    data = path.read_bytes()
    assert parse_document(data, str(path)) == old_read_txt(data, str(path))
    crlf = data.replace(b"\n", b"\r\n")
    assert text_reader.read_txt(crlf, "x.txt") == old_read_txt(crlf, "x.txt")
    wrapped = "\n".join(textwrap.fill(line, 72) for line in data.decode().split("\n")).encode()
    assert text_reader.read_txt(wrapped, "x.txt") == old_read_txt(wrapped, "x.txt")
    assert text_reader.read_txt(wrapped, "x.txt").warnings == old_read_txt(wrapped, "x.txt").warnings


def test_blocks_are_ordinary_blocks():
    doc = text_reader.read_txt("\ufeffa  b\n\n\nc\u2028 d\n".encode(), "x.txt")
    assert doc.blocks == (Block(PARAGRAPH, "a b", 0), Block(PARAGRAPH, "c", 1), Block(PARAGRAPH, "d", 1))
    assert repr(doc.blocks[0]) == "Block(kind='paragraph', text='a b', group=0)"
