import pytest

from align.errors import DataError
from align.formats.links import format_links, parse_links
from align.model import Bead


def test_round_trip():
    beads = [Bead((0,), (0, 1)), Bead((1, 2), ()), Bead((), (2,))]
    text = format_links(beads)
    assert text == "[0]:[0, 1]\n[1, 2]:[]\n[]:[2]\n"
    assert [(b.src, b.tgt) for b in parse_links(text)] == [(b.src, b.tgt) for b in beads]


def test_vecalign_score_column_is_kept():
    assert parse_links("[0]:[0]:0.125\n")[0].score == 0.125


def test_bad_line_names_the_line():
    with pytest.raises(DataError, match=r"x\.links:2: not a link line"):
        parse_links("[0]:[0]\n0-0\n", "x.links")
