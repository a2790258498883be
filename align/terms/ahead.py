"""Answers the checks ask of single texts, found ahead for a document's sentences.

While the helper process aligns a long document, this process tokenises the sentences
(``align.terms.pretokenised``) and then waits: 12 of the aligner's 14 s on 100,000
sentences. Several checks ask questions of one text at a time, and on a long document
those questions are most of the term stage: the repeat key of every source and target
(the two repeat checks), whether a source holds a number to carry over (most hold none,
and reading them was most of ``number_changed``), whether a target may repeat a word,
the marks French spaces in a target, the names in a source. A unit of one sentence on
each side, most units, has that sentence's text, so the answers for every sentence,
found while waiting (``facts_of``), are the checks' answers for most units. A check
looks its unit's text up in :class:`~align.terms.context.TextFacts` and works out what
is not there (a unit of several sentences) as before: the answers are the same pure
functions of the same texts, so a report is the same with or without them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from align.terms.checks_segments import _key
from align.terms.checks_typo import _REPEAT, _marks
from align.terms.context import TextFacts
from align.terms.names import name_tokens
from align.terms.numbers import to_carry
from align.terms.pretokenised import Joins, Known
from align.terms.text import tokenize


def facts_of(sources: Sequence[str], targets: Sequence[str], source_lang: str, target_lang: str,
             known: Known | None = None) -> TextFacts:
    """The answers for each distinct sentence (``known``: their tokens, made already)."""
    sources, targets = tuple(dict.fromkeys(sources)), tuple(dict.fromkeys(targets))
    known = known or {}
    names = {}
    for text in sources:
        tokens = known.get((text, source_lang))
        found = name_tokens(tokenize(text, source_lang) if tokens is None else tokens)
        if found:
            names[text] = tuple(found)
    return TextFacts(
        source_lang, target_lang,
        source_keys={text: _key(text) for text in sources},
        target_keys={text: _key(text) for text in targets},
        numbers={text: bool(to_carry(text, source_lang)) for text in sources},
        repeats={text: _REPEAT.search(text) is not None for text in targets},
        marks={text: tuple(_marks(text)) for text in targets},
        names=names, named=frozenset(sources),
    )


def with_joined(facts: TextFacts | None, joins: Joins) -> TextFacts | None:
    """``facts`` with the repeat keys of the texts made of several sentences (``joins``:
    by (text, language), their sentences' lengths), made from their sentences' keys.

    The key is the text's words, lower case and folded, joined by spaces: sentences joined
    by one space keep their words apart, and folding works character by character (the
    space also ends a Greek final sigma as the end of a text does), so a unit's key is its
    sentences' keys joined (``tests/test_checks_ahead.py`` compares with ``_key``). The
    other answers are not made so: a repeated word, a number or a mark can straddle the join.
    """
    if facts is None or not joins:
        return facts
    keys = {facts.source_lang: dict(facts.source_keys), facts.target_lang: dict(facts.target_keys)}
    for (text, lang), lengths in joins.items():
        known = keys.get(lang)
        if known is None or text in known:
            continue
        parts, start = [], 0
        for n in lengths:
            parts.append(known.get(text[start:start + n]))
            start += n + 1
        if None not in parts:
            known[text] = " ".join(k for k in parts if k)
    return replace(facts, source_keys=keys[facts.source_lang], target_keys=keys[facts.target_lang])
