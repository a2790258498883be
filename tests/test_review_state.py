"""The review core: edits as values over frozen data, conservation after each, replay by text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as hs

from align.model import SOURCE, TARGET
from align.review import log
from align.review import state as st
from align.review.source import RunData, RunUnit

SRC = tuple(f"Source sentence {i}." for i in range(8))
TGT = tuple(f"Phrase cible {j}." for j in range(9))


def small_run(findings=()) -> RunData:
    """Units 0-0, 1+2 - 1, 3-2+3, 5-5; source 4 and 6,7 and target 4, 6, 7, 8 unaligned."""
    units = (RunUnit((0,), (0,), 0.9, "b0001"), RunUnit((1, 2), (1,), 0.4, "b0002"),
             RunUnit((3,), (2, 3), 0.7, "b0003"), RunUnit((5,), (5,), 0.95, "b0004"),
             RunUnit((6,), (6,), 0.5, "b0005"))
    reasons = (((SOURCE, 4), "no counterpart found"), ((SOURCE, 7), "no counterpart found"),
               ((TARGET, 4), "no counterpart found"), ((TARGET, 7), "no counterpart found"),
               ((TARGET, 8), "untranslated: en text in the fr file"))
    return RunData(SRC, TGT, units, reasons, tuple(findings))


def kinds(review: st.Review) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(r.src, r.tgt) for r in review.rows]


def test_initial_order_follows_the_translation_and_puts_omissions_in_place():
    review = st.initial_review(small_run())
    assert kinds(review) == [((0,), (0,)), ((1, 2), (1,)), ((3,), (2, 3)), ((4,), ()), ((), (4,)),
                             ((5,), (5,)), ((6,), (6,)), ((7,), ()), ((), (7,)), ((), (8,))]


def test_merge_next_and_prev():
    review = st.initial_review(small_run())
    merged = st.apply(review, st.Merge(st.At(TARGET, 0), st.NEXT))
    assert kinds(merged)[0] == ((0, 1, 2), (0, 1)) and merged.rows[0].status == st.CORRECTED
    back = st.apply(review, st.Merge(st.At(SOURCE, 3), st.PREV))
    assert kinds(back)[1] == ((1, 2, 3), (1, 2, 3))


def test_merging_an_unaligned_sentence_into_a_unit_attaches_it():
    review = st.initial_review(small_run())
    out = st.apply(review, st.Merge(st.At(SOURCE, 3), st.NEXT))  # unit 3-(2,3) with omitted source 4
    assert kinds(out)[2] == ((3, 4), (2, 3))


def test_split_a_two_sentence_side():
    review = st.initial_review(small_run())
    out = st.apply(review, st.Split(st.At(SOURCE, 1), 2, None))
    assert kinds(out)[1:3] == [((1,), (1,)), ((2,), ())]
    out2 = st.apply(review, st.Split(st.At(SOURCE, 3), None, 3))
    assert kinds(out2)[2:4] == [((3,), (2,)), ((), (3,))]
    assert out2.rows[3].reason == st.REASON_UNLINKED


def test_split_refuses_a_cut_at_the_first_sentence():
    review = st.initial_review(small_run())
    with pytest.raises(st.EditError, match="after its first"):
        st.apply(review, st.Split(st.At(SOURCE, 1), 1, None))


def test_move_boundary_sentence_to_neighbour():
    review = st.initial_review(small_run())
    out = st.apply(review, st.Move(st.At(SOURCE, 2), st.NEXT))
    assert kinds(out)[1:3] == [((1,), (1,)), ((2, 3), (2, 3))]
    out = st.apply(review, st.Move(st.At(TARGET, 2), st.PREV))
    assert kinds(out)[1:3] == [((1, 2), (1, 2)), ((3,), (3,))]
    with pytest.raises(st.EditError, match="only the last"):
        st.apply(review, st.Move(st.At(SOURCE, 1), st.NEXT))


def test_moving_the_only_sentence_leaves_the_partner_unaligned():
    review = st.initial_review(small_run())
    out = st.apply(review, st.Move(st.At(SOURCE, 0), st.NEXT))
    assert ((), (0,)) in kinds(out) and ((0, 1, 2), (1,)) in kinds(out)


def test_unlink_then_link_and_mark_intentional():
    review = st.initial_review(small_run())
    out = st.apply(review, st.Unlink(st.At(TARGET, 5)))
    assert ((5,), ()) in kinds(out) and ((), (5,)) in kinds(out)
    out = st.apply(out, st.Link(4, 4))
    assert ((4,), (4,)) in kinds(out)
    out = st.apply(out, st.MarkIntentional(st.At(TARGET, 8)))
    assert out.rows[-1].intentional
    with pytest.raises(st.EditError, match="outside every unit"):
        st.apply(out, st.Link(0, 7))
    with pytest.raises(st.EditError):
        st.apply(out, st.MarkIntentional(st.At(TARGET, 0)))


def test_same_side_merge_is_refused():
    review = st.initial_review(small_run())
    with pytest.raises(st.EditError, match="same side"):
        st.apply(review, st.Merge(st.At(TARGET, 7), st.NEXT))


def test_conservation_is_checked_on_construction():
    with pytest.raises(Exception, match="not exactly one"):
        st.Review(SRC[:1], TGT[:1], (st.Row((0,), (0,)), st.Row((0,), ())))


EDITS = hs.one_of(
    hs.builds(st.Merge, hs.builds(st.At, hs.sampled_from([SOURCE, TARGET]), hs.integers(0, 7)),
              hs.sampled_from([st.PREV, st.NEXT])),
    hs.builds(st.Move, hs.builds(st.At, hs.sampled_from([SOURCE, TARGET]), hs.integers(0, 7)),
              hs.sampled_from([st.PREV, st.NEXT])),
    hs.builds(st.Unlink, hs.builds(st.At, hs.sampled_from([SOURCE, TARGET]), hs.integers(0, 7))),
    hs.builds(st.Split, hs.builds(st.At, hs.sampled_from([SOURCE, TARGET]), hs.integers(0, 7)),
              hs.none() | hs.integers(0, 7), hs.none() | hs.integers(0, 8)),
    hs.builds(st.Link, hs.integers(0, 7), hs.integers(0, 8)),
)


@settings(max_examples=150, deadline=None)
@given(hs.lists(EDITS, max_size=12))
def test_any_sequence_of_edits_conserves_every_sentence_and_replays_by_text(edits):
    run = small_run()
    review = st.initial_review(run)
    texts = log.Texts(run.source, run.target)
    done = []
    for edit in edits:
        try:
            review = st.apply(review, edit)
        except st.EditError:
            continue
        done.append(log.dump_action(edit, texts))
    st.check_conservation(review)
    again = log.replay(run, done)
    assert again.review == review and not again.stale


def test_replay_on_edited_inputs_keeps_what_applies_and_lists_the_rest():
    run = small_run()
    texts = log.Texts(run.source, run.target)
    entries = [log.dump_action(st.Merge(st.At(TARGET, 0), st.NEXT), texts),
               log.dump_action(st.Unlink(st.At(TARGET, 5)), texts)]
    # the rerun: a sentence inserted at the start of both sides, target 5 reworded
    src = ("A new opening.", *SRC)
    tgt = ("Une nouvelle ouverture.", *TGT[:5], "Phrase cible cinq, revue.", *TGT[6:])
    shifted = (RunUnit(tuple(i + 1 for i in u.src), tuple(j + 1 for j in u.tgt), u.score, u.tuid) for u in run.units)
    units = (*shifted, RunUnit((0,), (0,), 0.8, "b0000"))
    reasons = tuple(((side, i + 1), why) for (side, i), why in run.reasons)
    rerun = RunData(src, tgt, units, reasons)
    out = log.replay(rerun, entries)
    assert ((1, 2, 3), (1, 2)) in kinds(out.review)
    assert len(out.stale) == 1 and "no longer in the text" in out.stale[0][1]
    assert out.stale[0][0] == entries[1]


def test_verdicts_fold_last_wins_and_clear():
    acts = [log.Verdict(("a", "b"), log.REJECTED, "false alarm"), log.Verdict(("a",), log.ACCEPTED),
            log.Verdict(("b",), "")]
    assert log.fold_verdicts(acts) == {"a": (log.ACCEPTED, "")}


def test_load_action_refuses_bad_values_in_words():
    texts = log.Texts(SRC, TGT)
    for bad, words in [({"kind": "merge", "at": {"side": "target", "index": 0}, "direction": "up"}, "direction"),
                       ({"kind": "nope"}, "unknown decision"), ([], "JSON object"),
                       ({"kind": "verdict", "ids": [], "verdict": "rejected"}, "ids"),
                       ({"kind": "confirm", "at": {"side": "target", "index": 99}}, "no target sentence")]:
        with pytest.raises(log.DataError, match=words):
            log.load_action(bad, texts)
