"""Word documents (``.docx``, Office Open XML): paragraphs and tables in document order, via python-docx.

Headings (``Heading n``/``Title`` styles) start a passage, as does an empty paragraph (how
a writer separates fragments in Word); list paragraphs are list items; each table cell is
a block. Fields, comments, headers and footers are not the document's prose and are left
out. A file that is not a complete zip archive (truncated, renamed) gets one line that
says so.
"""

from __future__ import annotations

import io
import zipfile

from align.errors import DataError
from align.formats.document import BREAK, CELL, HEADING, LINE_BREAK, LIST_ITEM, PARAGRAPH, Grouper, ReadDocument

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _kind(paragraph) -> str:
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    if style.startswith(("Heading", "Title", "Subtitle")):
        return HEADING
    if style.startswith("List") or paragraph._p.find(f"{W}pPr/{W}numPr") is not None:
        return LIST_ITEM
    return PARAGRAPH


def _items(document) -> list[tuple[str, str]]:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    items: list[tuple[str, str]] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            text = block.text.replace("\n", LINE_BREAK)  # python-docx renders <w:br/> and <w:cr/> as \n
            items.append((_kind(block), text) if text.strip() else (BREAK, ""))
        elif isinstance(block, Table):
            items.append((BREAK, ""))
            for row in block.rows:
                seen = set()
                for cell in row.cells:
                    if id(cell._tc) not in seen:  # a merged cell is listed once per grid column
                        seen.add(id(cell._tc))
                        items.append((CELL, cell.text))
            items.append((BREAK, ""))
    return items


def read_docx(data: bytes, name: str) -> ReadDocument:
    """The text of a Word document, its blocks in order."""
    try:
        import docx
    except ImportError as exc:  # pragma: no cover - a dependency of the package
        raise DataError(f"{name}: reading .docx needs python-docx (pip install python-docx)") from exc
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise DataError(f"{name}: not a complete Word document (.docx): the zip archive is broken or "
                        "truncated") from exc
    except Exception as exc:  # python-docx raises its own errors, and lxml's for bad XML inside
        raise DataError(f"{name}: not a readable Word document (.docx): {type(exc).__name__}") from exc
    g = Grouper()
    g.extend(_items(document))
    if not g.blocks:
        raise DataError(f"{name}: the Word document holds no text")
    return ReadDocument(name, "Word document", tuple(g.blocks))
