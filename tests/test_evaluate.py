import pytest

from align import evaluate as ev
from align.formats.links import parse_links
from align.model import Bead

DATASETS = {
    "transread-en-fr": ("gold/transread-en-fr", "{}.en-fr.gold"),
    "textberg-de-fr": ("gold/textberg-de-fr", "{}.defr"),
    "parice-en-is": ("gold/parice-en-is/gold", "{}.txt"),
}
# The table in ../shared/README.md: (strict F1, lax F1).
EXPECTED = {
    ("hunalign", "transread-en-fr"): (0.769, 0.901), ("hunalign", "textberg-de-fr"): (0.751, 0.868),
    ("hunalign", "parice-en-is"): (0.750, 0.838), ("galechurch", "transread-en-fr"): (0.755, 0.897),
    ("galechurch", "textberg-de-fr"): (0.678, 0.797), ("galechurch", "parice-en-is"): (0.801, 0.886),
}


def test_strict_and_lax_on_a_small_case():
    gold = [Bead((0,), (0,)), Bead((1, 2), (1,)), Bead((), (2,))]
    pred = [Bead((0,), (0,)), Bead((1,), (1,)), Bead((2,), ()), Bead((), (2,))]
    c = ev.count(gold, pred)
    # precision judges 4 predicted beads (null ones too): [0]:[0] strict; [1]:[1] lax only;
    # [2]:[] wrong; []:[2] is in the gold, so strictly right.
    assert (c.strict_tp_p, c.lax_tp_p, c.n_pred) == (2, 3, 4)
    # recall judges the 2 non-null gold beads against the non-null prediction.
    assert (c.strict_tp_r, c.lax_tp_r, c.n_gold) == (1, 2, 2)


def test_counts_are_summed_before_dividing():
    a = ev.count([Bead((0,), (0,))], [Bead((0,), (0,))])
    b = ev.count([Bead((0,), (0,)), Bead((1,), (1,)), Bead((2,), (2,))], [Bead((0, 1, 2), (0, 1, 2))])
    s = ev.scores(a + b)
    assert s.strict_p == 0.5 and s.strict_r == 0.25


@pytest.mark.parametrize(("system", "dataset"), sorted(EXPECTED))
def test_reproduces_the_shared_baseline_table(shared, system, dataset):
    folder, pattern = DATASETS[dataset]
    pairs = []
    for pred in sorted((shared / "baselines" / system / dataset).glob("*.links")):
        gold = shared / folder / pattern.format(pred.stem)
        pairs.append((parse_links(gold.read_text()), parse_links(pred.read_text())))
    s = ev.scores(ev.corpus(pairs))
    assert (round(s.strict_f1, 3), round(s.lax_f1, 3)) == EXPECTED[system, dataset]


def test_text_links_ignore_segmentation():
    gold = {("A b.", "X."), ("C d.", "X."), ("E.", "Y.")}
    units = [("A b. C d.", "X."), ("E. Extra.", "Y.")]
    pred = ev.links_from_units(units, gold)
    assert ("A b.", "X.") in pred and ("C d.", "X.") in pred
    assert ("<other:Extra.>", "Y.") in pred
    p, r, _ = ev.link_scores(gold, pred)
    assert r == 1.0 and p == 0.75
