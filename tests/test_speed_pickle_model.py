"""Speed, crossing processes: documents and alignments pickle as columns, and come back the same.

``align run`` sends the segmented target (118,000 sentences at 100k) from its helper
process to the main one; each frozen data class went through ``__setstate__`` object by
object (0.9 s there and back). ``Document`` and ``Alignment`` now pickle as columns (one
list per field of their sentences or beads), ``Sentence`` and ``Bead`` as their fields.
The old way (the data classes' default reduction) is the oracle: a value must come back
equal, field for field, with the same types, whichever way it went, for hostile text
(lone surrogates, control characters, CRLF, huge strings), odd field values, empty
documents, subclasses (which keep the default way) and every pickle protocol.
"""

from __future__ import annotations

import copy
import io
import pickle
from dataclasses import fields
from multiprocessing.reduction import ForkingPickler
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from align import model
from align.model import Alignment, Bead, Document, Sentence, null_beads
from align.pipeline import run_pair

PARALLEL = Path(__file__).resolve().parents[1] / "parallel"

CLASSES = (Sentence, Document, Bead, Alignment)


class _OldPickler(pickle.Pickler):
    """Pickles the model's values the default way (what they did before their ``__reduce_ex__``)."""

    def reducer_override(self, obj):
        if type(obj) in CLASSES:
            return object.__reduce_ex__(obj, 4)
        return NotImplemented


def old_roundtrip(obj):
    buf = io.BytesIO()
    _OldPickler(buf, protocol=4).dump(obj)
    return pickle.loads(buf.getvalue())


def _fields(obj):
    """Every field (``texts`` too, which equality leaves out), with its type, recursively."""
    if type(obj) in (tuple, list):
        return (type(obj), [_fields(x) for x in obj])
    if hasattr(type(obj), "__dataclass_fields__"):
        return (type(obj), [(f.name, _fields(getattr(obj, f.name))) for f in fields(obj)])
    return (type(obj), obj)


def _same(a, b) -> None:
    assert a == b
    assert _fields(a) == _fields(b)
    assert repr(a) == repr(b)
    try:
        expected = hash(b)
    except TypeError:  # a list inside: neither hashes
        with pytest.raises(TypeError):
            hash(a)
    else:
        assert hash(a) == expected


HOSTILE = st.text(st.characters(), max_size=30) | st.sampled_from(
    ["", "\ud800", "a\udfffb", "\r\n", "\x00\x01\x7f", "\u2028", "😀", "x" * 70_000, "é" * 1000])
INTS = st.integers(-3, 10**6) | st.integers(-(2**70), 2**70)
SENTENCES = st.builds(Sentence, HOSTILE, INTS, INTS, INTS, INTS, st.sampled_from(["", "fr", "en", "\udc80"]) | HOSTILE)
DOCUMENTS = st.builds(Document, st.lists(SENTENCES, max_size=12).map(tuple), HOSTILE, HOSTILE)


@settings(max_examples=300, deadline=None)
@given(DOCUMENTS, st.integers(0, pickle.HIGHEST_PROTOCOL))
def test_documents_come_back_the_same(doc, protocol):
    assert doc.__reduce_ex__(protocol)[0] is model._document
    new = pickle.loads(pickle.dumps(doc, protocol))
    _same(new, doc)
    _same(new, old_roundtrip(doc))
    assert all(t is s.text for t, s in zip(new.texts, new.sentences, strict=True))
    _same(copy.deepcopy(doc), doc)
    _same(copy.copy(doc), doc)


@settings(max_examples=100, deadline=None)
@given(st.lists(SENTENCES, max_size=6), st.integers(0, pickle.HIGHEST_PROTOCOL))
def test_sentences_alone_come_back_the_same(sentences, protocol):
    for s in sentences:
        _same(pickle.loads(pickle.dumps(s, protocol)), s)
        _same(old_roundtrip(s), s)
    _same(pickle.loads(pickle.dumps(tuple(sentences), protocol)), tuple(sentences))


def test_an_empty_document_and_odd_containers():
    for doc in (Document((), "fr"), Document((), "", ""), Document([Sentence("a", 0, 1)], "fr", "n"),
                Document((Sentence("a", 0, 1, lang=None),), None, None)):
        for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
            _same(pickle.loads(pickle.dumps(doc, protocol)), doc)
        _same(old_roundtrip(doc), doc)


