"""What ``align run`` gives its helper process, and what it does itself meanwhile.

The target is the larger task (every sentence's language is decided), so it is segmented
where its Document is needed; the source goes to the helper to be cut into sentences
(their sample of languages is decided here, where the detector is loaded), unless the
helper has not even started by the time the target is done (a short text), when it is
done here too.
The helper then aligns while this process tokenises the sentences for the term stage
and sends the tokens on. Lingua's models load in a background thread as a job starts
(``langid.warm_up``).
"""

from __future__ import annotations

import functools
import threading
import time
from concurrent.futures import Future
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from align.aligner import align_texts, analyse_ahead
from align.config import RunSettings
from align.errors import DataError
from align.langcodes import candidates
from align.pipeline import _aligned, _segmented, cut_document, cut_for_alignment, labelled, segment_document
from align.segment import langid
from align.terms import pretokenised

SAMPLE = Path(__file__).resolve().parents[1] / "parallel"
EN = (SAMPLE / "interview.en.txt").read_text(encoding="utf-8")
FR = (SAMPLE / "interview.fr.txt").read_text(encoding="utf-8")


class _Recording:
    """An executor that runs nothing: it records what it was sent and answers as told."""

    def __init__(self, started: bool, answer: object = None) -> None:
        self.sent: list[tuple] = []
        self.warmed: Future = Future()
        if started:
            self.warmed.set_result(None)
        self.answer = answer

    def submit(self, fn, *args):
        self.sent.append((fn, args))
        future: Future = Future()
        if isinstance(self.answer, BaseException):
            future.set_exception(self.answer)
        elif self.answer is not None:
            future.set_result(self.answer)
        return future


def _alone() -> tuple:
    return _segmented(EN, FR, RunSettings(), None, None)


def test_a_started_helper_segments_the_source():
    marker = cut_document("Un texte à part. Ein zweiter Satz.", "en", "source")
    helper = _Recording(started=True, answer=marker)
    source, target = _segmented(EN, FR, RunSettings(), None, helper)
    assert source.texts == marker.texts  # the helper's sentences, not ones made here
    assert source == labelled(marker, candidates("en", "fr"), RunSettings().checks.source_language_sample)
    assert helper.sent[0][0] is cut_for_alignment and helper.sent[0][1][2] == "source"
    assert helper.sent[1][0] is analyse_ahead and helper.sent[1][1][0] == target.texts  # analysed there
    assert target == _alone()[1]


def test_sentences_analysed_ahead_give_the_same_alignment(monkeypatch):
    """The helper analyses the sentences for its next alignment while it waits: the
    alignment reads them (a wrong analysis changes it) and is the one made without them."""
    from align import aligner

    source, target, kept_s, kept_t = _documents()
    src = [source.sentences[i].text for i in kept_s]
    tgt = [target.sentences[j].text for j in kept_t]
    alone = align_texts(src, tgt)
    assert analyse_ahead(src) == len(set(src)) and analyse_ahead(tgt) == len(set(src) | set(tgt))
    assert align_texts(src, tgt) == alone
    assert aligner._AHEAD == {}  # given for one alignment only
    analyse_ahead(tgt)
    monkeypatch.setitem(aligner._AHEAD, tgt[0], ([], []))  # a target sentence with no words or features
    assert align_texts(src, tgt) != alone or len(tgt) == 1
    doc = cut_for_alignment(EN, "en", "source")
    assert doc == cut_document(EN, "en", "source") and set(aligner._AHEAD) == set(doc.texts)
    aligner._AHEAD.clear()


@pytest.mark.parametrize("sample", [0, 1, 3, 2000])
def test_cut_then_labelled_is_segment_document(sample):
    among = candidates("en", "fr")
    assert labelled(cut_document(EN, "en", "source"), among, sample) == \
        segment_document(EN, "en", "source", detect_among=among, sample=sample)
    assert all(s.lang == "" for s in cut_document(EN, "en").sentences)


def test_a_helper_not_started_yet_leaves_the_source_here():
    marker = segment_document("Un texte à part.", "en", "source")
    helper = _Recording(started=False)  # its answer would never come
    source, target = _segmented(EN, FR, RunSettings(), None, helper)
    assert (source, target) == _alone() and source != marker


def test_a_finished_answer_is_taken_even_before_the_helper_says_it_started():
    marker = cut_document("Un texte à part.", "en", "source")
    helper = _Recording(started=False, answer=marker)
    assert _segmented(EN, FR, RunSettings(), None, helper)[0].texts == marker.texts


def test_when_both_texts_are_refused_the_source_error_comes_first():
    with pytest.raises(DataError) as alone:
        _segmented("  \n", "\n ", RunSettings(), None, None)
    helper = _Recording(started=True, answer=DataError("source: no sentence found"))
    with pytest.raises(DataError) as helped:
        _segmented("  \n", "\n ", RunSettings(), None, helper)
    assert "source" in alone.value.one_line() and helped.value.one_line() == alone.value.one_line()


