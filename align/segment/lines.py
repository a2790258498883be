"""Paragraph structure: the layer above sentences.

One paragraph per line is how translators' plain-text files are laid out, so a line break
always ends a sentence: a heading without final punctuation (``Looking ahead``), a list
item (``- Liang Wenfeng : …``, ``• …``, ``1. …``) and a speaker label line
(``An Yong : …``) are never glued to the next line. A blank line starts a new *block*.

Two exceptions join lines, because the break is not the author's:

* ``soft_wrap``: a line that ends with a space and is followed by a lower-case word was
  wrapped by an editor (``It was a cold \\nnight in the city.``);
* ``wrapped=True`` (text extracted from PDF): any line followed by a lower-case word
  (``This is a sentence\\ncut off in the middle because pdf.``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

# str.splitlines' line boundaries (\r\n, \r, \n, \v, \f, \x1c-\x1e, \x85, \u2028, \u2029).
LINE_BREAK = re.compile(r"\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")
_NON_SPACE = re.compile(r"\S")


class Chunk(NamedTuple):
    """A run of text segmented as one paragraph: ``text[start:end]``, first line's index, block."""

    start: int
    end: int
    paragraph: int
    block: int


_BREAK_CHARS = "\r\n\v\f\x1c\x1d\x1e\x85\u2028\u2029"


def raw_lines(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every line, whatever the line ending (mixed endings welcome); the
    text after the last line break is a line too, even when empty. ``str.splitlines``
    cuts at LINE_BREAK, in C."""
    pos = 0
    for piece in text.splitlines(True):
        yield pos, pos + len(piece.rstrip(_BREAK_CHARS))  # a piece holds one break, at its end
        pos += len(piece)
    if not text or text[-1] in _BREAK_CHARS:
        yield pos, pos


def _joins(text: str, end: int, next_start: int, next_end: int, wrapped: bool) -> bool:
    """Whether the line ending at ``end`` goes on in the next line (see the module doc)."""
    if not wrapped and text[end - 1:end] not in (" ", "\t"):
        return False
    first = _NON_SPACE.search(text, next_start, next_end)
    return bool(first) and first.group().islower()


def chunks(text: str, wrapped: bool = False) -> Iterator[Chunk]:
    """Paragraph chunks of ``text``: non-blank lines, joined only by the two exceptions."""
    paragraph, block, blank_run = -1, 0, False
    current: list[int] | None = None  # [start, end, paragraph, block]
    for start, end in raw_lines(text):
        if not _NON_SPACE.search(text, start, end):
            blank_run = paragraph >= 0
            if current:
                yield Chunk(*current)
                current = None
            continue
        if blank_run:
            block, blank_run = block + 1, False
        paragraph += 1
        if current and _joins(text, current[1], start, end, wrapped):
            current[1] = end
            continue
        if current:
            yield Chunk(*current)
        current = [start, end, paragraph, block]
    if current:
        yield Chunk(*current)
