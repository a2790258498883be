"""The pipeline's last steps before the term stage, made cheaper, give the same values.

``_lift`` returns the aligner's own alignment when no sentence was set aside (mapping
every index to itself rebuilt every bead); ``_units`` gives each unit its target
language as it is built (``dataclasses.replace`` afterwards was half of its time).
"""

from __future__ import annotations

from pathlib import Path

from align.config import RunSettings
from align.model import Alignment, Bead
from align.pipeline import _lift, align_pair


def _lift_by_mapping(inner, kept_s, kept_t, n_src, n_tgt):
    """The general mapping, as ``_lift`` always did it (the oracle)."""
    beads = [Bead(tuple(kept_s[i] for i in b.src), tuple(kept_t[j] for j in b.tgt), b.score) for b in inner.beads]
    covered_s, covered_t = set(kept_s), set(kept_t)
    beads += [Bead((i,), (), 0.0) for i in range(n_src) if i not in covered_s]
    beads += [Bead((), (j,), 0.0) for j in range(n_tgt) if j not in covered_t]
    return Alignment(tuple(beads), n_src, n_tgt)


def test_nothing_set_aside_is_the_aligners_own_alignment():
    inner = Alignment((Bead((0,), (0, 1), 0.9), Bead((1,), (), 0.0), Bead((2,), (2,), 0.8)), 3, 3)
    lifted = _lift(inner, [0, 1, 2], [0, 1, 2], 3, 3)
    assert lifted is inner and lifted == _lift_by_mapping(inner, [0, 1, 2], [0, 1, 2], 3, 3)


def test_sentences_set_aside_are_mapped_back_and_listed():
    inner = Alignment((Bead((0,), (0,), 0.9), Bead((1,), (1,), 0.8)), 2, 2)
    assert _lift(inner, [0, 2], [1, 2], 3, 3) == _lift_by_mapping(inner, [0, 2], [1, 2], 3, 3)


def test_each_unit_carries_its_targets_language():
    sample = Path(__file__).resolve().parents[1] / "parallel"
    en = (sample / "interview.en.txt").read_text(encoding="utf-8")
    fr = (sample / "interview.fr.txt").read_text(encoding="utf-8")
    result = align_pair(en, fr, RunSettings())
    for unit, bead in zip(result.units, result.unit_beads, strict=True):
        langs = {result.target.sentences[j].lang for j in bead.tgt}
        assert unit.target_lang == (langs.pop() if len(langs) == 1 else "")
