"""Markdown (CommonMark, with tables): parsed by markdown-it-py, the markup left out of the text.

``# Title`` becomes a heading, ``**bold**`` and ``[link](url)`` their words, a list item
and a table cell each a block; fenced and indented code is not prose and is left out (a
CAT tool does the same). A soft line break inside a paragraph is a space, so a wrapped
Markdown file (pandoc writes 72 columns) is read right without ``--wrapped``.
"""

from __future__ import annotations

from markdown_it import MarkdownIt

from align.formats.document import BREAK, CELL, HEADING, LINE_BREAK, LIST_ITEM, PARAGRAPH, QUOTE, Grouper, ReadDocument
from align.io import decode

_KIND = {"heading_open": HEADING, "td_open": CELL, "th_open": CELL}


def _inline(token) -> str:
    parts = []
    for child in token.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append(" ")
        elif child.type == "hardbreak":
            parts.append(LINE_BREAK)
        elif child.type == "image":
            parts.append(child.content)
    return "".join(parts)


def read_markdown(data: bytes, name: str) -> ReadDocument:
    """Headings, paragraphs, list items, quotes and table cells, in document order."""
    text = decode(data, name)
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    g = Grouper()
    kinds: list[str] = []
    for tok in tokens:
        if tok.type == "hr":
            g.extend([(BREAK, "")])
        elif tok.nesting == 1:
            kind = _KIND.get(tok.type)
            if kind is None and tok.type == "list_item_open":
                kind = LIST_ITEM
            elif kind is None and tok.type == "blockquote_open":
                kind = QUOTE
            kinds.append(kind or (kinds[-1] if kinds and kinds[-1] in (LIST_ITEM, QUOTE) else PARAGRAPH))
        elif tok.nesting == -1 and kinds:
            kinds.pop()
        elif tok.type == "inline":
            g.add(kinds[-1] if kinds else PARAGRAPH, _inline(tok))
    return ReadDocument(name, "Markdown", tuple(g.blocks))
