"""User dictionary / glossary anchors: a shared ``g:k`` feature per entry found on each side.

(The lexicon bootstrapped from the text itself is in ``ibm1.py``.)
"""

from __future__ import annotations

from collections.abc import Sequence


def phrase_index(phrases: Sequence[Sequence[str]]) -> dict[str, list[tuple[tuple[str, ...], int]]]:
    """Dictionary phrases (folded word tuples) indexed by their first word."""
    index: dict[str, list[tuple[tuple[str, ...], int]]] = {}
    for k, phrase in enumerate(phrases):
        if phrase:
            index.setdefault(phrase[0], []).append((tuple(phrase), k))
    return index


def dictionary_features(words: Sequence[str], index: dict[str, list[tuple[tuple[str, ...], int]]]) -> list[str]:
    """``g:<k>`` for each user dictionary / glossary entry ``k`` found in the sentence."""
    out = []
    for i, w in enumerate(words):
        for phrase, k in index.get(w, ()):
            if tuple(words[i:i + len(phrase)]) == phrase:
                out.append(f"g:{k}")
    return out
