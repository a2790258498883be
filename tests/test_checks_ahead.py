"""Answers found ahead for the sentences (``align.terms.ahead``) change no report.

While the helper aligns, ``align run`` answers what several checks ask of single texts
(repeat keys, numbers to carry over, repeated words, French marks, names) for every
sentence; a check looks its unit's text up and works out the rest itself. These tests
compare the report with and without those answers (the oracle is the check computing
everything), on the sample and on units of several sentences, and show that the
answers are read (a wrong answer changes the finding it stands for).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from align.config import RunSettings
from align.model import TranslationUnit
from align.pipeline import align_pair
from align.terms.ahead import facts_of
from align.terms.checks import check_document
from align.terms.context import build_context
from align.terms.registry import CHECKS

SAMPLE = Path(__file__).resolve().parents[1] / "parallel"
CRAFTED = [
    ("We sold 1,200 GPUs in Grenoble.", "Nous avons vendu 1 100 GPU à Grenoble."),
    ("We sold 1,200 GPUs in Grenoble.", "Nous avons vendu 1 200 GPU à Grenoble !"),
    ("Is it the the end?", "Est-ce la la fin?"),
    ("Ask NASA and Okafor.", "Demandez à la NASA : elle sait."),
    ("Ask NASA and Okafor.", "Demandez à la NASA et à Okafor."),
    ("Two hundred people came.", "Deux cents personnes sont venues ; « bien » ."),
    ("Two hundred people came.", "Deux cents personnes sont venues."),
    ("The same source here.", "Une traduction."),
    ("The same source here.", "Une autre traduction."),
    ("Nothing to see", "Rien à voir"),
]


def _units() -> list[TranslationUnit]:
    en = (SAMPLE / "interview.en.txt").read_text(encoding="utf-8")
    fr = (SAMPLE / "interview.fr.txt").read_text(encoding="utf-8")
    units = list(align_pair(en, fr, RunSettings()).units)
    units += [TranslationUnit(s, t, f"c{k}", 0.9, "1-1") for k, (s, t) in enumerate(CRAFTED)]
    # Units of two sentences: their texts are not sentences, so nothing is known ahead for them.
    units += [TranslationUnit(a.source + " " + b.source, a.target + " " + b.target, f"j{k}", 0.8, "2-2")
              for k, (a, b) in enumerate(zip(units[::2], units[1::2], strict=False))]
    return units


@pytest.mark.parametrize("split", [False, True])
def test_the_report_is_the_same_with_answers_found_ahead(split):
    units = _units()
    sources = [u.source for u in units if u.bead == "1-1" or not split]
    targets = [u.target for u in units if u.bead == "1-1" or not split]
    facts = facts_of(sources, targets, "en", "fr")
    alone = check_document(units)
    ahead = check_document(units, facts=facts)
    assert ahead.findings == alone.findings and ahead.terms == alone.terms
    assert {f.check for f in alone.findings} >= {"number_changed", "repeated_word", "name_not_kept",
                                                "source_inconsistent"}


def test_every_check_gives_the_same_hits_with_the_answers():
    units = _units()
    facts = facts_of([u.source for u in units], [u.target for u in units], "en", "fr")
    plain, ahead = build_context(units, (), "en", "fr"), build_context(units, (), "en", "fr", facts=facts)
    assert ahead.facts is facts
    for c in CHECKS.values():
        assert list(c.run(ahead)) == list(c.run(plain)), c.id


def test_the_answers_are_read():
    """A wrong answer stands in for the check's own work: so the check used it."""
    units = [TranslationUnit(s, t, f"c{k}", 0.9, "1-1") for k, (s, t) in enumerate(CRAFTED)]
    facts = facts_of([u.source for u in units], [u.target for u in units], "en", "fr")
    ctx = build_context(units, (), "en", "fr")
    assert list(CHECKS["number_changed"].run(ctx))
    assert list(CHECKS["repeated_word"].run(ctx))
    wrong = replace(facts, numbers=dict.fromkeys(facts.numbers, False), repeats=dict.fromkeys(facts.repeats, False))
    told = build_context(units, (), "en", "fr", facts=wrong)
    assert not list(CHECKS["number_changed"].run(told)) and not list(CHECKS["repeated_word"].run(told))


def test_answers_for_other_languages_are_not_used():
    units = [TranslationUnit(s, t, f"c{k}", 0.9, "1-1") for k, (s, t) in enumerate(CRAFTED)]
    facts = facts_of([u.source for u in units], [u.target for u in units], "de", "fr")
    assert build_context(units, (), "en", "fr", facts=facts).facts is None


from hypothesis import given  # noqa: E402
from hypothesis import settings as hyp_settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from align.terms.ahead import with_joined  # noqa: E402
from align.terms.checks_segments import _key  # noqa: E402

_TEXT = st.text(st.sampled_from("aAéÉeΣσςßİı’'- .,\u0301\u00a0\u202f1x\U0001d400"), max_size=12)


@hyp_settings(max_examples=300, deadline=None)
@given(st.lists(_TEXT, min_size=2, max_size=4))
def test_a_joined_texts_key_is_its_sentences_keys_joined(parts):
    facts = facts_of(parts, parts[::-1], "en", "fr")
    joined = " ".join(parts)
    joins = {(joined, "en"): tuple(map(len, parts)), (joined, "fr"): tuple(map(len, parts))}
    made = with_joined(facts, joins)
    assert made.source_keys[joined] == _key(joined) == made.target_keys[joined]
    assert made.source_keys.keys() >= facts.source_keys.keys()


def test_joined_keys_change_no_report():
    units = _units()
    singles = [u for u in units if not u.tuid.startswith("j")]
    facts = facts_of([u.source for u in singles], [u.target for u in singles], "en", "fr")
    joins = {}
    for a, b in zip(singles[::2], singles[1::2], strict=False):  # how _units made the joined ones
        joins[a.source + " " + b.source, "en"] = (len(a.source), len(b.source))
        joins[a.target + " " + b.target, "fr"] = (len(a.target), len(b.target))
    made = with_joined(facts, joins)
    assert len(made.source_keys) > len(facts.source_keys)  # keys were made for joined units
    assert check_document(units, facts=made) == check_document(units)


@pytest.mark.parametrize("first", ["align.terms.ahead", "align.terms.checks_typo", "align.terms.checks"])
def test_the_registry_order_does_not_depend_on_what_is_imported_first(first):
    """Findings and reports list checks in the registry's order: the modules' order, then
    each module's own, even when a module of checks is imported before the others."""
    import subprocess
    import sys

    code = f"import {first}, align.terms; from align.terms.registry import CHECKS; print(' '.join(CHECKS))"
    order = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    from align.terms.registry import MODULES
    assert order == list(CHECKS)
    ranks = [MODULES.index(CHECKS[c].run.__module__.rsplit(".", 1)[-1]) for c in order]
    assert ranks == sorted(ranks)
