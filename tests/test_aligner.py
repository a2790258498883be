"""The alignment engine: conservation, scores, fragments (shuffled, missing, inserted), scale."""

import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from align.aligner import align_texts, dp
from align.aligner.costs import MOVES
from align.aligner.search import project
from align.config import AlignConfig
from align.segment import segment_text


def _sections(path, lang):
    """Sentences grouped by blank-line section (same layout in full.en and fr)."""
    sents = segment_text(path.read_text(encoding="utf-8"), lang)
    groups: dict[int, list[str]] = {}
    for s in sents:
        groups.setdefault(s.block, []).append(s.text)
    return [groups[k] for k in sorted(groups)]


@pytest.fixture(scope="module")
def sections():
    from tests.conftest import PARALLEL

    return _sections(PARALLEL / "interview.full.en.txt", "en"), _sections(PARALLEL / "interview.fr.txt", "fr")


def _section_of(fr_sections):
    return [k for k, sec in enumerate(fr_sections) for _ in sec]


def _check(en_secs, fr_secs, order, extra=()):
    """Align the chosen EN sections (in ``order``) with the whole FR text (+ inserted lines)."""
    src, blocks = [], []
    for b, k in enumerate(order):
        src += en_secs[k]
        blocks += [b] * len(en_secs[k])
    tgt = [s for sec in fr_secs for s in sec] + list(extra)
    where = _section_of(fr_secs) + [-1] * len(extra)
    a = align_texts(src, tgt, blocks, AlignConfig())
    pairs = a.pairs
    right = sum(all(where[j] == order[blocks[b.src[0]]] for j in b.tgt) for b in pairs)
    claimed = {j for b in pairs for j in b.tgt}
    return a, right / len(pairs), claimed, where


def test_every_sentence_once_and_scores_in_unit_interval():
    src = ["One 1.", "Two 2?", "Three 3!", "Four."]
    tgt = ["Un 1.", "Deux 2 ?", "Trois 3 !", "Quatre.", "Cinq."]
    a = align_texts(src, tgt, None, AlignConfig())
    assert sorted(i for b in a.beads for i in b.src) == list(range(4))
    assert sorted(j for b in a.beads for j in b.tgt) == list(range(5))
    assert all(0.0 <= b.score <= 1.0 for b in a.beads)
    assert next(b for b in a.pairs if b.src == (1,)).tgt == (1,)


def test_empty_sides():
    assert align_texts([], ["a"], None).beads[0].tgt == (0,)
    assert align_texts(["a"], [], None).beads[0].src == (0,)


def test_shuffled_fragments_land_in_their_sections(sections):
    en, fr = sections
    order = [8, 1, 5, 3]
    _, accuracy, claimed, where = _check(en, fr, order)
    assert accuracy >= 0.9
    outside = [j for j in claimed if where[j] not in order]
    assert len(outside) <= 1  # target outside every fragment stays unaligned


def test_missing_passages_leave_their_target_unaligned(sections):
    en, fr = sections
    order = [6, 2]
    a, accuracy, claimed, where = _check(en, fr, order)
    assert accuracy >= 0.9
    assert sum(1 for j in claimed if where[j] not in order) <= 1
    assert len(a.beads) >= len(fr[0])  # the rest are 0-1 beads


def test_insertions_are_not_forced_into_beads(sections):
    en, fr = sections
    rng = random.Random(7)
    extra = [f"Phrase ajoutée numéro {k} sans équivalent anglais." for k in range(5)]
    tgt_sections = [list(sec) for sec in fr]
    for line in extra:
        sec = tgt_sections[rng.randrange(len(tgt_sections))]
        sec.insert(rng.randrange(len(sec) + 1), line)
    order = list(range(len(en)))
    src = [s for k in order for s in en[k]]
    tgt = [s for sec in tgt_sections for s in sec]
    a = align_texts(src, tgt, [k for k in order for _ in en[k]], AlignConfig())
    inserted = {j for j, s in enumerate(tgt) if s in extra}
    # measured: 2 of 5 paired with this seed (2-4 over seeds 0-5): an insertion beside an
    # untranslated source sentence is paired 1-1 with it (docs/alignment.md, limits)
    assert sum(1 for b in a.pairs for j in b.tgt if j in inserted) <= 2


def test_long_document_uses_a_band_not_the_full_matrix():
    rng = np.random.default_rng(0)
    n = 3000
    src = [f"Item {k} {rng.integers(1e6)} costs {k * 7} euros." for k in range(n)]
    tgt = [s.replace("costs", "coûte") for s in src]
    a = align_texts(src, tgt, None, AlignConfig(bootstrap=False))
    assert sum(1 for b in a.pairs if b.src == b.tgt and len(b.src) == 1) >= 0.99 * n


