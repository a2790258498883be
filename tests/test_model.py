import pytest

from align.errors import DataError
from align.model import Alignment, Bead, Rendering, TermStats


def test_alignment_accepts_a_full_cover():
    a = Alignment((Bead((0,), (0, 1)), Bead((1,), ()), Bead((), (2,))), 2, 3)
    assert [b.kind for b in a.beads] == ["1-2", "1-0", "0-1"]
    assert a.pairs == (Bead((0,), (0, 1)),)


def test_alignment_rejects_a_sentence_used_twice():
    with pytest.raises(DataError, match="target sentence 0 2 times"):
        Alignment((Bead((0,), (0,)), Bead((1,), (0,))), 2, 1)


def test_alignment_rejects_a_lost_sentence():
    with pytest.raises(DataError, match="source sentence 1 0 times"):
        Alignment((Bead((0,), (0,)),), 2, 1)


def test_alignment_rejects_out_of_range_index():
    with pytest.raises(DataError, match="only 1"):
        Alignment((Bead((0,), (0,)), Bead((), (1,))), 1, 1)


def test_term_scores_from_counts():
    t = TermStats("startup", 4, (Rendering("start-up", 3), Rendering("jeune pousse", 1)), "start-up",
                  compliant=3)
    assert t.majority_share == 0.75
    assert t.consistency == pytest.approx(0.75**2 + 0.25**2)
    assert t.compliance == 0.75
