"""A document as a reader returns it: its blocks (headings, paragraphs, list items, cells) in order.

Every reader of :mod:`align.formats.readers` turns a file into a :class:`ReadDocument`,
so the rest of the toolkit never sees markup. Each block is one paragraph of text; a
*passage* (``group``) is a run of blocks the document itself sets apart — a heading
starts one, so does a thematic break (``---``, ``<hr>``), an empty paragraph of a word
processor, or a blank line of a text file. ``text`` lays the blocks out as the
segmenter reads plain text (a line per block, a blank line between passages), so the
aligner gets the passages as its anchors (the ``block`` of each sentence) and the same
document gives the same units whatever its format.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

_WS = re.compile(r"[ \t\r\n\f\v]+")
HEADING, PARAGRAPH, LIST_ITEM, CELL, QUOTE, BREAK = "heading", "paragraph", "list item", "cell", "quote", "break"
# An explicit line break inside a block (Word's <w:br/>, HTML's <br>, Markdown's hard break):
# it ends a line, as a line break does in a text file, where a soft wrap is only a space.
LINE_BREAK = "\u2028"


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph-level piece of a document, its text on one line."""

    kind: str
    text: str
    group: int = 0


@dataclass(frozen=True)
class ReadDocument:
    """What a reader found in a file: blocks, the format's name, and warnings for the user."""

    name: str
    format: str
    blocks: tuple[Block, ...]
    warnings: tuple[str, ...] = ()
    raw_text: str | None = None  # a text file's own text (kept as is: its offsets are the file's)

    @property
    def text(self) -> str:
        """Blocks a line each, passages separated by a blank line (a text file: as it is)."""
        if self.raw_text is not None:
            return self.raw_text
        lines: list[str] = []
        group = None
        for b in self.blocks:
            if group is not None and b.group != group:
                lines.append("")
            lines.append(b.text)
            group = b.group
        return "\n".join(lines) + "\n" if lines else ""


def one_line(text: str) -> str:
    """A block's text on one line: runs of spaces, tabs and line breaks (a soft wrap) become
    one space. No-break spaces (French ``:`` and ``«``) are text, and are kept.

    One C-level substitution (each run becomes one space, the one at either end goes), not a
    Python generator over the parts: a text file is one call per line."""
    return _WS.sub(" ", text).strip(" ")


class Grouper:
    """Builds blocks with their passage numbers: ``new_passage()`` before a heading or a break."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.group = 0
        self._pending = False

    def new_passage(self) -> None:
        self._pending = bool(self.blocks)

    def add(self, kind: str, text: str) -> None:
        """One block per line of ``text`` (lines split at ``LINE_BREAK``), in one passage."""
        lines = [line for line in map(one_line, text.split(LINE_BREAK)) if line]
        if not lines:
            return
        if kind == HEADING:
            self.new_passage()
        if self._pending:
            self.group += 1
            self._pending = False
        self.blocks.extend(Block(kind, line, self.group) for line in lines)

    def extend(self, items: Iterable[tuple[str, str]]) -> None:
        for kind, text in items:
            if kind == BREAK:
                self.new_passage()
            else:
                self.add(kind, text)