class _Sub(Sentence):
    __slots__ = ()


class _SubDocument(Document):
    __slots__ = ()


def test_subclasses_keep_the_default_way():
    odd = Document((Sentence("a", 0, 1), _Sub("b", 2, 3)), "fr")
    sub = _SubDocument((Sentence("a", 0, 1),), "fr")
    for value in (odd, sub, _Sub("c", 0, 1)):
        for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):
            back = pickle.loads(pickle.dumps(value, protocol))
            _same(back, value)
    assert type(pickle.loads(pickle.dumps(odd)).sentences[1]) is _Sub


def test_a_document_whose_texts_were_changed_keeps_them():
    doc = Document((Sentence("a", 0, 1), Sentence("b", 1, 2)), "fr")
    object.__setattr__(doc, "texts", ("x", "y"))
    back = pickle.loads(pickle.dumps(doc))
    assert back.texts == ("x", "y") and back == doc


def test_the_document_crosses_processes_as_columns():
    doc = Document(tuple(Sentence(f"s{i} «é»\u2028", i, i + 1, i // 3, i // 7, "fr") for i in range(2000)), "fr", "f")
    reduced = doc.__reduce_ex__(4)
    assert reduced[0] is model._document
    back = ForkingPickler.loads(bytes(ForkingPickler.dumps(doc)))
    _same(back, doc)
    buf = io.BytesIO()
    _OldPickler(buf, protocol=4).dump(doc)
    assert len(pickle.dumps(doc, 4)) < len(buf.getvalue())


SCORES = st.floats(allow_nan=False) | st.integers(-2, 2) | st.sampled_from([0.0, -0.0, 1.0, float("inf")])


@st.composite
def alignments(draw):
    n_src, n_tgt = draw(st.integers(0, 8)), draw(st.integers(0, 8))
    beads = []
    i = j = 0
    while i < n_src or j < n_tgt:
        a = min(n_src - i, draw(st.integers(0, 2)))
        b = min(n_tgt - j, draw(st.integers(0, 2)))
        if a == b == 0:
            a, b = (1, 0) if i < n_src else (0, 1)
        beads.append(Bead(tuple(range(i, i + a)), tuple(range(j, j + b)), draw(SCORES)))
        i, j = i + a, j + b
    return Alignment(tuple(beads), n_src, n_tgt)


@settings(max_examples=200, deadline=None)
@given(alignments(), st.integers(0, pickle.HIGHEST_PROTOCOL))
def test_alignments_come_back_the_same(alignment, protocol):
    assert alignment.__reduce_ex__(protocol)[0] is model._alignment
    back = pickle.loads(pickle.dumps(alignment, protocol))
    _same(back, alignment)
    _same(back, old_roundtrip(alignment))
    assert back.pairs == alignment.pairs
    _same(copy.deepcopy(alignment), alignment)
    for bead in alignment.beads:
        _same(pickle.loads(pickle.dumps(bead, protocol)), bead)


def test_odd_alignments_keep_the_default_way():
    class SubBead(Bead):
        __slots__ = ()

    plain = Alignment((Bead((0,), (0,), 0.5), *null_beads([1], "src")), 2, 1)
    odd = Alignment((Bead((0,), (0,)), Bead((1,), ())), 2, 1)
    object.__setattr__(odd, "extra", 1)
    listed = Alignment([Bead((0,), (0,))], 1, 1)
    for value in (plain, odd, listed, Alignment((), 0, 0)):
        back = pickle.loads(pickle.dumps(value))
        _same(back, value)
        assert vars(back) == vars(value)
    assert pickle.loads(pickle.dumps(plain)).beads[1] == Bead((1,), (), 0.0)
    assert type(copy.copy(SubBead((0,), (1,)))) is SubBead


@pytest.fixture(scope="module")
def sample_result():
    return run_pair((PARALLEL / "interview.en.txt").read_text(encoding="utf-8"),
                    (PARALLEL / "interview.fr.txt").read_text(encoding="utf-8"), name="interview.fr.txt")


def test_the_sample_run_pickles_the_same(sample_result):
    for value in (sample_result.source, sample_result.target, sample_result.alignment):
        back = pickle.loads(pickle.dumps(value))
        _same(back, value)
        _same(back, old_roundtrip(value))
    back = pickle.loads(pickle.dumps(sample_result))
    assert back == sample_result
    assert _fields(back.target) == _fields(sample_result.target)
