"""OpenDocument text (``.odt``, LibreOffice): headings, paragraphs, list items and cells, via odfpy.

The document is walked in order; ``text:h`` starts a passage, an empty ``text:p`` too (as
in a word processor), ``table:table-cell`` paragraphs are cells. Notes, annotations and
tracked deletions are not the text and are left out. ``content.xml`` is first checked with
the safe parser (no entities, no DTD, no network); odfpy then reads it with expat.
"""

from __future__ import annotations

import contextlib
import io
import zipfile
from xml.parsers.expat import ExpatError

from lxml import etree

from align.errors import DataError
from align.formats.document import BREAK, CELL, HEADING, LINE_BREAK, LIST_ITEM, PARAGRAPH, Grouper, ReadDocument
from align.io import safe_xml_parser

TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
SKIP = {(TEXT, "note"), (TEXT, "tracked-changes"), ("urn:oasis:names:tc:opendocument:xmlns:office:1.0",
                                                       "annotation"), (TEXT, "sequence-decls")}


def _text(node) -> str:
    """The words of a paragraph: spans, links and ``text:s`` spaces, notes left out."""
    parts = []
    for child in node.childNodes:
        if child.nodeType == child.TEXT_NODE:
            parts.append(child.data)
        elif child.qname in SKIP:
            continue
        elif child.qname == (TEXT, "s"):
            parts.append(" " * int(child.getAttribute("c") or 1))
        elif child.qname == (TEXT, "tab"):
            parts.append(" ")
        elif child.qname == (TEXT, "line-break"):
            parts.append(LINE_BREAK)
        else:
            parts.append(_text(child))
    return "".join(parts)


def _walk(node, items: list[tuple[str, str]], context: str = PARAGRAPH) -> None:
    for child in node.childNodes:
        if child.nodeType != child.ELEMENT_NODE or child.qname in SKIP:
            continue
        if child.qname == (TEXT, "h"):
            items.append((HEADING, _text(child)))
        elif child.qname == (TEXT, "p"):
            text = _text(child)
            items.append((context, text) if text.strip() or context != PARAGRAPH else (BREAK, ""))
        elif child.qname == (TEXT, "list-item"):
            _walk(child, items, LIST_ITEM)
        elif child.qname == (TABLE, "table-cell"):
            _walk(child, items, CELL)
        elif child.qname == (TABLE, "table"):
            items.append((BREAK, ""))
            _walk(child, items, context)
            items.append((BREAK, ""))
        else:
            _walk(child, items, context)


def _check_content(data: bytes, name: str) -> None:
    """``content.xml`` well-formed, checked with the safe parser first: odfpy prints a parse
    failure to standard output and goes on with an empty document."""
    try:
        content = zipfile.ZipFile(io.BytesIO(data)).read("content.xml")
    except (zipfile.BadZipFile, KeyError, OSError, EOFError) as exc:
        raise DataError(f"{name}: not a complete OpenDocument text (.odt): the zip archive is broken or "
                        "truncated") from exc
    try:
        etree.fromstring(content, safe_xml_parser())
    except etree.XMLSyntaxError as exc:
        raise DataError(f"{name}: not a readable OpenDocument text (.odt): its XML is malformed ({exc})") from exc


def read_odt(data: bytes, name: str) -> ReadDocument:
    """The text of an OpenDocument text file, its blocks in order."""
    from odf.opendocument import load

    _check_content(data, name)
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            document = load(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ExpatError, ValueError) as exc:
        raise DataError(f"{name}: not a readable OpenDocument text (.odt): {type(exc).__name__}") from exc
    if document.text is None:
        raise DataError(f"{name}: not an OpenDocument text (.odt): it has no text body")
    items: list[tuple[str, str]] = []
    _walk(document.text, items)
    g = Grouper()
    g.extend(items)
    if not g.blocks:
        raise DataError(f"{name}: the OpenDocument text holds no text")
    return ReadDocument(name, "OpenDocument text", tuple(g.blocks))
