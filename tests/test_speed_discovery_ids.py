"""Hostile input, cost: discovery over numbers finds exactly what discovery over tuples found.

Issue 15 counts discovery's n-grams as integers (:mod:`align.terms.ngrams`), builds its
indexes as arrays, and calls ``find`` only where a match is possible. The module it
replaced is kept word for word in ``discover_round14.py``; on generated text made to
break the rules (repeats, capitals, plurals in ``-ies``, hyphens, numbers, one-letter
words, runs of function words, Greek final sigma, long segments) and on the repository's
sample, every replaced function must give the same values in the same order.
"""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import discover_round14 as round14
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from align.model import TranslationUnit
from align.terms import checks, discover, ngrams, text
from align.terms.checks import check_document
from align.terms.match import compile_pattern, find, function_words, index_tokens

ROOT = Path(__file__).resolve().parents[1]

EN = ["the", "large", "language", "model", "models", "Model", "MODEL", "policy", "policies", "Policies", "GPU",
      "GPUs", "data", "training", "start-up", "startup", "start", "up", "of", "a", "an", "to", "is", "we", "and",
      "in", "on", "Grenoble", "Silicon", "Valley", "COVID-19", "19", "3", "x", "I", "l'été", "Ünï", "İstanbul",
      "ΟΔΟΣ", "ℂ", "C++", "(a)", "U.S.", "’s", "-", ",", ".", "model-based", "data-driven", "the the",
      "city", "cities", "box", "boxes", "this", "our", "can", "will", "don't", "e.g."]
FR = ["le", "grand", "modèle", "modèles", "Modèle", "de", "du", "des", "langage", "politique", "politiques", "GPU",
      "données", "entraînement", "jeune", "pousse", "la", "les", "est", "Grenoble", "grappe", "l’été", "d'", "Silicon",
      "Valley", "start-up", "a", "au", "aux", "à", "3", ",", ".", "ville", "villes", "x", "Ünï"]
SENTENCES = st.lists(st.sampled_from(EN), min_size=0, max_size=18).map(" ".join)
PHRASES = st.lists(st.sampled_from(FR), min_size=0, max_size=18).map(" ".join)
PAIRS = st.lists(st.tuples(SENTENCES, PHRASES), min_size=1, max_size=30)
PICKS = st.lists(st.integers(0, 60), max_size=40)


def _corpus(pairs, picks):
    """The pairs with some repeated (groups of several members), tokenised."""
    pairs = list(pairs) + [pairs[i % len(pairs)] for i in picks]
    en = [s for s, _ in pairs]
    fr = [t for _, t in pairs]
    return en, fr, [text.tokenize(s, "en") for s in en], [text.tokenize(t, "fr") for t in fr]


def same(new, old) -> bool:
    """Equal field by field, in the same types (the old module has its own dataclasses, so
    ``==`` between them is always false): the reprs, exact for floats, and naming numpy
    scalars if one slipped through."""
    return repr(new) == repr(old)


def _terms(src, en):
    """Terms to look for: the old candidates, words of the text, and hostile extras."""
    words = [t.raw for toks in src[:5] for t in toks]
    extras = ["model", "models", "policy", "C++", "(a)", "start-up", "startup", "U.S.", "GPU", "city", "box",
              "the model", "language model", "large language model", "Silicon Valley", "COVID-19", "ΟΔΟΣ"]
    return [c.text for c in round14.candidates(src, "en")[:40]] + words + extras


# Candidates, C-values, noun evidence -------------------------------------------------------

@settings(max_examples=200, deadline=None)
@given(PAIRS, PICKS, st.sampled_from(["en", "fr"]))
def test_candidates_are_the_round14_candidates(pairs, picks, lang):
    _en, _fr, src, tgt = _corpus(pairs, picks)
    side = src if lang == "en" else tgt
    assert same(discover.candidates(side, lang), round14.candidates(side, lang))


def _numbered(segments, lang):
    flat = ngrams.Flat.of(segments)
    forms, vocab = ngrams.numbered(flat.values("form"))
    return flat, forms, vocab, ngrams.Grams.of(forms, vocab, flat), function_words(lang)


