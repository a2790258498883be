"""Round 16 (discovery CPU): each replaced algorithm against its previous version, on generated text.

The old versions are copied here word for word as oracles; the whole of discovery is
held to the round-14 module by ``tests/test_speed_discovery_ids.py``.
"""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from test_speed_discovery_ids import PAIRS, PICKS, _corpus, same

from align.terms import discover, ngrams

WORDS = st.lists(st.sampled_from(["", "a", "é", "e\u0301", "l'eau", "l’eau", "the", "The", "THE", "0", "nan",
                                  "None", "-", "ΟΔΟΣ", "ς", "σ", "x" * 40]) | st.text(max_size=4), max_size=200)


def _old_numbered(values):
    """``ngrams.numbered`` before round 16 (two dicts and a list of numbers)."""
    vocab = dict.fromkeys(values)  # first-occurrence order
    index = dict(zip(vocab, range(len(vocab)), strict=True))
    return np.array(list(map(index.__getitem__, values)), dtype=np.int64).reshape(-1), list(vocab)


@settings(max_examples=300, deadline=None)
@given(WORDS)
def test_numbered_is_the_round15_numbered(words):
    ids, vocab = ngrams.numbered(words)
    old_ids, old_vocab = _old_numbered(words)
    assert ids.dtype == old_ids.dtype and ids.shape == old_ids.shape
    assert ids.tolist() == old_ids.tolist()
    assert vocab == old_vocab and all(type(v) is str for v in vocab)


@settings(max_examples=60, deadline=None)
@given(PAIRS, PICKS)
def test_flat_numbered_is_the_round15_numbered(pairs, picks):
    _, _, src, tgt = _corpus(pairs, picks)
    for segments in (src, tgt, [*src, [], *tgt]):
        flat = ngrams.Flat.of(segments)
        for attr in ("form", "raw", "stem"):
            ids, vocab = flat.numbered(attr)
            old_ids, old_vocab = _old_numbered(flat.values(attr))
            assert ids.tolist() == old_ids.tolist() and vocab == old_vocab


@settings(max_examples=40, deadline=None)
@given(PAIRS, PICKS)
def test_discover_is_the_same_with_the_round15_numbered(pairs, picks):
    """The whole of discovery, new numbering against old (targets with no source too)."""
    en, fr, src, tgt = _corpus(pairs, picks)
    src = [*src, []]
    tgt = [*tgt, tgt[0]]
    en, fr = [*en, ""], [*fr, fr[0]]
    new = discover.discover(src, en, tgt, fr, "en", "fr")
    original = ngrams.numbered
    ngrams.numbered = _old_numbered
    try:
        old = discover.discover(src, en, tgt, fr, "en", "fr")
    finally:
        ngrams.numbered = original
    assert same(new, old)