def test_warm_up_loads_the_models_once_and_detection_waits_for_it(monkeypatch):
    built: list[tuple[str, ...]] = []
    release = threading.Event()

    class Slow:
        def detect_languages_in_parallel_of(self, texts):
            release.wait(5)
            return [None for _ in texts]

    @functools.cache
    def build(candidates):
        built.append(candidates)
        return Slow()

    monkeypatch.setattr(langid, "_WARMING", {})
    monkeypatch.setattr(langid, "_detector", build)
    langid.warm_up(("en", "xx"))
    langid.warm_up(("en", "xx"))  # once per language set
    waiting = threading.Thread(target=langid._lingua, args=(("en", "xx"),))
    waiting.start()
    time.sleep(0.2)
    assert waiting.is_alive()  # the detector is asked for while its models still load
    release.set()
    waiting.join(5)
    assert not waiting.is_alive() and built == [("en", "xx")]  # built by the warm-up, then reused


def test_warm_up_changes_no_decision():
    texts = ["Le chat dort sur le tapis.", "Focus beats funding.", "Okafor", "2019"]
    before = langid.detect_many(texts, prior="fr")
    langid.warm_up(("en", "fr"))
    assert langid.detect_many(texts, prior="fr") == before


class _Inline(_Recording):
    """A started helper that runs what it is sent, here, at once (or dies on it: ``dies``)."""

    def __init__(self, dies: bool = False) -> None:
        super().__init__(started=True)
        self.dies = dies

    def submit(self, fn, *args):
        from concurrent.futures.process import BrokenProcessPool

        self.sent.append((fn, args))
        future: Future = Future()
        if self.dies:
            future.set_exception(BrokenProcessPool("the helper died"))
        else:
            future.set_result(fn(*args))
        return future


def _documents():
    source, target = _alone()
    return source, target, list(range(len(source.sentences))), list(range(len(target.sentences)))


def test_the_helper_aligns_while_this_process_tokenises():
    source, target, kept_s, kept_t = _documents()
    config = RunSettings().align
    here, none, no_facts = _aligned(source, target, kept_s, kept_t, config, None)
    helper = _Inline()
    there, known, facts = _aligned(source, target, kept_s, kept_t, config, helper)
    assert none is None and no_facts is None and there == here
    assert facts is not None and set(facts.source_keys) == set(source.texts)  # answered meanwhile
    assert [fn for fn, _ in helper.sent] == [align_texts, pretokenised.keep]
    assert known == pretokenised.tokenise_sentences([s.text for s in source.sentences],
                                                    [s.text for s in target.sentences], "en", "fr")
    assert pretokenised.kept() == known  # what the helper keeps for its term discovery


def test_a_helper_not_started_does_not_align():
    source, target, kept_s, kept_t = _documents()
    helper = _Recording(started=False)
    alignment, known, facts = _aligned(source, target, kept_s, kept_t, RunSettings().align, helper)
    assert helper.sent == [] and known is None and facts is None
    assert alignment == _aligned(source, target, kept_s, kept_t, RunSettings().align, None)[0]


def test_a_helper_that_dies_while_aligning_changes_nothing():
    source, target, kept_s, kept_t = _documents()
    alignment, known, _ = _aligned(source, target, kept_s, kept_t, RunSettings().align, _Inline(dies=True))
    assert alignment == _aligned(source, target, kept_s, kept_t, RunSettings().align, None)[0]
    assert known  # the tokens made meanwhile are still used here


_BITS = [*"ab1_ '’ʼ`´-\u00a0\t\néÉß", "l'", "aujourd'hui", " l'", "qu’", "1 000"]
_PIECES = st.lists(st.sampled_from(_BITS), max_size=8).map("".join) | st.text(max_size=12)


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, min_size=1, max_size=5), st.sampled_from(["en", "fr"]))
def test_a_joined_texts_tokens_are_its_parts_tokens_shifted(texts, lang):
    from align.terms.text import tokenize

    parts = [tokenize(t, lang) for t in texts]
    assert pretokenised.joined(parts, [len(t) for t in texts]) == tokenize(" ".join(texts), lang)


def test_units_of_several_sentences_get_their_tokens_from_the_sentences():
    from align.pipeline import _joins, _units
    from align.terms.text import tokenize

    source, target = _alone()
    alignment = align_texts([s.text for s in source.sentences], [s.text for s in target.sentences],
                            [s.block for s in source.sentences])
    units, beads, _ = _units(source, target, alignment, {}, {}, RunSettings().align, "")
    known = pretokenised.tokenise_sentences([s.text for s in source.sentences], [s.text for s in target.sentences],
                                            "en", "fr")
    extended = pretokenised.with_joined(known, _joins(units, beads, source, target))
    several = [(u.source, "en") for u, b in zip(units, beads, strict=True) if len(b.src) > 1]
    several += [(u.target, "fr") for u, b in zip(units, beads, strict=True) if len(b.tgt) > 1]
    assert several  # the sample has units of several sentences
    assert all(extended[key] == tokenize(*key) for key in several)
    assert all(extended[key] == tokens for key, tokens in known.items())
    # Sentences not known: the joined texts are left to be tokenised.
    assert pretokenised.with_joined({}, _joins(units, beads, source, target)) == {}