@settings(max_examples=200, deadline=None)
@given(PAIRS, PICKS)
def test_windows_and_numbers_are_the_spans_and_tuples(pairs, picks):
    _en, _fr, src, _tgt = _corpus(pairs, picks)
    flat, forms, vocab, grams, stop = _numbered(src, "en")
    win = ngrams.Windows.of(ngrams.valid_windows(forms, vocab, stop, flat), grams)
    got = sorted(zip(win.pos.tolist(), win.size.tolist(), win.gram.tolist(), strict=True))
    want = [(int(flat.offsets[d]) + i, n) for d, toks in enumerate(src) for i, n in round14._spans(toks, stop)]
    assert [(p, n) for p, n, _ in got] == want
    words = flat.values("form")
    tuple_of = {}
    for p, n, g in got:  # one number per tuple, one tuple per number
        assert tuple_of.setdefault(g, tuple(words[p:p + n])) == tuple(words[p:p + n])
        assert grams.find(tuple(words[p:p + n])) == g
        assert int(grams.length(np.array([g]))[0]) == n and int(grams.first[g]) <= p
    assert len(set(tuple_of.values())) == len(tuple_of)
    assert grams.find(("no such word",)) == -1 and grams.find(()) == -1


@settings(max_examples=200, deadline=None)
@given(PAIRS, PICKS)
def test_cvalues_over_numbers_are_the_round14_cvalues(pairs, picks):
    _en, _fr, src, _tgt = _corpus(pairs, picks)
    flat, _forms, _vocab, grams, stop = _numbered(src, "en")
    words = flat.values("form")
    freq = Counter()
    numbers = np.zeros(grams.count, np.int64)
    for d, toks in enumerate(src):
        spans = round14._spans(toks, stop)
        mine = {tuple(words[int(flat.offsets[d]) + i:int(flat.offsets[d]) + i + n]) for i, n in spans}
        freq.update(mine)
        for g in mine:
            numbers[grams.find(g)] += 1
    want = round14.cvalues(freq)
    ids = np.array([grams.find(g) for g in want], dtype=np.int64)
    got = discover._cvalues_of(grams, numbers, ids).tolist() if len(ids) else []
    assert got == list(want.values())  # the same floats, bit for bit
    assert all(type(c) is float for c in got)


@settings(max_examples=200, deadline=None)
@given(PAIRS, PICKS)
def test_noun_evidence_over_numbers_is_the_round14_evidence(pairs, picks):
    _en, _fr, src, _tgt = _corpus(pairs, picks)
    flat, forms, vocab, _grams, stop = _numbered(src, "en")
    assert discover._noun_evidence_of(forms, vocab, flat, stop) == round14._noun_evidence(src, stop)


# Target index, source index, occurrences, renderings -----------------------------------

@settings(max_examples=150, deadline=None)
@given(PAIRS, PICKS)
def test_target_index_is_the_round14_index(pairs, picks):
    _en, _fr, _src, tgt = _corpus(pairs, picks)
    new, old = discover.TargetIndex(tgt, "fr"), round14.TargetIndex(tgt, "fr")
    assert new.group_grams == old.group_grams and new.grams == old.grams
    assert new.df == old.df and new.n == old.n and new.stop == old.stop
    for key in [*old.df, ("pas", "la"), ("x",) * 6]:
        got, want = new.surface(key), old.surface(key)
        assert got == want and list(got) == list(want)  # same counts, same order (ties)
        assert new.holders(key) == [d for d, grams in enumerate(old.group_grams) if key in grams]
    rng = random.Random(len(tgt))
    for _ in range(8):
        segs = sorted(rng.sample(range(len(tgt)), rng.randint(1, len(tgt))))
        assert new.joint(segs) == old.joint(segs)
        for args in [(2, 0.3, 0.0, 1, "model"), (1, 0.0, 0.0, 2, ""), (2, 0.5, 0.75, 3, "language model"),
                     (1, 0.1, 0.5, 1, "policy")]:
            assert same(new.best(segs, *args), old.best(segs, *args))


@settings(max_examples=120, deadline=None)
@given(PAIRS, PICKS)
def test_occurrences_are_the_round14_occurrences(pairs, picks):
    en, _fr, src, _tgt = _corpus(pairs, picks)
    where, old_where = discover.SourceIndex(src, en), round14.SourceIndex(src, en)
    ix = [index_tokens(t) for t in src]
    for term in _terms(src, en):
        p = compile_pattern(term, "en")
        assert where.group_places(p) == old_where.group_places(p)
        assert where.places(p) == old_where.places(p)
        want = round14.occurrences(p, src, en, ix, old_where)
        assert discover.occurrences(p, src, en, ix, where) == want
        assert discover.occurrences(p, src, en, ix) == want  # the path without an index


