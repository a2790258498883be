"""The reader registry: a document file of any accepted format in, its text and blocks out.

translate-toolkit's storage factory is the model: a reader per format, chosen by what the
file *is* — its content sniffed first (a renamed ``.docx`` is still a Word document, HTML
saved as ``.txt`` is still HTML), its extension when the content cannot tell (Markdown is
text). A file no reader accepts gets one line naming what it looks like and what is
accepted, never encoding advice for a binary file::

    report.pdf: this is a PDF document, which align does not read (…)

Readers: ``text`` (:mod:`.text`), ``markdown`` (:mod:`.markdown`), ``html`` (:mod:`.html`),
``docx`` (:mod:`.docx`), ``odt`` (:mod:`.odt`). Bilingual files (TMX, XLIFF) are read by
``align.job.read_units`` for ``align terms``.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from align.errors import DataError
from align.formats.document import ReadDocument
from align.formats.docx import read_docx
from align.formats.html import read_html
from align.formats.markdown import read_markdown
from align.formats.odt import read_odt
from align.formats.text import read_txt
from align.io import read_bytes


@dataclass(frozen=True)
class Reader:
    """One document format: its name, the extensions that name it, and its reading function."""

    name: str
    description: str
    extensions: tuple[str, ...]
    read: Callable[[bytes, str], ReadDocument]


READERS: dict[str, Reader] = {r.name: r for r in (
    Reader("text", "plain text (UTF-8)", (".txt", ".text", ""), read_txt),
    Reader("markdown", "Markdown", (".md", ".markdown"), read_markdown),
    Reader("html", "HTML page", (".html", ".htm", ".xhtml"), read_html),
    Reader("docx", "Word document", (".docx",), read_docx),
    Reader("odt", "OpenDocument text", (".odt",), read_odt),
)}
ACCEPTED = ".txt, .md, .html/.htm, .docx, .odt"
_BY_EXTENSION = {ext: r for r in READERS.values() for ext in r.extensions if ext}

_MAGIC = (
    (b"%PDF", "a PDF document"), (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"), (b"II*\x00", "a TIFF image"), (b"MM\x00*", "a TIFF image"),
    (b"\x1f\x8b", "a gzip archive"), (b"7z\xbc\xaf", "a 7-Zip archive"), (b"Rar!", "a RAR archive"),
    (b"\xd0\xcf\x11\xe0", "an old Office file (.doc, .xls or .ppt, before 2007)"), (b"{\\rtf", "an RTF document"),
    (b"\x00\x00\x01\x00", "an icon"), (b"OggS", "an audio file"), (b"ID3", "an MP3 file"),
)
_ZIP_KINDS = (
    ("word/document.xml", "docx"), ("xl/workbook.xml", "an Excel workbook (.xlsx)"),
    ("ppt/presentation.xml", "a PowerPoint presentation (.pptx)"),
)
_ODF = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "an OpenDocument spreadsheet (.ods)",
    b"application/vnd.oasis.opendocument.presentation": "an OpenDocument presentation (.odp)",
}
_HTML = re.compile(rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html[\s>]|head[\s>]|body[\s>])", re.IGNORECASE | re.DOTALL)
_TAGS = re.compile(rb"</(p|div|span|li|td|h[1-6]|a|b|i|em|strong)>", re.IGNORECASE)
_XML_KINDS = ((b"<xliff", "an XLIFF file (bilingual)"), (b"<tmx", "a TMX translation memory (bilingual)"),
              (b"<martif", "a TBX termbase"), (b"<tbx", "a TBX termbase"), (b"<srx", "an SRX rules file"))


def sniff(data: bytes) -> str:
    """A reader's name, or what the content looks like (``"a PDF document"``) when no reader takes it."""
    head = data[:8192]
    for magic, kind in _MAGIC:
        if kind and head.startswith(magic):
            return kind
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip_kind(data)
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text.startswith(b"<"):
        for tag, kind in _XML_KINDS:
            if tag in head:
                return kind
    if _HTML.match(text) or len(_TAGS.findall(head)) >= 3:
        return "html"
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")) and head.count(0) < len(head) // 4:
        return "a binary file"
    return "text"


def _zip_kind(data: bytes) -> str:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
        mimetype = archive.read("mimetype").strip() if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, KeyError, EOFError):
        return "a broken or truncated zip archive"
    if mimetype in _ODF:
        return _ODF[mimetype]
    for member, kind in _ZIP_KINDS:
        if member in names:
            return kind
    return "a zip archive"


def reader_for(data: bytes, name: str) -> Reader:
    """The reader of this file: by content, then by extension (Markdown is text by content)."""
    kind = sniff(data)
    ext = Path(name).suffix.lower()
    by_ext = _BY_EXTENSION.get(ext)
    if kind == "text":
        return by_ext if by_ext is not None and by_ext.name in ("text", "markdown") else READERS["text"]
    if kind in READERS:
        return READERS[kind]
    if kind.startswith("a broken") and by_ext is not None and by_ext.name in ("docx", "odt"):
        return by_ext  # its reader says precisely what is wrong
    raise DataError(f"{name}: this is {kind}, which align does not read as a document", hint=_advice(kind))


def _advice(kind: str) -> str:
    if "bilingual" in kind:
        return "align terms reads TMX and XLIFF; align run takes one document per language (" + ACCEPTED + ")"
    if "PDF" in kind:
        return f"accepted: {ACCEPTED}; copy a PDF's text out first (e.g. pdftotext), then use --wrapped"
    return f"accepted: {ACCEPTED}"


def read_document(path: str | Path) -> ReadDocument:
    """Read a document file (``-`` = standard input) with the reader its content calls for."""
    return parse_document(read_bytes(path), "standard input" if str(path) == "-" else str(path))


def parse_document(data: bytes, name: str) -> ReadDocument:
    """The document in ``data`` (a file called ``name``), read by the reader its content calls for."""
    document = reader_for(data, name).read(data, name)
    if not document.text.strip():
        raise DataError(f"{name}: file is empty")
    return document
