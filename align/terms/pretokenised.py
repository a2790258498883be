"""Sentences tokenised ahead, while the helper process aligns them.

The term stage tokenises every unit (``build_context``), and a unit is one sentence, or
several joined: on a long document that is a tenth of ``align run``. The sentences are
known before the aligner starts, so while the helper process (``align.runtime``) aligns
them, this one tokenises each distinct sentence (``tokenise_sentences``) and sends the
tokens on to the helper as columns (five flat lists for all of them: pickling four million
named tuples one by one took longer than tokenising them), where ``keep`` stores them for
the checks it runs. A unit whose text is one sentence then takes that sentence's tokens, in
both processes, and a unit of several sentences takes theirs, shifted (``with_joined``).
``tokenize`` depends on the text and language alone, so the tokens are those the unit
would have had.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import chain, repeat
from operator import itemgetter

from align.terms.context import TextFacts
from align.terms.text import Token, tokenize

# The tokens of many texts packed to cross processes: the texts' keys, their token counts,
# and each token field for all of them in a row (``as_columns``).
Packed = tuple[list[tuple[str, str]], list[int], list[list]]
Known = Mapping[tuple[str, str], tuple[Token, ...]]
# Texts made of several sentences joined by a space, by (text, language): the sentences' lengths.
Joins = Mapping[tuple[str, str], tuple[int, ...]]

# The helper process's copy of the tokens of the job it serves (one helper per job, ended
# with it): read when it builds the job's context again for term discovery and the checks
# it shares (``align.terms.checks._helper_context``). A memo of a pure function: a miss
# only means tokenising again.
_KEPT: dict[tuple[str, str], tuple[Token, ...]] = {}
_FACTS: list[TextFacts] = []


def tokenise_sentences(sources: Sequence[str], targets: Sequence[str], source_lang: str,
                       target_lang: str) -> dict[tuple[str, str], tuple[Token, ...]]:
    """Each distinct sentence tokenised, by (text, language)."""
    out: dict[tuple[str, str], tuple[Token, ...]] = {}
    for texts, lang in ((sources, source_lang), (targets, target_lang)):
        for text in dict.fromkeys(texts):
            out[text, lang] = tokenize(text, lang)
    return out


def as_columns(known: Known) -> Packed:
    """``known`` in the form that crosses processes quickly (``keep`` takes it back): the
    texts' keys, each one's number of tokens, and the five fields of all their tokens as
    five flat lists. Unpickled, that is five lists of plain values; one small tuple per
    text and field (as it was) took five times as long at 100,000 sentences."""
    keys = list(known)
    counts = [len(known[k]) for k in keys]
    tokens = list(chain.from_iterable(known[k] for k in keys))
    return keys, counts, [list(map(itemgetter(i), tokens)) for i in range(len(Token._fields))]


def keep(columns: Packed, facts: TextFacts | None = None) -> int:
    """The helper's task: store tokens made by the job's process, and the answers it found
    ahead for the same sentences (``align.terms.ahead``: sent in the same message, their
    texts cost nothing more to send); returns how many texts."""
    _KEPT.clear()
    _KEPT.update(from_columns(columns))
    _FACTS.clear()
    if facts is not None:
        _FACTS.append(facts)
    return len(_KEPT)


def kept() -> Known:
    """What this process was given to keep (empty outside a helper, or if it was restarted)."""
    return _KEPT


def kept_facts() -> TextFacts | None:
    """The answers this process was given with the tokens (None if none)."""
    return _FACTS[0] if _FACTS else None


def from_columns(columns: Packed) -> dict[tuple[str, str], tuple[Token, ...]]:
    """The tokens again, as ``tokenize`` builds them (``tuple.__new__``, as its fast path does)."""
    keys, counts, fields = columns
    tokens = list(map(tuple.__new__, repeat(Token), zip(*fields, strict=True)))
    out: dict[tuple[str, str], tuple[Token, ...]] = {}
    start = 0
    for key, n in zip(keys, counts, strict=True):
        out[key] = tuple(tokens[start:start + n])
        start += n
    return out


def joined(parts: Sequence[tuple[Token, ...]], lengths: Sequence[int]) -> tuple[Token, ...]:
    """The tokens of ``" ".join`` of texts of ``lengths`` characters, from each text's tokens.

    A unit of several sentences is its sentences joined by one space, and its tokens are
    theirs, each text's shifted by the characters before it: ``tokenize`` matches words
    (``[^\\W_]+``, never a space) with an apostrophe kept only before another word, and the
    apostrophe, the one thing a following text can change, is stripped from the token
    anyway (tests/test_run_helper_work.py compares with ``tokenize`` on generated text).
    """
    new = tuple.__new__
    out: list[Token] = list(parts[0]) if parts else []
    offset = 0
    for k in range(1, len(parts)):
        offset += lengths[k - 1] + 1
        out += [new(Token, (t[0] + offset, t[1] + offset, t[2], t[3], t[4])) for t in parts[k]]
    return tuple(out)


def with_joined(known: Known, joins: Joins) -> dict[tuple[str, str], tuple[Token, ...]]:
    """``known`` and the tokens of each text of ``joins`` (its sentences' lengths), made
    from its sentences' tokens (``joined``) rather than by tokenising it again; a text
    whose sentences are not all known is left to be tokenised."""
    out = dict(known)
    for (text, lang), lengths in joins.items():
        if (text, lang) in out:
            continue
        parts, start = [], 0
        for n in lengths:
            parts.append(known.get((text[start:start + n], lang)))
            start += n + 1
        if all(p is not None for p in parts):
            out[text, lang] = joined(parts, lengths)  # type: ignore[arg-type]
    return out