def test_projected_band_is_monotone_and_covers_corners():
    band = project([(0, 1, 0, 1), (1, 2, 1, 3), (2, 3, 3, 3)], 8, 20, 24, margin=4)
    assert band.lo[0] == 0 and band.hi[-1] == 25
    assert np.all(np.diff(band.lo) >= 0) and np.all(np.diff(band.hi) >= 0)
    assert band.cells < 21 * 25


def test_full_band_dp_finds_the_diagonal():
    band = dp.full_band(3, 3)

    def costs(i0, i1):
        w = band.hi[i0:i1] - band.lo[i0:i1]
        jj = np.concatenate([np.arange(band.lo[i], band.hi[i]) for i in range(i0, i1)])
        ii = np.repeat(np.arange(i0, i1), w)
        diag = np.where(ii == jj, 0.0, 5.0)
        return [diag] + [np.full(len(ii), 9.0)] * (len(MOVES) - 3) + [3.0, (3.0, 3.0)]

    gaps = dp.Gaps.constant(3, 3.0, 0.0)
    _d_rows, back = dp.run(band, costs, gaps, gaps)
    assert dp.traceback(band, back, 3) == [(0, 1, 0, 1), (1, 2, 1, 2), (2, 3, 2, 3)]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(alphabet="ab 1?.", min_size=0, max_size=12), max_size=9),
       st.lists(st.text(alphabet="ab 1?.", min_size=0, max_size=12), max_size=9),
       st.lists(st.integers(0, 2), max_size=9))
def test_any_input_is_covered_once(src, tgt, blocks):
    ids = (blocks + [0] * len(src))[:len(src)]
    a = align_texts(src, tgt, ids, AlignConfig())  # Alignment checks conservation itself
    assert all(0.0 <= b.score <= 1.0 for b in a.beads)


def test_min_score_sends_doubtful_beads_to_unaligned(parallel):
    from align.pipeline import REASON_LOW_SCORE, run_pair

    en, fr = (parallel / "interview.en.txt").read_text(), (parallel / "interview.fr.txt").read_text()
    strict = run_pair(en, fr, config=AlignConfig(min_score=0.9))
    loose = run_pair(en, fr, config=AlignConfig())
    assert 0 < len(strict.units) < len(loose.units)
    assert all(u.score >= 0.9 for u in strict.units)
    reason = REASON_LOW_SCORE.split("{")[0]
    assert any(u.reason.startswith(reason) for u in strict.unaligned)


def test_a_complete_text_in_blank_line_passages_aligns_in_order(shared):
    """Paragraphs of a whole book separated by blank lines are not out-of-order fragments.

    Located one by one, 150 short passages of Candide land almost anywhere (strict F1 0.03
    before the in-order reading was compared); aligned in order they score as the plain text.
    """
    from align import evaluate as ev
    from align.formats.links import parse_links

    folder = shared / "gold" / "transread-en-fr"
    src = (folder / "Candide.en-fr.en").read_text().splitlines()
    tgt = (folder / "Candide.en-fr.fr").read_text().splitlines()
    gold = parse_links((folder / "Candide.en-fr.gold").read_text())
    plain = ev.scores(ev.count(gold, list(align_texts(src, tgt, None).beads))).strict_f1
    passages = ev.scores(ev.count(gold, list(align_texts(src, tgt, [i // 10 for i in range(len(src))]).beads)))
    assert passages.strict_f1 >= plain - 0.01 and plain > 0.85


HEADING = "Un mot du traducteur"  # a heading only the translation has


@pytest.mark.parametrize(("order", "pos", "untranslated"), [
    ([3, 5, 8], 0, None),  # at the start of a fragment's target section
    ([3, 5, 8], -1, None),  # at its end
    ([3], 2, None),  # inside a fragment (it once took the section heading's place at 0.95)
    ([3, 5, 8], 2, None),
    ([3], 2, "This sentence was never translated into French at all."),  # beside an untranslated one
    ([3, 5, 8], 0, "Nobody translated this line."),
])
def test_a_target_only_heading_does_not_take_a_neighbours_place(sections, order, pos, untranslated):
    """A heading the translator added stays 0-1, or its unit scores low (never ≥ 0.9)."""
    en, fr = sections
    k = order[0]
    src, blocks = [], []
    for b, kk in enumerate(order):
        sec = list(en[kk])
        if untranslated and kk == k:
            sec.insert(pos, untranslated)
        src += sec
        blocks += [b] * len(sec)
    tgt = [s for sec in fr[:k] for s in sec]
    inserted = list(fr[k])
    inserted.insert(pos if pos >= 0 else len(inserted), HEADING)
    heading = len(tgt) + inserted.index(HEADING)
    tgt += inserted + [s for sec in fr[k + 1:] for s in sec]
    bead = next(b for b in align_texts(src, tgt, blocks, AlignConfig()).beads if heading in b.tgt)
    assert not bead.src or bead.score <= AlignConfig().no_evidence_cap
