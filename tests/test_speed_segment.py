"""Speed, segmenting: the same sentences with one question asked once instead of twice.

Issue 15: ``missing_space_after_stop`` remembers the last line it answered (Punkt's view
asks, then the split rules ask again about the same line), and ``_line_sentences`` no longer
lets ``split_line`` test again what it has just tested (``_one_sentence``). The old rule and
the old ``split_line`` are kept here as oracles, compared on generated hostile lines and on
the sample corpus.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

import align.segment as seg
from align.segment import rules, segment_text
from align.segment.boundaries import apply_rules

PARALLEL = Path(__file__).resolve().parents[1] / "parallel"
PIECES = st.sampled_from(["world.Today", "1,000.That", "Jane.Doe@example.com", "Mr.", " Smith", ". ", "?", "!",
                          "A.B", "aB.Cd", "é.Éa", "ǅ.ǅa", "1.", "a)", "• ", "« ", " »", "\r\n", "\n", "\t", "…",
                          "x" * 250, ". . . . . . . . . . .", "Inc.", "etc.", "\u2028", "<&>", "好。", " "])
LINES = st.lists(PIECES, max_size=25).map("".join) | st.text(max_size=80)


def old_missing_space_after_stop(line: str):
    found = [m.start() for stop, pattern in rules._MISSING_SPACE if stop in line for m in pattern.finditer(line)]
    for i in sorted(found):
        if not rules._word_before(line, i) or line[i - 1].isupper():
            continue
        if line[i + 1].isupper() and line[i + 2].islower():
            yield i + 1


def old_split_line(line, lang, rule_set=None, decided=None):
    if seg._one_sentence(line):
        start, end = len(line) - len(line.lstrip()), len(line.rstrip())
        return [(start, end)] if end > start else []
    spans, prev = [], 0
    for p in [*apply_rules(line, seg.punkt_boundaries(line, lang, decided), rule_set), len(line)]:
        piece = line[prev:p]
        end = prev + len(piece.rstrip())
        if end > prev:
            spans.append((prev + len(piece) - len(piece.lstrip()), end))
        prev = p
    return spans


@settings(max_examples=500, deadline=None)
@given(LINES, LINES)
def test_missing_space_after_stop_is_the_old_rule_asked_in_any_order(a, b):
    for line in (a, b, a, a, b, a[:], "".join([a, ""]), b):
        assert list(rules.missing_space_after_stop(line)) == list(old_missing_space_after_stop(line))
    same = rules.missing_space_after_stop(a)
    assert list(same) == list(old_missing_space_after_stop(a)) and list(same) == []  # one pass, as a generator


@settings(max_examples=300, deadline=None)
@given(LINES, st.sampled_from(["en", "fr"]))
def test_split_line_is_the_old_one(line, lang):
    assert seg.split_line(line, lang) == old_split_line(line, lang)


def old_segment_text(text: str, lang: str):
    """``segment_text`` through the old ``split_line`` (chunk by chunk, the general path)."""
    from align.segment.boundaries import rules_for
    from align.segment.lines import chunks

    out, decided, rule_set = [], {}, rules_for(text)
    for chunk in chunks(text):
        line = text[chunk.start:chunk.end]
        for start, end in old_split_line(line, lang, rule_set, decided):
            out.append((text[chunk.start + start:chunk.start + end], chunk.start + start, chunk.start + end,
                        chunk.paragraph, chunk.block))
    return out


@settings(max_examples=200, deadline=None)
@given(st.lists(LINES, max_size=8).map("\n".join), st.sampled_from(["en", "fr"]))
def test_segment_text_is_the_old_one_on_hostile_text(text, lang):
    got = [(s.text, s.start, s.end, s.paragraph, s.block) for s in segment_text(text, lang)]
    assert got == old_segment_text(text, lang)


def test_segment_text_is_the_old_one_on_the_sample():
    for path in sorted(PARALLEL.glob("*.txt")):
        lang = path.name.split(".")[-2]
        text = path.read_text(encoding="utf-8")
        got = [(s.text, s.start, s.end, s.paragraph, s.block) for s in segment_text(text, lang)]
        assert got and got == old_segment_text(text, lang), path.name
