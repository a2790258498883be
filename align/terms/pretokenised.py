"""Sentences tokenised ahead, by a helper process, while this one aligns them.

The term stage tokenises every unit (``build_context``), and a unit is one sentence, or
several joined: on a long document that is a tenth of ``align run``. The sentences are
known before the aligner starts, and the aligner leaves the second core idle, so a helper
process (``align.runtime``) tokenises each distinct sentence meanwhile, keeps the tokens
for its own term discovery, and sends them back as columns (five tuples per sentence:
pickling a million named tuples one by one took longer than tokenising them). A unit
whose text is one sentence then takes that sentence's tokens; a unit of several sentences
is tokenised as before. ``tokenize`` depends on the text and language alone, so the
tokens are those the unit would have had.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from align.terms.text import Token, tokenize

Columns = tuple[tuple[int, ...], tuple[int, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]
Known = Mapping[tuple[str, str], tuple[Token, ...]]

# The helper process's own copy of what it tokenised for the job it serves (one helper per
# job, ended with it): read by its term discovery (``align.terms.checks.discover_texts``).
# A memo of a pure function: a miss only means tokenising again.
_KEPT: dict[tuple[str, str], tuple[Token, ...]] = {}


def tokenise_sentences(sources: Sequence[str], targets: Sequence[str], source_lang: str,
                       target_lang: str) -> dict[tuple[str, str], Columns]:
    """Each distinct sentence tokenised (a helper's task): kept here, and returned as columns."""
    _KEPT.clear()
    out: dict[tuple[str, str], Columns] = {}
    for texts, lang in ((sources, source_lang), (targets, target_lang)):
        for text in dict.fromkeys(texts):
            tokens = tokenize(text, lang)
            _KEPT[text, lang] = tokens
            out[text, lang] = to_columns(tokens)
    return out


def kept() -> Known:
    """What this process tokenised ahead (empty outside a helper, or if it was restarted)."""
    return _KEPT


def to_columns(tokens: Sequence[Token]) -> Columns:
    return (tuple(t.start for t in tokens), tuple(t.end for t in tokens), tuple(t.raw for t in tokens),
            tuple(t.form for t in tokens), tuple(t.stem for t in tokens))


def from_columns(columns: Mapping[tuple[str, str], Columns]) -> dict[tuple[str, str], tuple[Token, ...]]:
    """The tokens again, as ``tokenize`` builds them (``tuple.__new__``, as its fast path does)."""
    new = tuple.__new__
    return {key: tuple(new(Token, t) for t in zip(*cols, strict=True)) for key, cols in columns.items()}
