"""The bootstrapped IBM Model 1 lexicon and the one-sided feature weighting."""

import random
from itertools import pairwise

import numpy as np

from align.aligner import ibm1
from align.aligner.features import embed

PAIRS = {"cat": "chat", "dog": "chien", "house": "maison", "red": "rouge", "small": "petit", "sees": "voit"}


def _corpus(n: int, seed: int = 0):
    """Random sentences from a word-for-word 'language pair' plus a noise word on each side."""
    rng = random.Random(seed)
    src, tgt = [], []
    for k in range(n):
        words = rng.sample(sorted(PAIRS), 3)
        src.append([*words, f"en{k}"])
        tgt.append([*(PAIRS[w] for w in reversed(words)), f"fr{k}"])
    return src, tgt


def test_model1_learns_the_word_pairs():
    src, tgt = _corpus(60)
    table = ibm1.learn(src, tgt, [((i,), (i,)) for i in range(60)])
    for s, t in PAIRS.items():
        assert s in table.get(t, ()), (t, table.get(t))
    assert not any(t.startswith("fr") for t in table)  # words seen once have no entry


def test_model1_survives_wrong_seed_beads():
    src, tgt = _corpus(80, seed=1)
    pairs = [((i,), (i,)) for i in range(70)] + [((i,), (i + 1,)) for i in range(70, 79)]
    table = ibm1.learn(src, tgt, pairs)
    assert all(s in table.get(t, ()) for s, t in PAIRS.items())


def test_model1_needs_enough_seeds():
    src, tgt = _corpus(5)
    assert ibm1.learn(src, tgt, [((i,), (i,)) for i in range(5)]) == {}


def test_one_sided_features_weigh_less():
    src = [["x:gletscher", "n:1956"], ["n:7"]]
    tgt = [["n:1956"], ["n:7"]]
    full, _ = embed(src, tgt, 64)
    halved, _ = embed(src, tgt, 64, one_sided=0.5)
    dropped, t_vec = embed(src, tgt, 64, one_sided=0.0)
    norms = [float(np.linalg.norm(v[0])) for v in (full, halved, dropped)]
    assert norms[0] > norms[1] > norms[2] > 0
    cos = float(dropped[0] @ t_vec[0] / np.linalg.norm(dropped[0]) / np.linalg.norm(t_vec[0]))
    assert abs(cos - 1.0) < 1e-6  # only the shared number is left


def test_lexicon_features_are_added_to_each_sentence_as_a_list_would_hold_them():
    """Bags.plus + lexicon_features: each sentence's own features, then its ``l:`` features in
    word order (a source word it knows; each source word a target word translates)."""
    from align.aligner.features import Bags
    from align.aligner.ibm1 import lexicon_features

    ws = [["the", "house"], [], ["house", "red", "house"]]
    wt = [["la", "maison"], ["rouge"], ["maison", "rien"]]
    fs = [["c:hous"], ["x:empty"], []]
    ft = [["c:mais"], [], ["c:mais", "c:rien"]]
    table = {"maison": ("house",), "rouge": ("red", "the")}
    bags = Bags.of(fs, ft).plus(*lexicon_features(ws, wt, table))
    names = {k: f for f, k in bags.vocab.items()}
    ends = np.concatenate([[0], np.cumsum(bags.counts)])
    got = [[names[k] for k in bags.ids[a:b]] for a, b in pairwise(ends)]
    assert got == [["c:hous", "l:the", "l:house"], ["x:empty"], ["l:house", "l:red", "l:house"],
                   ["c:mais", "l:house"], ["l:red", "l:the"], ["c:mais", "c:rien", "l:house"]]
