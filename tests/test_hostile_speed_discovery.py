"""Hostile input, cost: discovery counted once per distinct segment finds what it found before.

Issue 14: discovery now works on groups of equal segments (a document repeats its
sentences) and counts each group with its weight. The implementations it replaced are
kept here word for word as oracles: on generated text full of repeats (Hypothesis) and
on the whole term stage, the new ones must give the same values, in the same order.

Issue 15 rewrote discovery over numbers; those oracles now run in the glue they were
written for (``discover_round14``, the module before issue 15), and
``test_speed_discovery_ids.py`` compares that module with the new one.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from pathlib import Path

import discover_round14 as round14
import pytest
from discover_round14 import _noun_evidence, cvalues
from hypothesis import given, settings
from hypothesis import strategies as st

from align.model import TranslationUnit
from align.terms import checks, discover, match, text
from align.terms.checks import check_document
from align.terms.discover import MIN_FREQ, Candidate, _grams, _kind
from align.terms.match import compile_pattern, find, function_words, index_tokens, start_keys
from align.terms.text import fold

# Old implementations (main 066c2db) -------------------------------------------------------


def old_candidates(sources, lang):
    stop = function_words(lang)
    freq = Counter()
    windows = []
    for toks in sources:
        spans = old_spans(toks, stop)
        forms = _grams(toks, spans, "form")
        freq.update(set(forms))
        windows.append((spans, forms))
    surface = defaultdict(Counter)
    for toks, (spans, forms) in zip(sources, windows, strict=True):
        raws = None
        for (i, n), g in zip(spans, forms, strict=True):
            if freq[g] >= MIN_FREQ:
                raws = raws or [t.raw for t in toks]
                surface[g][" ".join(raws[i:i + n])] += 1
    det, heads, verbal = _noun_evidence(sources, stop)
    out = []
    for g, c in old_cvalues(freq).items():
        text_ = surface[g].most_common(1)[0][0]
        kind = _kind(text_, g, det, verbal, heads)
        if kind and (kind != "ngram" or c >= discover.MIN_CVALUE):
            out.append(Candidate(text_, kind, freq[g], round(c, 3)))
    return tuple(sorted(out, key=lambda k: (-k.cvalue, k.text)))


class OldTargetIndex(round14.TargetIndex):
    def __init__(self, targets, lang):
        stop = function_words(lang)
        self.stop = stop | {"le", "de", "a"}
        self._targets = targets
        self._spans = [old_spans(t, stop) for t in targets]
        self._stems = [_grams(t, sp, "stem") for t, sp in zip(targets, self._spans, strict=True)]
        self.grams = [set(gs) for gs in self._stems]
        self.df = Counter()
        for gs in self.grams:
            self.df.update(gs)
        self.n = len(targets)
        self._surface = {}
        self._by_stem = None
        self.groups = discover.group(range(len(targets)))  # every segment its own group

    def surface(self, key):
        if key not in self._surface:
            if self._by_stem is None:
                self._by_stem = defaultdict(list)
                for k, toks in enumerate(self._targets):
                    for stem_ in {t.stem for t in toks}:
                        self._by_stem[stem_].append(k)
            found = Counter()
            for k in self._by_stem.get(key[0], ()):
                grams = self.grams[k]
                if key in grams:
                    raws = [t.raw for t in self._targets[k]]
                    found.update(" ".join(raws[i:i + n]) for (i, n), g in zip(self._spans[k], self._stems[k],
                                                                               strict=True) if g == key)
            self._surface[key] = found
        return self._surface[key]

    def joint(self, segs):
        return Counter(g for s in segs for g in self.grams[s])


class OldSourceIndex:
    def __init__(self, sources, source_texts):
        self.forms = defaultdict(list)
        self.stems = defaultdict(list)
        for k, toks in enumerate(sources):
            for form in {t.form for t in toks}:
                self.forms[form].append(k)
            for stem_ in {t.stem for t in toks}:
                self.stems[stem_].append(k)
        self._texts = source_texts
        self._folded = {}

    def places(self, pattern):
        if not pattern.forms:
            return []
        found = {k for key in start_keys(pattern, "plural") for k in self.forms.get(key, ())}
        found.update(self.stems.get(pattern.stems[0], ()))
        return sorted(found)

    def folded(self, k):
        if k not in self._folded:
            self._folded[k] = fold(self._texts[k]).replace(" ", "")
        return self._folded[k]


def old_occurrences(pattern, sources, source_texts, indexes=None, where=None):
    ix = indexes or [index_tokens(t) for t in sources]
    probe = max((f[:4] for f in pattern.forms if len(f) >= 2), key=len, default="")
    where = where if isinstance(where, OldSourceIndex) else OldSourceIndex(sources, source_texts)
    maybe = [k for k in where.places(pattern) if not probe or probe in where.folded(k)]
    for level in ("plural", "stem"):
        found = [k for k in maybe if find(pattern, sources[k], source_texts[k], level, ix[k])]
        if found:
            return found
    return []


# Generated text with many repeats ---------------------------------------------------------

EN = ["the", "large", "language", "model", "models", "Model", "policy", "policies", "GPU", "GPUs", "data",
      "training", "start-up", "startup", "of", "a", "is", "Grenoble", "Silicon", "Valley", "COVID-19", "we",
      "train", "l'été", "Ünï", "İstanbul", ",", ".", "(a)", "C++", "U.S.", "’s", "-", "3"]
FR = ["le", "grand", "modèle", "modèles", "Modèle", "de", "langage", "politique", "GPU", "données",
      "entraînement", "jeune", "pousse", "la", "est", "Grenoble", "grappe", "l’été", "d'", "Silicon", "Valley",
      "start-up", ",", ".", "3"]
SENTENCES = st.lists(st.sampled_from(EN), min_size=0, max_size=10).map(" ".join)
PHRASES = st.lists(st.sampled_from(FR), min_size=0, max_size=10).map(" ".join)


def _tokenised(pairs):
    en = [s for s, _ in pairs]
    fr = [t for _, t in pairs]
    return en, fr, [text.tokenize(s, "en") for s in en], [text.tokenize(t, "fr") for t in fr]


def _repeated(pairs, picks):
    """The pairs with some of them repeated (by index), so groups have several members."""
    return list(pairs) + [pairs[i % len(pairs)] for i in picks] if pairs else []


PAIRS = st.lists(st.tuples(SENTENCES, PHRASES), min_size=1, max_size=25)
PICKS = st.lists(st.integers(0, 40), max_size=40)


@settings(max_examples=150, deadline=None)
@given(PAIRS, PICKS)
def test_candidates_are_the_old_candidates(pairs, picks):
    _en, _fr, src, _tgt = _tokenised(_repeated(pairs, picks))
    assert discover.candidates(src, "en") == old_candidates(src, "en")


@settings(max_examples=100, deadline=None)
@given(PAIRS, PICKS)
def test_occurrences_by_group_are_the_old_occurrences(pairs, picks):
    en, _fr, src, _tgt = _tokenised(_repeated(pairs, picks))
    where = discover.SourceIndex(src, en)
    old_where = OldSourceIndex(src, en)
    ix = [index_tokens(t) for t in src]
    terms = [c.text for c in old_candidates(src, "en")[:30]] + ["model", "C++", "(a)", "start-up", "U.S."]
    for term in terms:
        p = compile_pattern(term, "en")
        assert discover.occurrences(p, src, en, ix, where) == old_occurrences(p, src, en, ix, old_where)
        assert where.places(p) == old_where.places(p)


@settings(max_examples=100, deadline=None)
@given(PAIRS, PICKS)
def test_target_index_by_group_is_the_old_index(pairs, picks):
    _en, _fr, _src, tgt = _tokenised(_repeated(pairs, picks))
    new, old = discover.TargetIndex(tgt, "fr"), OldTargetIndex(tgt, "fr")
    assert new.grams == old.grams and new.df == old.df and new.n == old.n
    for key in list(old.df)[:40]:
        got, want = new.surface(key), old.surface(key)
        assert got == want and list(got) == list(want)  # same counts, same order (ties)
    rng = random.Random(len(tgt))
    for _ in range(5):
        segs = sorted(rng.sample(range(len(tgt)), rng.randint(1, len(tgt))))
        assert new.joint(segs) == old.joint(segs)
        assert new.best(segs, 2, 0.3, 0.0, 1, "model") == old.best(segs, 2, 0.3, 0.0, 1, "model")


# The whole term stage, old pieces put back ------------------------------------------------

ROOT = Path(__file__).resolve().parents[1]


def _units(seed: int) -> list[TranslationUnit]:
    """The sample interview, with units repeated at random (and some only once)."""
    rows = (ROOT / "parallel" / "interview.gold.tsv").read_text(encoding="utf-8").splitlines()
    base = [tuple(row.split("\t")[:2]) for row in rows if "\t" in row]
    rng = random.Random(seed)
    pairs = base + [rng.choice(base) for _ in range(2 * len(base))] + [(s, "") for s, _ in base[:5]]
    return [TranslationUnit(s, t, f"b{k:04d}") for k, (s, t) in enumerate(pairs)]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_term_stage_finds_what_the_old_discovery_found(seed, monkeypatch):
    units = _units(seed)
    new = check_document(units)
    assert new.terms and any(t.origin.startswith("discovered") for t in new.terms), "discovery must find terms"
    # The old pieces in the glue they were written for (issue 15 rewrote the glue too:
    # discovery before it, word for word, is tests/discover_round14.py).
    monkeypatch.setattr(checks, "discover", round14.discover)
    monkeypatch.setattr(round14, "candidates", old_candidates)
    monkeypatch.setattr(round14, "TargetIndex", OldTargetIndex)
    monkeypatch.setattr(round14, "SourceIndex", OldSourceIndex)
    monkeypatch.setattr(round14, "occurrences", old_occurrences)
    monkeypatch.setattr(round14, "_spans", old_spans)
    monkeypatch.setattr(round14, "cvalues", old_cvalues)
    monkeypatch.setattr(round14, "supported", old_supported)
    calls = Counter()
    for name in ("candidates", "occurrences", "supported"):
        monkeypatch.setattr(round14, name, _counted(getattr(round14, name), name, calls))
    old = check_document(units)
    assert calls["candidates"] == 1 and calls["occurrences"] > 0 and calls["supported"] == 1, calls
    assert old == new


def _counted(f, name, calls):
    def wrapped(*args, **kwargs):
        calls[name] += 1
        return f(*args, **kwargs)
    return wrapped


def test_function_words_are_read_once_and_unchanged():
    from align.segment.punkt import load_list

    want = frozenset(fold(w).replace(" ", "") for w in load_list("function_words_fr.txt"))
    assert function_words("fr") == want and function_words("fr") is function_words("fr")
    assert match.function_words("zz") == frozenset()


# Windows, C-values, the reverse test: the old walks ----------------------------------------

def old_spans(tokens, stop):
    forms = [t.form for t in tokens]
    stops = [f in stop for f in forms]
    out = []
    for i, first in enumerate(forms):
        if stops[i] or first.isdigit() or len(first) < 2:
            continue
        inside = 0
        for j in range(i, min(i + discover.MAX_N, len(forms))):
            inside += stops[j]
            if inside > 2:
                break
            last = forms[j]
            if stops[j] or (len(last) < 2 and not (j > i and last.isdigit())):
                continue
            out.append((i, j + 1 - i))
    return out


def old_cvalues(freq):
    import math

    kept = {g: f for g, f in freq.items() if f >= MIN_FREQ}
    longer = defaultdict(list)
    for g, f in kept.items():
        for n in range(1, len(g)):
            for i in range(len(g) - n + 1):
                sub = g[i:i + n]
                if sub in kept:
                    longer[sub].append(f)
    return {g: math.log2(len(g) + 1) * (f - (sum(longer[g]) / len(longer[g]) if longer[g] else 0))
            for g, f in kept.items()}


def old_supported(found, seen, index, target_lang):
    from align.terms import termhood

    keys = {r.key for d in found for r in d.renderings}
    where = {k: set() for k in keys}
    for k, grams in enumerate(index.grams):
        for g in grams & keys:
            where[g].add(k)
    out = []
    for d in found:
        occ = set(d.occurrences)
        kept = []
        for r in d.renderings:
            segs = where[r.key]
            ok = (termhood.significant(len(occ & segs), len(occ), len(segs), index.n)
                  and termhood.target_termlike(r.text, d.source, d.kind, target_lang)
                  and round14._same_family(termhood.best_source(segs, seen), d.source))
            if not ok:
                break
            kept.append(r)
        if kept:
            out.append(round14.Discovered(d.source, d.kind, tuple(kept), d.occurrences))
    return out


WORDS = st.lists(st.sampled_from(EN + FR + ["1", "x", "I", "we", "to", "the", "of", "and"]), max_size=30)


@settings(max_examples=300, deadline=None)
@given(WORDS, st.sampled_from(["en", "fr"]))
def test_spans_are_the_old_spans(words, lang):
    tokens = text.tokenize(" ".join(words), lang)
    stop = function_words(lang)
    assert discover._spans(tokens, stop) == old_spans(tokens, stop)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.lists(st.sampled_from(["a", "b", "c", "d"]), min_size=1, max_size=5).map(tuple),
                       st.integers(1, 9), max_size=60))
def test_cvalues_are_the_old_cvalues(freq):
    new, old = cvalues(Counter(freq)), old_cvalues(Counter(freq))
    assert new == old and list(new) == list(old)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sets(st.integers(0, 70), max_size=30), min_size=1, max_size=12), st.sets(st.integers(0, 70)))
def test_best_source_over_masks_is_the_old_best_source(sets, segs):
    from align.terms import termhood

    seen = [(f"t{i}", s) for i, s in enumerate(sets)]
    masks = [(t, discover._mask(s, 71), len(s)) for t, s in seen]
    assert discover._best_source(discover._mask(segs, 71), len(segs), masks) == termhood.best_source(segs, seen)
    assert round14._best_source(round14._mask(segs, 71), len(segs), masks) == termhood.best_source(segs, seen)