@settings(max_examples=200, deadline=None)
@given(PAIRS, PICKS)
def test_the_split_never_leaves_out_a_match(pairs, picks):
    """What ``plural_split`` calls sure matches, what it leaves out never matches, and
    ``with_stems`` leaves out only groups without a stem-level match."""
    en, _fr, src, _tgt = _corpus(pairs, picks)
    where = discover.SourceIndex(src, en)
    first = where.groups.first
    for term in _terms(src, en):
        p = compile_pattern(term, "en")
        places = where.group_places(p)
        sure, tried = where.plural_split(p, places)
        assert not set(sure) & set(tried) and set(sure) | set(tried) <= set(places)
        for d in places:
            hit = bool(find(p, src[first[d]], en[first[d]], "plural"))
            if d in sure:
                assert hit
            elif d not in tried:
                assert not hit
            if d not in where.with_stems(p, places):
                assert not find(p, src[first[d]], en[first[d]], "stem")


@settings(max_examples=80, deadline=None)
@given(PAIRS, PICKS)
def test_discover_is_the_round14_discover(pairs, picks):
    en, fr, src, tgt = _corpus(pairs, picks)
    assert same(discover.discover(src, en, tgt, fr, "en", "fr"), round14.discover(src, en, tgt, fr, "en", "fr"))


def test_renderings_are_the_round14_renderings():
    en, fr, src, tgt = _sample()
    new_index, old_index = discover.TargetIndex(tgt, "fr"), round14.TargetIndex(tgt, "fr")
    where = round14.SourceIndex(src, en)
    checked = 0
    for cand in round14.candidates(src, "en")[:120]:
        p = compile_pattern(cand.text, "en")
        segs = round14.occurrences(p, src, en, where=where)
        want = round14.renderings(segs, old_index, tgt, fr, "fr", len(p.content), cand.text)
        assert same(discover.renderings(segs, new_index, tgt, fr, "fr", len(p.content), cand.text), want)
        checked += bool(want)
    assert checked >= 10, "the sample must give renderings, or the comparison proves little"


# The sample and the whole term stage -------------------------------------------------------

def _sample(seed: int = 0):
    """The sample interview (parallel/), with units repeated at random when ``seed``."""
    rows = (ROOT / "parallel" / "interview.gold.tsv").read_text(encoding="utf-8").splitlines()
    pairs = [tuple(row.split("\t")[:2]) for row in rows if "\t" in row]
    if seed:
        rng = random.Random(seed)
        pairs = pairs + [rng.choice(pairs) for _ in range(len(pairs))]
    return _corpus(pairs, [])


@pytest.mark.parametrize("seed", [0, 7])
def test_the_sample_discovers_what_round14_discovered(seed):
    en, fr, src, tgt = _sample(seed)
    assert same(discover.candidates(src, "en"), round14.candidates(src, "en"))
    assert same(discover.candidates(tgt, "fr"), round14.candidates(tgt, "fr"))
    new = discover.discover(src, en, tgt, fr, "en", "fr")
    assert new, "the sample must discover terms"
    assert same(new, round14.discover(src, en, tgt, fr, "en", "fr"))


@pytest.mark.parametrize("seed", [0, 3])
def test_term_stage_finds_what_round14_found(seed, monkeypatch):
    en, fr, _src, _tgt = _sample(seed)
    units = [TranslationUnit(s, t, f"b{k:04d}") for k, (s, t) in enumerate(zip(en, fr, strict=True))]
    new = check_document(units)
    assert any(t.origin.startswith("discovered") for t in new.terms), "discovery must find terms"
    calls = []
    monkeypatch.setattr(checks, "discover", lambda *a, **k: calls.append(1) or round14.discover(*a, **k))
    old = check_document(units)
    assert calls, "the old discovery must have run"
    assert old == new


@settings(max_examples=100, deadline=None)
@given(PAIRS, PICKS)
def test_groups_given_are_the_groups_found(pairs, picks):
    """discover() groups the sources once and hands the groups on: the same groups and
    candidates as each function grouping for itself."""
    en, _fr, src, _tgt = _corpus(pairs, picks)
    by_tokens = discover.group(tuple(t) for t in src)
    assert discover.SourceIndex(src, en, by_tokens).groups == discover.SourceIndex(src, en).groups
    assert same(discover.SourceIndex(src, en).groups, round14.SourceIndex(src, en).groups)
    assert same(discover.candidates(src, "en", by_tokens), discover.candidates(src, "en"))
